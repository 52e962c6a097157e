// The kernel's TTBR1 page table (init_mm / swapper_pg_dir) restricted to what the linear map
// needs: building it the way __create_pgd_mapping places leaves, the split helpers and
// split_kernel_leaf_mapping_locked of arch/arm64/mm/mmu.c (domain.md §3), the repaint's
// range_split_to_ptes, the pageattr walker that rewrites whole leaves, a leaf walker and
// counters. All work is proportional to the runs touched, never to the memory size.

import type { Geometry, KernelLevel, LevelGeometry, HwLevel } from "../geometry.js";
import { applyMasks, isPresent, withCont, type LeafAttrs, type ProtMask } from "./attrs.js";
import { NodePool, leafEntry as leafOf, type Entry, type LeafEntry, type Run, type Segment, type TableNode } from "./node.js";

/** Who allocated a page-table page: boot memblock, the buddy allocator, or GFP_ATOMIC. */
export type PgtableAllocator = "memblock" | "buddy" | "atomic";

export const PGTABLE_ALLOCATORS: readonly PgtableAllocator[] = ["memblock", "buddy", "atomic"];

export interface MapRangeOptions {
  /** Physical address of `start`; defaults to the table's linear-map pa - va. */
  readonly pa?: bigint;
  /** NO_BLOCK_MAPPINGS: no PUD or PMD blocks. */
  readonly forcePte?: boolean;
  /** NO_CONT_MAPPINGS: never set the contiguous bit. */
  readonly noCont?: boolean;
  readonly allocator: PgtableAllocator;
}

/** A maximal stretch of identical leaves (same level, attributes, and linear pa). */
export interface LeafRun {
  readonly start: bigint;
  readonly end: bigint;
  readonly pa: bigint;
  /** The kernel level owning the leaves (PUD/PMD/PTE). */
  readonly level: KernelLevel;
  /** The name ptdump prints (a folded top level prints as PGD). */
  readonly ptdumpLevel: KernelLevel;
  readonly hwLevel: HwLevel;
  readonly attrs: LeafAttrs;
  readonly cont: boolean;
}

/** Which kernel helpers ran, in order, for one split point. */
export type SplitStep = "split_pud" | "split_contpmd" | "split_pmd" | "split_contpte";

export interface SplitResult {
  /** Page-table pages allocated. */
  readonly pages: number;
  readonly steps: readonly SplitStep[];
}

export interface RangeSplitResult {
  readonly pages: number;
  /** Contiguous groups whose bit was cleared (split_contpmd / split_contpte calls that did work). */
  readonly contGroupsCleared: { readonly PMD: number; readonly PTE: number };
}

export interface UpdateProtResult {
  /** The first leaf the walk found only partially inside the range (caller: WARN + -EINVAL). */
  readonly partial: LeafRun | null;
  /** Where the walk changed leaves: [start, partial ? partial.start : end), or null if nothing. */
  readonly changed: { readonly start: bigint; readonly end: bigint } | null;
  /** Contiguous groups that lost the contiguous bit (clear mask with cont). */
  readonly contGroupsCleared: number;
  /**
   * Contiguous groups left with the contiguous bit but non-identical attributes because the
   * range covered them only in part (a misprogrammed group; a correct split prevents it).
   */
  readonly contGroupsMixed: number;
}

export interface LevelStats {
  readonly level: KernelLevel;
  readonly ptdumpLevel: KernelLevel;
  readonly hwLevel: HwLevel;
  /** Table pages at this level (the top table, swapper_pg_dir, included). */
  readonly tables: number;
  readonly leafEntries: number;
  readonly tableEntries: number;
  readonly contEntries: number;
}

export interface PageTableStats {
  /** Page-table pages allocated for this table (the static top table excluded). */
  readonly tablePages: number;
  readonly allocated: Readonly<Record<PgtableAllocator, number>>;
  /** Pages no longer reachable because a map overwrote a table entry (kernel: BUG). */
  readonly orphanedPages: number;
  readonly levels: readonly LevelStats[];
  readonly contGroupsSplit: { readonly PMD: number; readonly PTE: number };
}

/** One table as a list of runs, for inspection. */
export interface TableView {
  readonly level: KernelLevel;
  readonly base: bigint;
  readonly runs: readonly {
    readonly count: number;
    readonly kind: "empty" | "leaf" | "table";
    readonly attrs?: LeafAttrs;
  }[];
}

interface Counters {
  allocated: Record<PgtableAllocator, number>;
  orphaned: number;
  contSplit: { PMD: number; PTE: number };
}

function alignDown(x: bigint, a: bigint): bigint {
  return x - (((x % a) + a) % a);
}

function alignUp(x: bigint, a: bigint): bigint {
  return alignDown(x + a - 1n, a);
}

function aligned(x: bigint, a: bigint): boolean {
  return x % a === 0n;
}

function assert(cond: boolean, msg: string): asserts cond {
  if (!cond) throw new Error(`page table: ${msg}`);
}

/** pXd_present: a table, or a leaf that is valid or present-invalid. */
function present(e: Entry | null): boolean {
  if (e === null || e.kind === "empty") return false;
  return e.kind === "table" || isPresent(e.attrs);
}

export class KernelPageTable {
  readonly geometry: Geometry;
  /** VA of the first entry of the top table (TTBR1: 2^64 - 2^vaBits). */
  readonly base: bigint;
  readonly span: bigint;
  /** pa - va of the linear map, used when mapRange gets no pa. */
  readonly linearDelta: bigint;
  private readonly pool: NodePool;
  private root: TableNode;
  private readonly counters: Counters;

  constructor(geometry: Geometry, opts: { base?: bigint; linearDelta?: bigint } = {}) {
    this.geometry = geometry;
    this.span = geometry.levels[0].tableSpan;
    this.base = opts.base ?? (1n << 64n) - this.span;
    this.linearDelta = opts.linearDelta ?? -this.base;
    this.pool = new NodePool(geometry);
    this.root = this.pool.empty(0);
    this.counters = { allocated: { memblock: 0, buddy: 0, atomic: 0 }, orphaned: 0, contSplit: { PMD: 0, PTE: 0 } };
  }

  /** An independent copy sharing all tables (the tree is persistent). */
  clone(): KernelPageTable {
    const copy = Object.create(KernelPageTable.prototype) as KernelPageTable;
    Object.assign(copy, {
      geometry: this.geometry,
      base: this.base,
      span: this.span,
      linearDelta: this.linearDelta,
      pool: this.pool,
      root: this.root,
      counters: {
        allocated: { ...this.counters.allocated },
        orphaned: this.counters.orphaned,
        contSplit: { ...this.counters.contSplit },
      },
    });
    return copy;
  }

  private levelIndex(level: KernelLevel): number {
    const li = this.geometry.levels.findIndex((l) => l.folded.includes(level));
    assert(li >= 0, `no ${level} level`);
    return li;
  }

  private checkRange(start: bigint, end: bigint): void {
    const page = this.geometry.pageSize;
    assert(start < end, `empty range ${start.toString(16)}-${end.toString(16)}`);
    assert(aligned(start, page) && aligned(end, page), "range not page aligned");
    assert(start >= this.base && end <= this.base + this.span, "range outside the table");
  }

  /** Run `f` on every allocation-producing change and charge the new pages to `allocator`. */
  private charged<T>(allocator: PgtableAllocator, f: () => T): { value: T; pages: number } {
    const before = this.root.stats.pages + this.counters.orphaned;
    const value = f();
    const pages = this.root.stats.pages + this.counters.orphaned - before;
    this.counters.allocated[allocator] += pages;
    return { value, pages };
  }

  // ---------------------------------------------------------------------------------------
  // Building: __create_pgd_mapping / alloc_init_cont_pmd / alloc_init_cont_pte

  /**
   * Map [start, end) to pa (default: the linear map's pa). Places the largest leaf allowed
   * where VA and PA are aligned and the range covers it (PUD blocks only at 4K), and sets the
   * contiguous bit on every full, naturally aligned CONT_PMD / CONT_PTE span. Entries already
   * holding tables are descended into; where a block replaces a table the old table becomes
   * orphaned (the kernel would BUG in pgattr_change_is_safe).
   */
  mapRange(start: bigint, end: bigint, attrs: LeafAttrs, opts: MapRangeOptions): { pages: number } {
    this.checkRange(start, end);
    const delta = opts.pa === undefined ? this.linearDelta : opts.pa - start;
    assert(aligned(delta, this.geometry.pageSize), "physical address not page aligned");
    const plain = withCont(attrs, false);
    const cont = withCont(attrs, true);
    const pool = this.pool;
    const levels = this.geometry.levels;
    const counters = this.counters;
    const leafOk = (l: LevelGeometry): boolean => l.blockAllowed && (l.kernelLevel === "PTE" || !opts.forcePte);

    const rec = (node: TableNode, base: bigint, s: bigint, e: bigint): TableNode => {
      const level = levels[node.li];
      return pool.transform(node, base, s, e, (seg: Segment): Run[] => {
        const segEnd = seg.va + BigInt(seg.count) * level.entrySize;
        if (seg.full && leafOk(level) && aligned(delta, level.entrySize)) {
          if (seg.entry.kind === "table") counters.orphaned += seg.count * seg.entry.child.stats.pages;
          const plainEntry = leafOf(plain, delta);
          if (level.contEntries === 0 || opts.noCont || !aligned(delta, level.contSize)) {
            return [{ n: seg.count, e: plainEntry }];
          }
          const lo = maxB(seg.va, alignUp(s, level.contSize));
          const hi = minB(segEnd, alignDown(e, level.contSize));
          if (lo >= hi) return [{ n: seg.count, e: plainEntry }];
          const contEntry = leafOf(cont, delta);
          const before = Number((lo - seg.va) / level.entrySize);
          const inside = Number((hi - lo) / level.entrySize);
          return [
            { n: before, e: plainEntry },
            { n: inside, e: contEntry },
            { n: seg.count - before - inside, e: plainEntry },
          ];
        }
        const childLi = node.li + 1;
        let child: TableNode;
        if (seg.entry.kind === "table") child = seg.entry.child;
        else if (seg.entry.kind === "leaf" && !seg.full) {
          // Keep the rest of an overlapped block mapped as it was.
          child = pool.filled(childLi, leafOf(withCont(seg.entry.attrs, false), seg.entry.delta));
        } else child = pool.empty(childLi);
        const childEnd = seg.va + level.entrySize;
        const next = rec(child, seg.va, maxB(s, seg.va), minB(e, childEnd));
        return [{ n: seg.count, e: pool.tableEntry(next) }];
      });
    };
    const { pages } = this.charged(opts.allocator, () => {
      this.root = rec(this.root, this.base, start, end);
    });
    return { pages };
  }

  // ---------------------------------------------------------------------------------------
  // Lookups

  /** The entry of hardware level li covering addr, or null when the walk ends above li. */
  private lookup(li: number, addr: bigint): { node: TableNode; base: bigint; index: number; entry: Entry } | null {
    let node = this.root;
    let base = this.base;
    for (;;) {
      const level = this.geometry.levels[node.li];
      const index = Number((addr - base) / level.entrySize);
      const entry = this.pool.entryAt(node, index);
      if (node.li === li) return { node, base, index, entry };
      if (entry.kind !== "table") return null;
      base += BigInt(index) * level.entrySize;
      node = entry.child;
    }
  }

  /** Replace the level-li table covering addr by f(table, base), copying the path above it. */
  private rewriteAt(li: number, addr: bigint, f: (node: TableNode, base: bigint) => TableNode): void {
    const pool = this.pool;
    const levels = this.geometry.levels;
    const rec = (node: TableNode, base: bigint): TableNode => {
      if (node.li === li) return f(node, base);
      const level = levels[node.li];
      const index = Number((addr - base) / level.entrySize);
      const entry = pool.entryAt(node, index);
      if (entry.kind !== "table") return node;
      const childBase = base + BigInt(index) * level.entrySize;
      const next = rec(entry.child, childBase);
      if (next === entry.child) return node;
      return pool.transform(node, base, childBase, childBase + level.entrySize, () => [{ n: 1, e: pool.tableEntry(next) }]);
    };
    this.root = rec(this.root, this.base);
  }

  private leafRun(start: bigint, end: bigint, li: number, leaf: LeafEntry): LeafRun {
    const level = this.geometry.levels[li];
    return {
      start,
      end,
      pa: start + leaf.delta,
      level: level.kernelLevel,
      ptdumpLevel: level.ptdumpName,
      hwLevel: level.hwLevel,
      attrs: leaf.attrs,
      cont: leaf.attrs.cont,
    };
  }

  /** The single leaf entry mapping addr (a whole block or page), or null. */
  leafAt(addr: bigint): LeafRun | null {
    let node = this.root;
    let base = this.base;
    for (;;) {
      const level = this.geometry.levels[node.li];
      const index = Number((addr - base) / level.entrySize);
      const entry = this.pool.entryAt(node, index);
      const va = base + BigInt(index) * level.entrySize;
      if (entry.kind === "leaf") return this.leafRun(va, va + level.entrySize, node.li, entry);
      if (entry.kind === "empty") return null;
      base = va;
      node = entry.child;
    }
  }

  /** The table of `level` that covers addr, as runs; null when no such table exists. */
  tableAt(addr: bigint, level: KernelLevel): TableView | null {
    const li = this.levelIndex(level);
    const found = this.lookup(li, addr);
    if (!found) return null;
    return {
      level: this.geometry.levels[li].kernelLevel,
      base: found.base,
      runs: found.node.runs.map((r) =>
        r.e.kind === "leaf" ? { count: r.n, kind: "leaf" as const, attrs: r.e.attrs } : { count: r.n, kind: r.e.kind },
      ),
    };
  }

  // ---------------------------------------------------------------------------------------
  // Split helpers (arch/arm64/mm/mmu.c)

  private splitLeafAt(li: number, addr: bigint, toCont: boolean, allocator: PgtableAllocator): number {
    const levels = this.geometry.levels;
    if (li + 1 >= levels.length) return 0;
    const found = this.lookup(li, addr);
    if (!found || found.entry.kind !== "leaf") return 0;
    const leaf = found.entry;
    const size = levels[li].entrySize;
    const va = found.base + BigInt(found.index) * size;
    // Invalid stays invalid: the attributes are copied whole, only the contiguous bit changes.
    const child = this.pool.filled(li + 1, leafOf(withCont(leaf.attrs, toCont), leaf.delta));
    const entry = this.pool.tableEntry(child);
    return this.charged(allocator, () =>
      this.rewriteAt(li, addr, (node, base) => this.pool.transform(node, base, va, va + size, () => [{ n: 1, e: entry }])),
    ).pages;
  }

  /** split_pud: the PUD block covering addr becomes a PMD table of blocks (CONT if toCont). */
  splitPud(addr: bigint, toCont: boolean, allocator: PgtableAllocator): number {
    if (!this.geometry.real.PUD) return 0;
    return this.splitLeafAt(this.levelIndex("PUD"), addr, toCont, allocator);
  }

  /** split_pmd: the PMD block covering addr becomes a PTE table of pages (CONT if toCont). */
  splitPmd(addr: bigint, toCont: boolean, allocator: PgtableAllocator): number {
    return this.splitLeafAt(this.levelIndex("PMD"), addr, toCont, allocator);
  }

  private splitContAt(level: "PMD" | "PTE", addr: bigint): boolean {
    const li = this.levelIndex(level);
    const geo = this.geometry.levels[li];
    const g0 = alignDown(addr, geo.contSize);
    let cleared = false;
    this.rewriteAt(li, addr, (node, base) =>
      this.pool.transform(node, base, g0, g0 + geo.contSize, (seg) => {
        if (seg.entry.kind !== "leaf" || !seg.entry.attrs.cont) return null;
        cleared = true;
        return [{ n: seg.count, e: leafOf(withCont(seg.entry.attrs, false), seg.entry.delta) }];
      }),
    );
    if (cleared) this.counters.contSplit[level]++;
    return cleared;
  }

  /** split_contpmd: clear the contiguous bit on the aligned CONT_PMDS group holding addr. */
  splitContPmd(addr: bigint): boolean {
    return this.splitContAt("PMD", addr);
  }

  /** split_contpte: clear the contiguous bit on the aligned CONT_PTES group holding addr. */
  splitContPte(addr: bigint): boolean {
    return this.splitContAt("PTE", addr);
  }

  /**
   * split_kernel_leaf_mapping_locked(addr): make addr a leaf boundary by the minimal
   * progressive splits of §3.2. Walks the kernel levels top down and stops at the first one
   * where addr is aligned or the entry is not present; folded levels keep the kernel's
   * semantics (their *_SIZE is the size of the level they fold into, present is constant).
   * Allocates with GFP_PGTABLE_KERNEL, i.e. from the buddy allocator unless told otherwise.
   */
  splitKernelLeafMappingLocked(addr: bigint, allocator: PgtableAllocator = "buddy"): SplitResult {
    const g = this.geometry;
    assert(aligned(addr, g.pageSize) && addr >= this.base && addr <= this.base + this.span, "bad split address");
    const steps: SplitStep[] = [];
    let pages = 0;
    const done = (): SplitResult => ({ pages, steps });
    if (addr === this.base + this.span) return done();

    for (const kl of ["PGD", "P4D", "PUD"] as const) {
      if (aligned(addr, g.sizes[kl])) return done();
      if (!g.real[kl]) continue;
      const found = this.lookup(this.levelIndex(kl), addr);
      if (!found || !present(found.entry)) return done();
      if (kl === "PUD" && found.entry.kind === "leaf") {
        pages += this.splitPud(addr, true, allocator);
        steps.push("split_pud");
      }
    }

    if (aligned(addr, g.contPmdSize)) return done();
    const pmd = this.lookup(this.levelIndex("PMD"), addr);
    if (!pmd || !present(pmd.entry)) return done();
    if (pmd.entry.kind === "leaf") {
      if (pmd.entry.attrs.cont) {
        this.splitContPmd(addr);
        steps.push("split_contpmd");
      }
      if (aligned(addr, g.sizes.PMD)) return done();
      pages += this.splitPmd(addr, true, allocator);
      steps.push("split_pmd");
    }

    if (aligned(addr, g.contPteSize)) return done();
    const pte = this.lookup(this.levelIndex("PTE"), addr);
    if (!pte || !present(pte.entry)) return done();
    if (pte.entry.kind === "leaf" && pte.entry.attrs.cont) {
      this.splitContPte(addr);
      steps.push("split_contpte");
    }
    return done();
  }

  // ---------------------------------------------------------------------------------------
  // range_split_to_ptes (repaint, late KFENCE pool)

  /**
   * range_split_to_ptes over [start, end), minus `keep` when given (the repaint keeps
   * [lm_alias(_stext), lm_alias(__init_begin)) and splits the two ranges around it). Like the
   * kernel walker, every leaf that intersects a range is split whole: a PUD block to plain
   * PMDs, a PMD block to plain PTEs, and a CONT group that intersects loses the bit on all of
   * its entries.
   */
  rangeSplitToPtes(
    start: bigint,
    end: bigint,
    allocator: PgtableAllocator,
    keep?: { readonly start: bigint; readonly end: bigint },
  ): RangeSplitResult {
    this.checkRange(start, end);
    const ranges: [bigint, bigint][] = keep
      ? [
          [start, minB(end, keep.start)],
          [maxB(start, keep.end), end],
        ]
      : [[start, end]];
    const counts = { PMD: 0, PTE: 0 };
    const { pages } = this.charged(allocator, () => {
      for (const [s, e] of ranges) if (s < e) this.root = this.splitToPtes(this.root, this.base, s, e, 1, counts);
    });
    this.counters.contSplit.PMD += counts.PMD;
    this.counters.contSplit.PTE += counts.PTE;
    return { pages, contGroupsCleared: counts };
  }

  private splitToPtes(
    node: TableNode,
    base: bigint,
    s: bigint,
    e: bigint,
    mult: number,
    counts: { PMD: number; PTE: number },
  ): TableNode {
    const pool = this.pool;
    const levels = this.geometry.levels;
    const level = levels[node.li];
    const kl = level.kernelLevel;
    let cur = node;
    if (kl === "PMD" || kl === "PTE") {
      // pmd_leaf() needs a present entry; the PTE callback looks at the bit alone.
      const visited = (x: Entry): boolean => x.kind === "leaf" && x.attrs.cont && (kl === "PTE" || isPresent(x.attrs));
      const groups = this.groupIntervals(cur, base, s, e, level, visited);
      let total = 0;
      for (const [g0, g1] of groups) total += g1 - g0;
      if (total > 0) {
        counts[kl] += total * mult;
        cur = this.clearContInGroups(cur, base, level, groups);
      }
      if (kl === "PTE") return cur;
    }
    return pool.transform(cur, base, s, e, (seg) => {
      const x = seg.entry;
      const lo = maxB(s, seg.va);
      const hi = minB(e, seg.va + level.entrySize);
      if (x.kind === "table") {
        const next = this.splitToPtes(x.child, seg.va, lo, hi, mult * seg.count, counts);
        return next === x.child ? null : [{ n: seg.count, e: pool.tableEntry(next) }];
      }
      if (x.kind !== "leaf" || !isPresent(x.attrs)) return null;
      const plain = leafOf(withCont(x.attrs, false), x.delta);
      if (kl === "PMD") {
        // split_pmd(to_cont = false); the walk then skips the new PTEs (ACTION_CONTINUE).
        return [{ n: seg.count, e: pool.tableEntry(pool.filled(node.li + 1, plain)) }];
      }
      if (kl === "PUD" && node.li + 1 < levels.length) {
        // split_pud(to_cont = false), then the walk descends into the new PMD table.
        const pmds = pool.filled(node.li + 1, plain);
        const next = this.splitToPtes(pmds, seg.va, lo, hi, mult * seg.count, counts);
        return [{ n: seg.count, e: pool.tableEntry(next) }];
      }
      return null;
    });
  }

  /**
   * Aligned contiguous groups (as [first, last+1) group indices within `node`) holding an entry
   * inside [s, e) for which `pred` holds.
   */
  private groupIntervals(
    node: TableNode,
    base: bigint,
    s: bigint,
    e: bigint,
    level: LevelGeometry,
    pred: (x: Entry) => boolean,
  ): [number, number][] {
    const size = level.entrySize;
    const lo = maxB(s, base);
    const hi = minB(e, base + level.tableSpan);
    const out: [number, number][] = [];
    if (lo >= hi || level.contEntries === 0) return out;
    const i0 = Number((lo - base) / size);
    const i1 = Number((hi - base + size - 1n) / size);
    const group = level.contEntries;
    for (let r = this.pool.runIndex(node, i0); r < node.runs.length && node.starts[r] < i1; r++) {
      if (!pred(node.runs[r].e)) continue;
      const a = Math.max(node.starts[r], i0);
      const b = Math.min(node.starts[r] + node.runs[r].n, i1);
      const g0 = Math.floor(a / group);
      const g1 = Math.floor((b - 1) / group) + 1;
      const last = out[out.length - 1];
      if (last && g0 <= last[1]) last[1] = Math.max(last[1], g1);
      else out.push([g0, g1]);
    }
    return out;
  }

  /** Clear the contiguous bit on every leaf of the given groups (split_cont{pmd,pte} each). */
  private clearContInGroups(node: TableNode, base: bigint, level: LevelGeometry, groups: [number, number][]): TableNode {
    if (groups.length === 0) return node;
    const group = level.contEntries;
    const first = groups[0][0];
    const last = groups[groups.length - 1][1];
    let gi = 0;
    return this.pool.transform(
      node,
      base,
      base + BigInt(first) * level.contSize,
      base + BigInt(last) * level.contSize,
      (seg) => {
        const x = seg.entry;
        if (x.kind !== "leaf" || !x.attrs.cont) return null;
        const cleared = leafOf(withCont(x.attrs, false), x.delta);
        const out: Run[] = [];
        let pos = seg.index;
        const end = seg.index + seg.count;
        while (pos < end) {
          while (gi < groups.length && groups[gi][1] * group <= pos) gi++;
          if (gi >= groups.length || groups[gi][0] * group >= end) {
            out.push({ n: end - pos, e: x });
            break;
          }
          const gs = groups[gi][0] * group;
          const ge = groups[gi][1] * group;
          if (pos < gs) {
            out.push({ n: gs - pos, e: x });
            pos = gs;
          }
          const stop = Math.min(ge, end);
          out.push({ n: stop - pos, e: cleared });
          pos = stop;
        }
        return out;
      },
    );
  }

  // ---------------------------------------------------------------------------------------
  // Leaf walker

  /**
   * Leaves over [start, end) in address order, merged while level, attributes and linear PA
   * stay the same; empty entries are skipped. Clipped to the range.
   */
  *leaves(start: bigint = this.base, end: bigint = this.base + this.span): Generator<LeafRun> {
    let pending = null as LeafRun | null;
    for (const raw of this.rawLeaves(this.root, this.base, start, end)) {
      if (
        pending &&
        pending.end === raw.start &&
        pending.hwLevel === raw.hwLevel &&
        pending.attrs === raw.attrs &&
        pending.pa + (pending.end - pending.start) === raw.pa
      ) {
        pending = { ...pending, end: raw.end };
      } else {
        if (pending) yield pending;
        pending = raw;
      }
    }
    if (pending) yield pending;
  }

  private *rawLeaves(node: TableNode, base: bigint, s: bigint, e: bigint): Generator<LeafRun> {
    const level = this.geometry.levels[node.li];
    const size = level.entrySize;
    const lo = maxB(s, base);
    const hi = minB(e, base + level.tableSpan);
    if (lo >= hi) return;
    const i0 = Number((lo - base) / size);
    const i1 = Number((hi - base + size - 1n) / size);
    for (let r = this.pool.runIndex(node, i0); r < node.runs.length && node.starts[r] < i1; r++) {
      const run = node.runs[r];
      const a = Math.max(node.starts[r], i0);
      const b = Math.min(node.starts[r] + run.n, i1);
      const va0 = base + BigInt(a) * size;
      const va1 = base + BigInt(b) * size;
      if (run.e.kind === "leaf") yield this.leafRun(maxB(lo, va0), minB(hi, va1), node.li, run.e);
      else if (run.e.kind === "table") {
        // A run of identical single-leaf-kind tables is one leaf run: no per-table walk.
        const uniform = run.e.child.uniform;
        if (uniform) yield this.leafRun(maxB(lo, va0), minB(hi, va1), uniform.li, uniform.leaf);
        else for (let i = a; i < b; i++) yield* this.rawLeaves(run.e.child, base + BigInt(i) * size, s, e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Permission walker (pageattr_ops of update_range_prot)

  /**
   * Apply set/clear masks to every leaf in [start, end), in place, in address order. Like the
   * kernel walker, a PUD/PMD block only partly inside the range stops the walk there: leaves
   * before it are already changed, it and everything after are not, and it is reported (the
   * caller turns that into WARN_ON_ONCE + -EINVAL). Non-present leaves are rewritten too.
   */
  updateRangeProt(start: bigint, end: bigint, setMask: ProtMask, clearMask: ProtMask): UpdateProtResult {
    this.checkRange(start, end);
    const first = this.leafAt(start);
    const nothing = { changed: null, contGroupsCleared: 0, contGroupsMixed: 0 };
    if (first && first.start < start) return { partial: first, ...nothing };
    const last = this.leafAt(end - 1n);
    let stop = end;
    let partial: LeafRun | null = null;
    if (last && last.end > end) {
      partial = last;
      stop = last.start;
    }
    if (stop <= start) return { partial, ...nothing };

    const contGroupsCleared = clearMask.cont && !setMask.cont ? this.countContGroups(this.root, this.base, start, stop) : 0;
    const pool = this.pool;
    const levels = this.geometry.levels;
    const rec = (node: TableNode, base: bigint, s: bigint, e: bigint): TableNode =>
      pool.transform(node, base, s, e, (seg) => {
        const x = seg.entry;
        if (x.kind === "leaf") {
          if (!seg.full) return null;
          return [{ n: seg.count, e: leafOf(applyMasks(x.attrs, setMask, clearMask), x.delta) }];
        }
        if (x.kind === "table") {
          const next = rec(x.child, seg.va, maxB(s, seg.va), minB(e, seg.va + levels[node.li].entrySize));
          return next === x.child ? null : [{ n: seg.count, e: pool.tableEntry(next) }];
        }
        return null;
      });
    this.root = rec(this.root, this.base, start, stop);

    const mixed = new Set<string>();
    for (const kl of ["PMD", "PTE"] as const) {
      for (const addr of [start, stop - 1n]) {
        const key = this.mixedContGroup(kl, addr);
        if (key !== null) mixed.add(key);
      }
    }
    return { partial, changed: { start, end: stop }, contGroupsCleared, contGroupsMixed: mixed.size };
  }

  /** Key of the CONT group at addr when it has the bit but is not one identical leaf run. */
  private mixedContGroup(level: "PMD" | "PTE", addr: bigint): string | null {
    const li = this.levelIndex(level);
    const found = this.lookup(li, addr);
    if (!found) return null;
    const group = this.geometry.levels[li].contEntries;
    const g0 = Math.floor(found.index / group) * group;
    const node = found.node;
    let anyCont = false;
    let runs = 0;
    let consistent = true;
    for (let r = this.pool.runIndex(node, g0); r < node.runs.length && node.starts[r] < g0 + group; r++) {
      runs++;
      const x = node.runs[r].e;
      if (x.kind === "leaf" && x.attrs.cont) anyCont = true;
      else consistent = false;
    }
    if (!anyCont || (consistent && runs === 1)) return null;
    return `${level}:${(found.base + BigInt(g0) * this.geometry.levels[li].entrySize).toString(16)}`;
  }

  /** CONT groups (PMD and PTE level) holding a contiguous leaf inside [s, e). */
  private countContGroups(node: TableNode, base: bigint, s: bigint, e: bigint): number {
    const level = this.geometry.levels[node.li];
    let count = 0;
    if (level.contEntries > 0) {
      for (const [g0, g1] of this.groupIntervals(node, base, s, e, level, (x) => x.kind === "leaf" && x.attrs.cont)) {
        count += g1 - g0;
      }
    }
    const size = level.entrySize;
    const lo = maxB(s, base);
    const hi = minB(e, base + level.tableSpan);
    if (lo >= hi) return count;
    const i0 = Number((lo - base) / size);
    const i1 = Number((hi - base + size - 1n) / size);
    for (let r = this.pool.runIndex(node, i0); r < node.runs.length && node.starts[r] < i1; r++) {
      const x = node.runs[r].e;
      if (x.kind !== "table") continue;
      const a = Math.max(node.starts[r], i0);
      const b = Math.min(node.starts[r] + node.runs[r].n, i1);
      // Interior entries are wholly covered and identical: count one, multiply.
      const firstVa = base + BigInt(a) * size;
      const lastVa = base + BigInt(b - 1) * size;
      if (b - a === 1) {
        count += this.countContGroups(x.child, firstVa, s, e);
        continue;
      }
      count += this.countContGroups(x.child, firstVa, s, e);
      if (b - a > 2) count += (b - a - 2) * this.countContGroups(x.child, firstVa + size, firstVa + size, firstVa + 2n * size);
      count += this.countContGroups(x.child, lastVa, s, e);
    }
    return count;
  }

  // ---------------------------------------------------------------------------------------
  // Counters

  /** Distinct table objects held in memory for this map (sharing makes this tiny). */
  distinctTables(): number {
    const seen = new Set<TableNode>();
    const visit = (node: TableNode): void => {
      if (seen.has(node)) return;
      seen.add(node);
      for (const r of node.runs) if (r.e.kind === "table") visit(r.e.child);
    };
    visit(this.root);
    return seen.size;
  }

  stats(): PageTableStats {
    const st = this.root.stats;
    return {
      tablePages: st.pages - 1,
      allocated: { ...this.counters.allocated },
      orphanedPages: this.counters.orphaned,
      levels: this.geometry.levels.map((l, li) => ({
        level: l.kernelLevel,
        ptdumpLevel: l.ptdumpName,
        hwLevel: l.hwLevel,
        tables: st.tables[li],
        leafEntries: st.leafEntries[li],
        tableEntries: st.tableEntries[li],
        contEntries: st.contEntries[li],
      })),
      contGroupsSplit: { ...this.counters.contSplit },
    };
  }
}

function maxB(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function minB(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
