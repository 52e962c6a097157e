// Pins the page-table model to domain.md §2.3/§3: leaf placement, the §3.2 split counts and
// shapes for all three granules, range_split_to_ptes (513 pages per GiB at 4K), the leaf and
// permission walkers, and run-length sharing.
import { describe, expect, it } from "vitest";
import { geometryFor, pageOffset, type Granule } from "../../src/sim/geometry.js";
import { KernelPageTable, PAGE_KERNEL, withAttrs, type TableView } from "../../src/sim/page-table/index.js";

const K = 1024n;
const M = K * K;
const G = M * K;
const T = G * K;

function table(granule: Granule, vaBits = 48): { pt: KernelPageTable; po: bigint } {
  const pt = new KernelPageTable(geometryFor(granule, vaBits));
  return { pt, po: pageOffset(vaBits) };
}

/** Entry counts of one table and how many aligned CONT groups are wholly contiguous. */
function shape(view: TableView | null, group: number) {
  if (!view) throw new Error("no table");
  let cont = 0;
  let plain = 0;
  let tables = 0;
  let empty = 0;
  const contFlags: boolean[] = [];
  for (const r of view.runs) {
    const isCont = r.kind === "leaf" && r.attrs!.cont;
    if (r.kind === "leaf") {
      if (isCont) cont += r.count;
      else plain += r.count;
    } else if (r.kind === "table") tables += r.count;
    else empty += r.count;
    for (let i = 0; i < r.count; i++) contFlags.push(isCont);
  }
  let intactGroups = 0;
  for (let g = 0; g < contFlags.length; g += group) if (contFlags.slice(g, g + group).every(Boolean)) intactGroups++;
  return { cont, plain, tables, empty, intactGroups };
}

describe("mapRange places leaves by the §2.3 rules", () => {
  it("4K: PUD blocks, CONT_PMD groups, CONT_PTE groups, with page-table pages counted", () => {
    const { pt, po } = table("4K");
    const end = po + 4n * G + 34n * M + 68n * K;
    const r = pt.mapRange(po, end, PAGE_KERNEL, { allocator: "memblock" });
    // one PUD table, one PMD table (the 34 MiB tail), one PTE table (the 68 KiB tail)
    expect(r.pages).toBe(3);
    const runs = [...pt.leaves(po, end)].map((l) => [l.level, l.end - l.start, l.cont]);
    expect(runs).toEqual([
      ["PUD", 4n * G, false],
      ["PMD", 32n * M, true],
      ["PMD", 2n * M, false],
      ["PTE", 64n * K, true],
      ["PTE", 4n * K, false],
    ]);
    const s = pt.stats();
    expect(s.allocated).toEqual({ memblock: 3, buddy: 0, atomic: 0 });
    expect(s.tablePages).toBe(3);
    expect(s.levels.map((l) => [l.level, l.tables, l.leafEntries, l.tableEntries, l.contEntries])).toEqual([
      ["P4D", 1, 0, 1, 0],
      ["PUD", 1, 4, 1, 0],
      ["PMD", 1, 17, 1, 16],
      ["PTE", 1, 17, 0, 16],
    ]);
  });

  it("forcePte maps pages only, still with CONT_PTE unless noCont", () => {
    const { pt, po } = table("4K");
    expect(pt.mapRange(po, po + 1n * G, PAGE_KERNEL, { allocator: "memblock", forcePte: true }).pages).toBe(1 + 1 + 512);
    expect(pt.stats().levels[3].contEntries).toBe(512 * 512);
    const { pt: nc, po: po2 } = table("4K");
    nc.mapRange(po2, po2 + 1n * G, PAGE_KERNEL, { allocator: "memblock", forcePte: true, noCont: true });
    expect(nc.stats().levels[3]).toMatchObject({ leafEntries: 512 * 512, contEntries: 0 });
    // noCont alone keeps blocks but never sets the bit
    const { pt: nb, po: po3 } = table("4K");
    nb.mapRange(po3 + 1n * G, po3 + 1n * G + 64n * M, PAGE_KERNEL, { allocator: "memblock", noCont: true });
    expect([...nb.leaves()].map((l) => [l.level, l.end - l.start, l.cont])).toEqual([["PMD", 64n * M, false]]);
  });

  it("uses no block whose physical address is misaligned", () => {
    const { pt, po } = table("4K");
    // PA offset by 64 KiB: no PUD or PMD block can be used, CONT_PTE still can.
    pt.mapRange(po, po + 1n * G, PAGE_KERNEL, { allocator: "memblock", pa: 64n * K });
    const l = [...pt.leaves()];
    expect(l.map((x) => [x.level, x.cont, x.end - x.start, x.pa])).toEqual([["PTE", true, 1n * G, 64n * K]]);
    // PA offset by 4 KiB: not even CONT_PTE.
    const { pt: p2, po: q } = table("4K");
    p2.mapRange(q, q + 2n * M, PAGE_KERNEL, { allocator: "memblock", pa: 4n * K });
    expect([...p2.leaves()].map((x) => [x.level, x.cont])).toEqual([["PTE", false]]);
  });

  it("16K and 64K: no PUD blocks; PMD blocks with CONT_PMD groups of 1 GiB / 16 GiB", () => {
    const a = table("16K");
    expect(a.pt.mapRange(a.po, a.po + 65n * G, PAGE_KERNEL, { allocator: "memblock" }).pages).toBe(1 + 2);
    expect([...a.pt.leaves()].map((x) => [x.level, x.cont, x.end - x.start])).toEqual([["PMD", true, 65n * G]]);
    const b = table("64K");
    expect(b.pt.mapRange(b.po, b.po + 17n * G, PAGE_KERNEL, { allocator: "memblock" }).pages).toBe(1);
    expect([...b.pt.leaves()].map((x) => [x.level, x.cont, x.end - x.start])).toEqual([
      ["PMD", true, 16n * G],
      ["PMD", false, 1n * G],
    ]);
  });
});

describe("split_kernel_leaf_mapping_locked (§3.2)", () => {
  const fourK: [string, bigint, number, string[]][] = [
    ["1 GiB aligned", 1n * G, 0, []],
    ["32 MiB aligned", 1n * G + 32n * M, 1, ["split_pud"]],
    ["2 MiB aligned, not 32 MiB", 1n * G + 34n * M, 1, ["split_pud", "split_contpmd"]],
    ["64 KiB aligned, not 2 MiB", 1n * G + 34n * M + 64n * K, 2, ["split_pud", "split_contpmd", "split_pmd"]],
    ["4 KiB aligned only", 1n * G + 34n * M + 68n * K, 2, ["split_pud", "split_contpmd", "split_pmd", "split_contpte"]],
  ];
  it.each(fourK)("4K, point inside a PUD block, %s", (_, off, pages, steps) => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    const r = pt.splitKernelLeafMappingLocked(po + off);
    expect(r.pages).toBe(pages);
    expect(r.steps).toEqual(steps);
    expect(pt.stats().allocated.buddy).toBe(pages);
    expect(pt.leafAt(po + off)!.start).toBe(po + off);
  });

  it("4K shape after splitting a 1 GiB block at a 4 KiB-only point", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    const x = po + 1n * G + 34n * M + 68n * K;
    pt.splitKernelLeafMappingLocked(x);
    expect(shape(pt.tableAt(x, "PMD"), 16)).toEqual({ cont: 496, plain: 15, tables: 1, empty: 0, intactGroups: 31 });
    expect(shape(pt.tableAt(x, "PTE"), 16)).toEqual({ cont: 496, plain: 16, tables: 0, empty: 0, intactGroups: 31 });
    expect(pt.stats().contGroupsSplit).toEqual({ PMD: 1, PTE: 1 });
    // The leaf walker sees the same shape, merged.
    expect([...pt.leaves(po + 1n * G, po + 2n * G)].map((l) => [l.level, l.cont, l.end - l.start])).toEqual([
      ["PMD", true, 32n * M],
      ["PMD", false, 2n * M],
      ["PTE", true, 64n * K],
      ["PTE", false, 64n * K],
      ["PTE", true, 2n * M - 128n * K],
      ["PMD", false, 28n * M],
      ["PMD", true, 1n * G - 64n * M],
    ]);
  });

  it("4K follow-up splits: PMD block under a PMD table costs 1 page unless 2 MiB aligned; inside a PTE table 0", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    pt.splitKernelLeafMappingLocked(po + 1n * G + 34n * M + 68n * K);
    const b = po + 1n * G + 100n * M;
    expect(pt.splitKernelLeafMappingLocked(b + 4n * K)).toEqual({ pages: 1, steps: ["split_contpmd", "split_pmd", "split_contpte"] });
    expect(pt.splitKernelLeafMappingLocked(b + 2n * M)).toEqual({ pages: 0, steps: [] });
    expect(pt.splitKernelLeafMappingLocked(b + 6n * M)).toEqual({ pages: 0, steps: [] });
    // the first split already cleared CONT on [96 MiB, 128 MiB); the next group is intact
    expect(pt.splitKernelLeafMappingLocked(b + 28n * M + 6n * M)).toEqual({ pages: 0, steps: ["split_contpmd"] });
    expect(pt.splitKernelLeafMappingLocked(b + 8n * K)).toEqual({ pages: 0, steps: [] });
    expect(pt.splitKernelLeafMappingLocked(b + 1n * M + 4n * K)).toEqual({ pages: 0, steps: ["split_contpte"] });
    // not present: nothing
    expect(pt.splitKernelLeafMappingLocked(po + 5n * G + 4n * K)).toEqual({ pages: 0, steps: [] });
  });

  it("4K: a present-invalid block splits into present-invalid entries; a non-present one is left alone", () => {
    const { pt, po } = table("4K");
    const invalid = withAttrs(PAGE_KERNEL, { valid: false, presentInvalid: true, ng: true });
    pt.mapRange(po, po + 1n * G, invalid, { allocator: "memblock" });
    expect(pt.splitKernelLeafMappingLocked(po + 4n * K).pages).toBe(2);
    expect(new Set([...pt.leaves()].map((l) => l.attrs.valid || !l.attrs.presentInvalid))).toEqual(new Set([false]));
    const q = table("4K");
    q.pt.mapRange(q.po, q.po + 1n * G, withAttrs(PAGE_KERNEL, { valid: false }), { allocator: "memblock" });
    expect(q.pt.splitKernelLeafMappingLocked(q.po + 4n * K)).toEqual({ pages: 0, steps: [] });
  });

  it("16K: inside a CONT_PMD group, not 32 MiB aligned: 1 page of 2048 PTEs in 16 groups of 128", () => {
    const { pt, po } = table("16K");
    pt.mapRange(po, po + 128n * G, PAGE_KERNEL, { allocator: "memblock" });
    const x = po + 1n * G + 3n * 32n * M + 5n * 2n * M + 3n * 16n * K;
    expect(pt.splitKernelLeafMappingLocked(x)).toEqual({ pages: 1, steps: ["split_contpmd", "split_pmd", "split_contpte"] });
    expect(shape(pt.tableAt(x, "PMD"), 32)).toEqual({ cont: 2016, plain: 31, tables: 1, empty: 0, intactGroups: 63 });
    expect(shape(pt.tableAt(x, "PTE"), 128)).toEqual({ cont: 1920, plain: 128, tables: 0, empty: 0, intactGroups: 15 });
    // 2 MiB aligned: the PTE groups stay intact
    const y = po + 2n * G + 3n * 32n * M + 2n * M;
    expect(pt.splitKernelLeafMappingLocked(y)).toEqual({ pages: 1, steps: ["split_contpmd", "split_pmd"] });
    expect(shape(pt.tableAt(y, "PTE"), 128)).toEqual({ cont: 2048, plain: 0, tables: 0, empty: 0, intactGroups: 16 });
    // 32 MiB aligned, not 1 GiB: only the CONT_PMD group
    expect(pt.splitKernelLeafMappingLocked(po + 3n * G + 32n * M)).toEqual({ pages: 0, steps: ["split_contpmd"] });
    expect(pt.splitKernelLeafMappingLocked(po + 4n * G)).toEqual({ pages: 0, steps: [] });
  });

  it("64K: inside a 512 MiB block, not 2 MiB aligned: 1 page of 8192 PTEs in 256 groups of 32", () => {
    const { pt, po } = table("64K");
    pt.mapRange(po, po + 64n * G, PAGE_KERNEL, { allocator: "memblock" });
    const x = po + 16n * G + 2n * 512n * M + 3n * 2n * M + 5n * 64n * K;
    expect(pt.splitKernelLeafMappingLocked(x)).toEqual({ pages: 1, steps: ["split_contpmd", "split_pmd", "split_contpte"] });
    // 64 GiB mapped = 128 of the 8192 PMDs (4 TiB per PMD table)
    expect(shape(pt.tableAt(x, "PMD"), 32)).toEqual({ cont: 96, plain: 31, tables: 1, empty: 8064, intactGroups: 3 });
    expect(shape(pt.tableAt(x, "PTE"), 32)).toEqual({ cont: 8160, plain: 32, tables: 0, empty: 0, intactGroups: 255 });
    expect(pt.stats().levels.map((l) => l.tables)).toEqual([1, 1, 1]);
  });

  it("folded levels keep the kernel's *_SIZE: with 2 levels a PGD-aligned point is already a boundary", () => {
    // 64K/42: PGDIR_SIZE = PMD_SIZE = 512 MiB, so a 512 MiB aligned point inside a 16 GiB
    // CONT_PMD group returns at the PGD check and the group keeps its bit.
    const { pt, po } = table("64K", 42);
    pt.mapRange(po, po + 32n * G, PAGE_KERNEL, { allocator: "memblock" });
    expect(pt.splitKernelLeafMappingLocked(po + 512n * M)).toEqual({ pages: 0, steps: [] });
    expect(pt.splitKernelLeafMappingLocked(po + 512n * M + 64n * K)).toEqual({
      pages: 1,
      steps: ["split_contpmd", "split_pmd", "split_contpte"],
    });
    // 4K/39: the top table is the PUD, with 1 GiB blocks
    const t = table("4K", 39);
    t.pt.mapRange(t.po, t.po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    expect(t.pt.stats().tablePages).toBe(0);
    expect(t.pt.splitKernelLeafMappingLocked(t.po + 1n * G + 4n * K)).toEqual({
      pages: 2,
      steps: ["split_pud", "split_contpmd", "split_pmd", "split_contpte"],
    });
    expect([...t.pt.leaves(t.po, t.po + 1n * G)].map((l) => l.ptdumpLevel)).toEqual(["PGD"]);
  });
});

describe("range_split_to_ptes (§3.4)", () => {
  it("4K: 513 page-table pages per GiB", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    const r = pt.rangeSplitToPtes(po, po + 4n * G, "atomic");
    expect(r.pages).toBe(4 * 513);
    expect(pt.stats().allocated).toEqual({ memblock: 1, buddy: 0, atomic: 2052 });
    expect([...pt.leaves()].map((l) => [l.level, l.cont, l.end - l.start])).toEqual([["PTE", false, 4n * G]]);
  });

  it("4K repaint keeps [_stext, __init_begin): the partial 2 MiB block at _text costs one more PTE table", () => {
    const text = 1n * G + 32n * M;
    const stext = text + 64n * K;
    const initBegin = text + 20n * M;
    const run = (keepStart: bigint) => {
      const { pt, po } = table("4K");
      pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
      const r = pt.rangeSplitToPtes(po, po + 4n * G, "atomic", { start: po + keepStart, end: po + initBegin });
      return { r, pt, po };
    };
    const { r, pt, po } = run(stext);
    // 3 whole GiB (3 × 513) + the PMD table of the kernel's GiB + its 512 − 10 kept + 1 PMDs
    expect(r.pages).toBe(3 * 513 + 1 + 503);
    expect(run(text).r.pages).toBe(r.pages - 1);
    // The kept alias: nine 2 MiB blocks, plain (split_pud ran with to_cont = false)
    expect([...pt.leaves(po + text, po + initBegin)].map((l) => [l.level, l.cont, l.end - l.start])).toEqual([
      ["PTE", false, 2n * M],
      ["PMD", false, 18n * M],
    ]);
  });

  it("a CONT group touched by the range loses the bit on all its entries, even outside the range", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po + 1n * G, po + 1n * G + 64n * M, PAGE_KERNEL, { allocator: "memblock" });
    const r = pt.rangeSplitToPtes(po + 1n * G + 2n * M, po + 1n * G + 4n * M, "buddy");
    expect(r).toEqual({ pages: 1, contGroupsCleared: { PMD: 1, PTE: 0 } });
    expect([...pt.leaves()].map((l) => [l.level, l.cont, l.end - l.start])).toEqual([
      ["PMD", false, 2n * M],
      ["PTE", false, 2n * M],
      ["PMD", false, 28n * M],
      ["PMD", true, 32n * M],
    ]);
    // PTE level: one CONT_PTE group straddling the range start
    const q = table("4K");
    q.pt.mapRange(q.po, q.po + 2n * M, PAGE_KERNEL, { allocator: "memblock", forcePte: true });
    expect(q.pt.rangeSplitToPtes(q.po + 60n * K, q.po + 132n * K, "buddy").contGroupsCleared).toEqual({ PMD: 0, PTE: 3 });
    expect([...q.pt.leaves()].map((l) => [l.cont, l.end - l.start])).toEqual([
      [false, 192n * K],
      [true, 2n * M - 192n * K],
    ]);
  });

  it("16K and 64K: one PTE table per PMD block", () => {
    const a = table("16K");
    a.pt.mapRange(a.po, a.po + 2n * G, PAGE_KERNEL, { allocator: "memblock" });
    expect(a.pt.rangeSplitToPtes(a.po, a.po + 2n * G, "atomic")).toEqual({ pages: 64, contGroupsCleared: { PMD: 2, PTE: 0 } });
    const b = table("64K");
    b.pt.mapRange(b.po, b.po + 16n * G, PAGE_KERNEL, { allocator: "memblock" });
    expect(b.pt.rangeSplitToPtes(b.po, b.po + 16n * G, "atomic").pages).toBe(32);
  });

  it("run-length sharing: 64 TiB split to PTEs holds as few tables as 4 GiB", () => {
    const small = table("4K");
    small.pt.mapRange(small.po, small.po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    small.pt.rangeSplitToPtes(small.po, small.po + 4n * G, "atomic");

    const { pt, po } = table("4K");
    const t0 = performance.now();
    pt.mapRange(po, po + 64n * T, PAGE_KERNEL, { allocator: "memblock" });
    const r = pt.rangeSplitToPtes(po, po + 64n * T, "atomic");
    const elapsed = performance.now() - t0;
    expect(r.pages).toBe(65536 * 513);
    expect(pt.stats().tablePages).toBe(128 + 65536 * 513);
    expect(pt.stats().levels[3].leafEntries).toBe(Number((64n * T) / (4n * K)));
    expect(pt.distinctTables()).toBe(small.pt.distinctTables());
    expect(pt.distinctTables()).toBeLessThanOrEqual(4);
    expect([...pt.leaves()].length).toBe(1);
    expect(elapsed).toBeLessThan(500);
  });
});

describe("updateRangeProt (pageattr walker)", () => {
  const RO = { ro: true } as const;

  it("changes whole leaves in place after the end points were split", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    const s = po + 1n * G + 34n * M + 68n * K;
    const e = po + 3n * G + 4n * K;
    pt.splitKernelLeafMappingLocked(s);
    pt.splitKernelLeafMappingLocked(e);
    const r = pt.updateRangeProt(s, e, RO, {});
    expect(r).toEqual({ partial: null, changed: { start: s, end: e }, contGroupsCleared: 0, contGroupsMixed: 0 });
    const ro = [...pt.leaves()].filter((l) => l.attrs.ro);
    expect(ro[0].start).toBe(s);
    expect(ro[ro.length - 1].end).toBe(e);
    // whole PUD block [2G, 3G) changed in place, still a block
    expect(pt.leafAt(po + 2n * G)).toMatchObject({ level: "PUD", start: po + 2n * G, end: po + 3n * G });
    expect(pt.leafAt(po + 2n * G)!.attrs.ro).toBe(true);
    expect(pt.leafAt(po + 1n * G + 34n * M)!.attrs.ro).toBe(false);
  });

  it("reports the first partially covered block; leaves before it are already changed", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 4n * G, PAGE_KERNEL, { allocator: "memblock" });
    const a = pt.updateRangeProt(po + 1n * G + 2n * M, po + 1n * G + 4n * M, RO, {});
    expect(a.partial).toMatchObject({ level: "PUD", start: po + 1n * G, end: po + 2n * G });
    expect(a.changed).toBeNull();
    expect([...pt.leaves()].some((l) => l.attrs.ro)).toBe(false);
    const b = pt.updateRangeProt(po + 1n * G, po + 2n * G + 4n * K, RO, {});
    expect(b.partial).toMatchObject({ level: "PUD", start: po + 2n * G });
    expect(b.changed).toEqual({ start: po + 1n * G, end: po + 2n * G });
    expect(pt.leafAt(po + 1n * G)!.attrs.ro).toBe(true);
    expect(pt.leafAt(po + 2n * G)!.attrs.ro).toBe(false);
  });

  it("counts CONT groups that lose the bit and groups left mixed", () => {
    const { pt, po } = table("4K");
    pt.mapRange(po, po + 2n * M, PAGE_KERNEL, { allocator: "memblock", forcePte: true });
    expect(pt.updateRangeProt(po, po + 4n * K, RO, {}).contGroupsMixed).toBe(1);
    expect(pt.updateRangeProt(po + 1n * M, po + 2n * M, {}, { cont: true }).contGroupsCleared).toBe(16);
  });
});
