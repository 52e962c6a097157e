// The page-table model against the numbers of domain.md §3.2 and §3.4.
import { describe, expect, it } from "vitest";
import { geometryFor } from "../../../src/sim/geometry/granule-geometry.js";
import { LinearMap, type SplitWork } from "../../../src/sim/tables/linear-map.js";
import { CONT, PXN, VALID, isTable, type PageTable } from "../../../src/sim/tables/page-table.js";
import type { GranuleName } from "../../../src/catalog/index.js";

const K = 1024n;
const M = K * K;
const G = M * K;
const KERNEL = VALID | PXN;
const noFlags = { noBlock: false, noCont: false };

function mapped(granule: GranuleName, vaBits: number, size: bigint, base = 0x40_0000_0000n): LinearMap {
  const map = new LinearMap(geometryFor(granule, vaBits), base);
  map.mapRange(base, base + size, KERNEL, noFlags);
  return map;
}

function split(map: LinearMap, pa: bigint): { pages: bigint; work: SplitWork } {
  const before = map.pagetablePages;
  const work: SplitWork = { ops: [], contGroupsSplit: 0 };
  map.splitKernelLeafMappingLocked(pa, work);
  return { pages: map.pagetablePages - before, work };
}

/** Entry runs of a table as [count, cont?, kind] for readable assertions. */
function shape(t: PageTable): [number, string][] {
  return t.runs.map((r) => [r.n, isTable(r.e) ? "table" : (r.e & CONT) !== 0 ? "cont" : r.e === 0 ? "empty" : "plain"]);
}

function descend(map: LinearMap, pa: bigint, depth: number): PageTable {
  let t = map.root;
  for (let d = 0; d < depth; d++) {
    const S = map.geometry.levels[t.level]!.entrySize;
    const e = t.entryAt(Number(((pa - map.memstart) / S) % BigInt(t.entries)));
    if (!isTable(e)) throw new Error("not a table");
    t = e;
  }
  return t;
}

describe("map_mem leaf placement (4K, 48-bit)", () => {
  it("maps 4 GiB at a 1 GiB aligned base with four PUD blocks: one PUD table page", () => {
    const map = mapped("4K", 48, 4n * G);
    expect(map.pagetablePages).toBe(1n);
    expect(map.leafSegments(map.memstart, map.memstart + 4n * G)).toEqual([{ start: map.memstart, end: map.memstart + 4n * G, level: 1, bits: KERNEL | 1 }]);
  });

  it("cuts blocks at an unaligned bank end: CONT_PMD, PMD, CONT_PTE and PTE in turn", () => {
    const base = 0x40_0000_0000n;
    const map = mapped("4K", 48, G + 32n * M + 2n * M + 64n * K + 4n * K, base);
    const segs = map.leafSegments(base, base + 2n * G).map((s) => [s.end - s.start, map.geometry.levels[s.level]!.name, (s.bits & CONT) !== 0]);
    expect(segs).toEqual([
      [G, "PUD", false],
      [32n * M, "PMD", true],
      [2n * M, "PMD", false],
      [64n * K, "PTE", true],
      [4n * K, "PTE", false],
    ]);
    // PUD table + PMD table + PTE table.
    expect(map.pagetablePages).toBe(3n);
  });
});

describe("split_kernel_leaf_mapping_locked: pages per boundary point (domain.md §3.2)", () => {
  const base = 0x40_0000_0000n;
  it.each([
    ["1 GiB aligned", G, 0n, []],
    ["32 MiB aligned", 32n * M, 1n, ["split_pud"]],
    ["2 MiB aligned, not 32 MiB", 2n * M, 1n, ["split_pud", "split_contpmd"]],
    ["64 KiB aligned, not 2 MiB", 64n * K, 2n, ["split_pud", "split_contpmd", "split_pmd"]],
    ["4 KiB aligned only", 4n * K, 2n, ["split_pud", "split_contpmd", "split_pmd", "split_contpte"]],
  ] as const)("4K: %s point in a PUD block", (_label, offset, pages, ops) => {
    const map = mapped("4K", 48, 4n * G, base);
    const r = split(map, base + G + offset);
    expect(r.pages).toBe(pages);
    expect(r.work.ops).toEqual(ops);
  });

  it("4K: inside a PMD block already under a PMD table: 1 page unless 2 MiB aligned", () => {
    const map = mapped("4K", 48, 4n * G, base);
    split(map, base + 32n * M);
    expect(split(map, base + 64n * M + 4n * K).pages).toBe(1n);
    expect(split(map, base + 128n * M + 2n * M).pages).toBe(0n);
    expect(split(map, base + 64n * M + 8n * K).pages).toBe(0n);
  });

  it("4K: the shape after splitting a 1 GiB block at a 4 KiB-only-aligned point", () => {
    const map = mapped("4K", 48, 4n * G, base);
    const point = base + G + 5n * 32n * M + 3n * 2n * M + 5n * 64n * K + 4n * K;
    split(map, point);
    const pmd = descend(map, point, 2);
    // 31 intact CONT_PMD groups (496 entries), the broken group: 15 plain blocks and 1 table.
    expect(shape(pmd)).toEqual([[80, "cont"], [3, "plain"], [1, "table"], [12, "plain"], [416, "cont"]]);
    const pte = descend(map, point, 3);
    expect(shape(pte)).toEqual([[80, "cont"], [16, "plain"], [416, "cont"]]);
    const segs = map.leafSegments(base + G, base + 2n * G);
    expect(segs.filter((s) => map.geometry.levels[s.level]!.name === "PTE").length).toBe(3);
  });

  it.each([
    ["1 GiB aligned (CONT_PMD boundary)", G, 0n, []],
    ["32 MiB aligned", 32n * M, 0n, ["split_contpmd"]],
    ["2 MiB aligned, not 32 MiB", 2n * M, 1n, ["split_contpmd", "split_pmd"]],
    ["16 KiB aligned only", 16n * K, 1n, ["split_contpmd", "split_pmd", "split_contpte"]],
  ] as const)("16K: %s point inside a CONT_PMD group", (_label, offset, pages, ops) => {
    const map = mapped("16K", 48, 4n * G, base);
    const r = split(map, base + G + offset);
    expect(r.pages).toBe(pages);
    expect(r.work.ops).toEqual(ops);
  });

  it.each([
    ["16 GiB aligned (CONT_PMD boundary)", 16n * G, 0n, []],
    ["512 MiB aligned", 512n * M, 0n, ["split_contpmd"]],
    ["2 MiB aligned, not 512 MiB", 2n * M, 1n, ["split_contpmd", "split_pmd"]],
    ["64 KiB aligned only", 64n * K, 1n, ["split_contpmd", "split_pmd", "split_contpte"]],
  ] as const)("64K: %s point inside a CONT_PMD group", (_label, offset, pages, ops) => {
    const map = mapped("64K", 48, 64n * G, base);
    const r = split(map, base + 16n * G + offset);
    expect(r.pages).toBe(pages);
    expect(r.work.ops).toEqual(ops);
  });

  it("16K: a point in a CONT_PMD group, not 32 MiB and not 2 MiB aligned: 1 page", () => {
    const map = mapped("16K", 48, 4n * G, base);
    const r = split(map, base + G + 32n * M + 16n * K);
    expect(r.pages).toBe(1n);
    expect(r.work.ops).toEqual(["split_contpmd", "split_pmd", "split_contpte"]);
    const pte = descend(map, base + G + 32n * M + 16n * K, 3);
    expect(pte.entries).toBe(2048);
    expect(shape(pte)).toEqual([[128, "plain"], [1920, "cont"]]);
  });

  it("64K: a point in a 512 MiB block, not 2 MiB aligned: 1 page, one group of 32 loses CONT", () => {
    const map = mapped("64K", 48, 16n * G, base);
    const point = base + 512n * M + 64n * K;
    const r = split(map, point);
    expect(r.pages).toBe(1n);
    expect(r.work.ops).toEqual(["split_contpmd", "split_pmd", "split_contpte"]);
    const pte = descend(map, point, 2);
    expect(pte.entries).toBe(8192);
    expect(shape(pte)).toEqual([[32, "plain"], [8160, "cont"]]);
  });
});

describe("range_split_to_ptes (domain.md §3.4)", () => {
  it("costs 513 pages per GiB at 4K", () => {
    const base = 0x40_0000_0000n;
    const map = mapped("4K", 48, 8n * G, base);
    const before = map.pagetablePages;
    map.rangeSplitToPtes(base, base + 8n * G);
    expect(map.pagetablePages - before).toBe(8n * 513n);
    expect(map.leafSegments(base, base + 8n * G)).toEqual([{ start: base, end: base + 8n * G, level: 3, bits: KERNEL | 1 }]);
  });

  it("costs the same structure at 64 TiB without storing it 64 Ki times", () => {
    const base = 0x40_0000_0000n;
    const map = mapped("4K", 48, 64n * 1024n * G, base);
    map.rangeSplitToPtes(base, base + 64n * 1024n * G);
    expect(map.pagetablePages).toBe(128n + 65536n * 513n);
  });

  // release-differences §5.3: splitting only what the range covers (a late KFENCE pool).
  const summary = (map: LinearMap, from: bigint, to: bigint) =>
    map.leafSegments(from, to).map((x) => [sizeTextOf(x.end - x.start), map.geometry.levels[x.level]!.name, (x.bits & CONT) !== 0]);
  const sizeTextOf = (b: bigint) => (b % G === 0n ? `${b / G}G` : b % M === 0n ? `${b / M}M` : `${b / K}K`);

  it("a 2 MiB-aligned 2 MiB range inside a 1 GiB PUD block: 2 pages, the rest plain PMD blocks without CONT", () => {
    const base = 0x40_0000_0000n;
    const map = mapped("4K", 48, 4n * G, base);
    const before = map.pagetablePages;
    const pool = base + G + 290n * M;
    map.rangeSplitToPtes(pool, pool + 2n * M);
    expect(map.pagetablePages - before).toBe(2n);
    expect(summary(map, base + G, base + 2n * G)).toEqual([
      ["290M", "PMD", false],
      ["2M", "PTE", false],
      ["732M", "PMD", false],
    ]);
  });

  it("inside a CONT_PMD group of an existing PMD table: 1 page, CONT cleared on the group's 16 PMDs only", () => {
    const base = 0x40_0000_0000n;
    const map = mapped("4K", 48, 4n * G, base);
    split(map, base + G + 512n * M); // split_pud: a PMD table of CONT groups
    const before = map.pagetablePages;
    const pool = base + G + 34n * M;
    map.rangeSplitToPtes(pool, pool + 2n * M);
    expect(map.pagetablePages - before).toBe(1n);
    expect(summary(map, base + G, base + G + 96n * M)).toEqual([
      ["32M", "PMD", true],
      ["2M", "PMD", false],
      ["2M", "PTE", false],
      ["28M", "PMD", false],
      ["32M", "PMD", true],
    ]);
  });

  it("an unaligned 2 MiB range inside a PUD block: 3 pages (one PMD table, two PTE tables)", () => {
    const base = 0x40_0000_0000n;
    const map = mapped("4K", 48, 4n * G, base);
    const before = map.pagetablePages;
    map.rangeSplitToPtes(base + G + M, base + G + 3n * M);
    expect(map.pagetablePages - before).toBe(3n);
  });
});

