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
//__MORE__
}

function maxB(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function minB(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
