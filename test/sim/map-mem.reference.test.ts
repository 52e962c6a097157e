// A second, independent implementation of map_mem() and mark_linear_text_alias_ro(), written
// as the kernel's code reads (alloc_init_pud / alloc_init_cont_pmd / init_pmd /
// alloc_init_cont_pte / init_pte over a plain sparse tree, and ptdump's walk), held against
// the simulator's run-length tables on random machines: banks, nomap holes, the image, the
// early KFENCE pool, forced PTEs or blocks, for ≤ v6.17, v6.18–v7.1 and v7.2. The ptdump
// lines after paging_init, and after mark_linear_text_alias_ro, must be identical.
import { afterAll, describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { analyzeScenario } from "../../src/lang/index.js";
import { compileScenario } from "../../src/compile/index.js";
import { simulate } from "../../src/sim/index.js";
import { renderPtdump } from "../../src/render/ptdump.js";
import type { GranuleName } from "../../src/catalog/index.js";
import type { Program } from "../../src/sim/program.js";

// ---- the reference model ------------------------------------------------------------------

interface Leaf {
  readonly kind: "leaf";
  ro: boolean;
  tagged: boolean;
  cont: boolean;
}
interface Table {
  readonly kind: "table";
  readonly level: number;
  readonly entries: Map<number, Leaf | Table>;
}
type Flags = { noBlock: boolean; noCont: boolean; refuseOverTable: boolean; noncontCheck: boolean };
type Prot = { ro: boolean; tagged: boolean };

interface Geo {
  readonly shifts: number[]; // per level, root first
  readonly leafLevels: Set<number>;
  readonly contShift: Map<number, number>; // level -> log2 entries per group
  readonly pageShift: number;
}

function geo(granule: GranuleName): Geo {
  // 48-bit VA: 4K has PGD/PUD/PMD/PTE, 16K PGD(2 entries)/PUD/PMD/PTE, 64K PGD/PMD/PTE.
  if (granule === "4K") return { shifts: [39, 30, 21, 12], leafLevels: new Set([1, 2, 3]), contShift: new Map([[2, 4], [3, 4]]), pageShift: 12 };
  if (granule === "16K") return { shifts: [47, 36, 25, 14], leafLevels: new Set([2, 3]), contShift: new Map([[2, 5], [3, 7]]), pageShift: 14 };
  return { shifts: [42, 29, 16], leafLevels: new Set([1, 2]), contShift: new Map([[1, 5], [2, 5]]), pageShift: 16 };
}

class ReferenceMap {
  readonly root: Table = { kind: "table", level: 0, entries: new Map() };
  refused = 0;
  constructor(readonly g: Geo, readonly memstart: bigint) {}

  private size(level: number): bigint {
    return 1n << BigInt(this.g.shifts[level]!);
  }

  /** __create_pgd_mapping(pa range) with `prot` and `flags`; an existing leaf is rewritten. */
  map(start: bigint, end: bigint, prot: Prot, flags: Flags): void {
    if (end > start) this.walk(this.root, start - this.memstart, end - this.memstart, prot, flags, false);
  }

  private walk(t: Table, addr: bigint, end: bigint, prot: Prot, flags: Flags, contFromAbove: boolean): void {
    const L = t.level;
    const S = this.size(L);
    const pte = L === this.g.shifts.length - 1;
    const contShift = this.g.contShift.get(L);
    let a = addr;
    while (a < end) {
      // The index inside this table (the root's entries are counted from PAGE_OFFSET).
      const idx = Number(L === 0 ? a / S : (a / S) % (1n << BigInt(this.g.shifts[L - 1]! - this.g.shifts[L]!)));
      const entryEnd = (a / S + 1n) * S;
      const next = entryEnd < end ? entryEnd : end;
      // The contiguous decision is made per aligned group chunk (alloc_init_cont_pmd / _pte).
      let cont = false;
      if (contShift !== undefined && !flags.noCont) {
        const G = S << BigInt(contShift);
        const gStart = (a / G) * G;
        const gEnd = gStart + G;
        const chunkEnd = gEnd < end ? gEnd : end;
        const chunkStart = addr > gStart ? addr : gStart;
        const per = L === 0 ? 1n << 62n : 1n << BigInt(this.g.shifts[L - 1]! - this.g.shifts[L]!);
        const first = Number((gStart / S) % per);
        cont = chunkStart % G === 0n && chunkEnd % G === 0n && (!flags.noncontCheck || !this.hasValidNoncont(t, first, first + (1 << contShift)));
      }
      const old = t.entries.get(idx);
      const aligned = a % S === 0n && next % S === 0n;
      if (pte) {
        t.entries.set(idx, { kind: "leaf", ...prot, cont });
      } else if (this.g.leafLevels.has(L) && aligned && !flags.noBlock && !(old?.kind === "table" && !flags.refuseOverTable)) {
        if (old?.kind === "table") this.refused++;
        else t.entries.set(idx, { kind: "leaf", ...prot, cont });
      } else {
        let child = old;
        if (!child) {
          child = { kind: "table", level: L + 1, entries: new Map() };
          t.entries.set(idx, child);
        }
        if (child.kind === "leaf") throw new Error("a leaf partly remapped (BUG in the kernel)");
        this.walk(child, a, next, prot, flags, contFromAbove);
      }
      a = next;
    }
  }

  private hasValidNoncont(t: Table, from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const e = t.entries.get(i);
      if (e && (e.kind === "table" || !e.cont)) return true;
    }
    return false;
  }

  /** ptdump's lines for the linear map: leaves and holes by level, adjacent equal ones merged. */
  ptdump(pageOffset: bigint, linearEnd: bigint, names: string[]): string[] {
    const out: { start: bigint; end: bigint; text: string }[] = [];
    const emit = (start: bigint, end: bigint, text: string) => {
      const last = out[out.length - 1];
      if (last && last.end === start && last.text === text) last.end = end;
      else out.push({ start, end, text });
    };
    const visit = (t: Table, base: bigint) => {
      const S = this.size(t.level);
      const count = t.level === 0 ? Number((linearEnd + S - 1n) / S) : 1 << (this.g.shifts[t.level - 1]! - this.g.shifts[t.level]!);
      for (let i = 0; i < count; i++) {
        const s = base + BigInt(i) * S;
        if (s >= linearEnd) break;
        const e = s + S < linearEnd ? s + S : linearEnd;
        const x = t.entries.get(i);
        const level = names[t.level]!;
        if (!x) emit(s, e, level);
        else if (x.kind === "table") visit(x, s);
        else {
          const pte = t.level === this.g.shifts.length - 1;
          emit(s, e, `${level}${attributes(x, !pte)}`);
        }
      }
    };
    visit(this.root, 0n);
    return out.map((l) => `${hex(pageOffset + l.start)}-${hex(pageOffset + l.end)}   ${size(l.end - l.start)} ${l.text}`.trimEnd());
  }
}

function attributes(x: Leaf, block: boolean): string {
  // domain.md §8.1: valid, user, ro/RW, NX, SHD, AF, NG, CON, BLK, UXN, GP, memory type.
  const fields = [" ", "   ", x.ro ? "ro" : "RW", "NX", "SHD", "AF", "  ", x.cont ? "CON" : "   ", block ? "BLK" : "   ", "UXN", "  ", x.tagged ? "MEM/NORMAL-TAGGED" : "MEM/NORMAL"];
  return fields.map((f) => ` ${f}`).join("");
}

const hex = (v: bigint) => `0x${v.toString(16).padStart(16, "0")}`;
function size(bytes: bigint): string {
  let v = bytes >> 10n;
  let u = 0;
  while (v % 1024n === 0n && u < 5) {
    v /= 1024n;
    u++;
  }
  return `${v}`.padStart(9) + "KMGTPE"[u]!;
}

/** map_mem() per release, then (optionally) mark_linear_text_alias_ro(), on the program's layout. */
function referenceDump(p: Program, granule: GranuleName, forced: boolean, aliasRo: boolean): string[] {
  const g = geo(granule);
  const align = granule === "64K" ? 512n << 20n : 1n << 30n;
  const lowest = p.machine.banks.reduce((m, b) => (b.start < m ? b.start : m), p.machine.banks[0]!.start);
  const memstart = lowest - (lowest % align);
  const m = new ReferenceMap(g, memstart);
  const s = p.kernel.settings;
  const series = s.alias_series === "on";
  const img = p.machine.image;
  const alias = { start: s.alias_start === "_stext" ? img.stext : img.text, end: img.initBegin };
  const pool = p.kernel.kfence.configured && p.kernel.kfence.earlyInit ? p.placements.find((x) => x.name === "kfence_pool")!.range : undefined;
  const linear = { ro: false, tagged: true };
  const flags: Flags = { noBlock: forced, noCont: forced, refuseOverTable: !series, noncontCheck: series };
  const minus = (r: { start: bigint; end: bigint }, holes: { start: bigint; end: bigint }[]) => {
    let parts = [r];
    for (const h of holes) parts = parts.flatMap((x) => (h.end <= x.start || h.start >= x.end ? [x] : [...(x.start < h.start ? [{ start: x.start, end: h.start }] : []), ...(h.end < x.end ? [{ start: h.end, end: x.end }] : [])]));
    return parts;
  };
  if (series) {
    if (pool) m.map(pool.start, pool.end, linear, { ...flags, noBlock: true, noCont: true });
    m.map(alias.start, alias.end, linear, flags);
    m.map(img.initEnd, img.bssStop, linear, flags);
    for (const b of p.machine.banks) for (const x of minus(b, [...p.machine.nomap])) m.map(x.start, x.end, linear, flags);
  } else {
    const holes = [...p.machine.nomap, alias, ...(pool ? [pool] : [])];
    for (const b of p.machine.banks) for (const x of minus(b, holes)) m.map(x.start, x.end, linear, flags);
    m.map(alias.start, alias.end, { ro: false, tagged: false }, { noBlock: false, noCont: true, refuseOverTable: true, noncontCheck: false });
    if (pool) m.map(pool.start, pool.end, linear, { ...flags, noBlock: true, noCont: true });
  }
  if (aliasRo) m.map(alias.start, alias.end, { ro: true, tagged: series }, { noBlock: false, noCont: !series, refuseOverTable: !series, noncontCheck: series });
  const names = granule === "64K" ? ["PGD", "PMD", "PTE"] : ["PGD", "PUD", "PMD", "PTE"];
  return ["---[ Linear Mapping start ]---", ...m.ptdump(0xffff_0000_0000_0000n, 1n << 47n, names), "---[ Linear Mapping end ]---"];
}

// ---- random machines ------------------------------------------------------------------------

const GRANULES: GranuleName[] = ["4K", "16K", "64K"];
const VERSIONS = ["v6.17", "v7.1", "v7.2"];
const M = 1n << 20n;

const machine = fc.record({
  granule: fc.constantFrom(...GRANULES),
  version: fc.constantFrom(...VERSIONS),
  bbml2: fc.boolean(),
  kfence: fc.boolean(),
  // Bank 0 at 1 GiB plus an offset in 64K steps; sizes in 64K steps (so edges fall anywhere).
  bank0Offset: fc.integer({ min: 0, max: 64 }),
  bank0Size: fc.integer({ min: 1024, max: 40_000 }),
  bank1Gap: fc.integer({ min: 0, max: 20_000 }),
  bank1Size: fc.integer({ min: 0, max: 40_000 }),
  imageOffset2M: fc.integer({ min: 1, max: 3 }),
  text64K: fc.integer({ min: 32, max: 900 }),
  nomap: fc.option(fc.record({ at64K: fc.integer({ min: 0, max: 40_000 }), len64K: fc.integer({ min: 1, max: 600 }) }), { nil: undefined }),
});

describe("map_mem() against an independent reference", () => {
  // Machines the checker refuses are skipped; most must run, or the property says little.
  const ran = { mapMem: 0, aliasRo: 0 };
  afterAll(() => {
    expect(ran.mapMem).toBeGreaterThanOrEqual(60);
    expect(ran.aliasRo).toBeGreaterThanOrEqual(25);
  });
  test.prop([machine], { numRuns: 100, seed: 0x11a5 })("ptdump after paging_init and after the alias is made read-only", (mc) => {
    const K64 = 64n * 1024n;
    const page = mc.granule === "4K" ? 4096n : mc.granule === "16K" ? 16384n : K64;
    // Keep the reference's per-entry work small: at most ~80k pages per bank.
    const cap = mc.granule === "4K" ? 8192 : mc.granule === "16K" ? 20_000 : 40_000;
    const bank0 = { start: (1n << 30n) + BigInt(mc.bank0Offset) * K64 * 32n, size: BigInt(Math.min(mc.bank0Size, cap)) * K64 };
    const b0 = { start: bank0.start - (bank0.start % page), end: bank0.start - (bank0.start % page) + bank0.size };
    const imageAt = b0.start - (b0.start % (2n * M)) + BigInt(mc.imageOffset2M) * 2n * M;
    const text = BigInt(mc.text64K) * K64;
    const imageEnd = imageAt + text + 4n * M + 8n * M;
    if (imageEnd + 4n * M > b0.end) return; // the image must fit in the first bank
    const lines = [`machine { granule ${mc.granule}; memory 0x${b0.start.toString(16)} size 0x${(b0.end - b0.start).toString(16)}`];
    if (mc.bank1Size > 0) {
      const start = b0.end + BigInt(mc.bank1Gap) * K64 + (page - ((b0.end + BigInt(mc.bank1Gap) * K64) % page)) % page;
      lines.push(`; memory 0x${start.toString(16)} size 0x${(BigInt(Math.min(mc.bank1Size, cap)) * K64).toString(16)}`);
    }
    if (mc.nomap) {
      const start = b0.start + BigInt(mc.nomap.at64K) * K64;
      const end = start + BigInt(mc.nomap.len64K) * K64;
      // A hole inside bank 0, clear of the image (the checker refuses others).
      if (end <= b0.end && (end <= imageAt || start >= imageEnd)) lines.push(`; nomap 0x${start.toString(16)} size 0x${(end - start).toString(16)}`);
    }
    lines.push(`; image at 0x${imageAt.toString(16)} text 0x${text.toString(16)} }`);
    lines.push(`cpus { cpu 0..1 ${mc.bbml2 ? "neoverse-v3" : "neoverse-n1"} }`);
    lines.push(`kernel { version ${mc.version}${mc.kfence ? "" : "; config KFENCE=n"} }`);
    const { ast, diagnostics } = analyzeScenario(lines.join(""), "ref.linmap");
    if (diagnostics.some((d) => d.severity === "error")) return;
    // The checker admitted it: compiling cannot fail.
    const compiled = { program: compileScenario(ast) };
    const r = simulate(compiled.program);
    // ≤ v6.17 forces PTEs under rodata=full; v6.18+ only without BBML2 on the boot CPU.
    const forced = mc.version === "v6.17" || !mc.bbml2;
    const atMapMem = renderPtdump(r.snapshots.get("paging_init")!, r.geometry, { hideInvalidBlocks: false });
    expect(atMapMem).toEqual(referenceDump(compiled.program, mc.granule, forced, false));
    ran.mapMem++;
    // kfence_init() protects pool pages before the alias is made read-only: compare without it.
    if (mc.kfence) return;
    const aliasRo = renderPtdump(r.snapshots.get("mark_linear_text_alias_ro")!, r.geometry, { hideInvalidBlocks: false });
    expect(aliasRo).toEqual(referenceDump(compiled.program, mc.granule, forced, true));
    ran.aliasRo++;
  }, 120_000);
});
