// The kernel's linear map as run-length page tables, with the operations arch/arm64/mm/mmu.c
// and pageattr.c perform on it: building it (alloc_init_* with the leaf placement rules of
// domain.md §2.3), the minimal progressive split at one address (§3.2), the split of a range
// to PTEs (§3.4), the permission walker (§4.1), unmapping for hot-remove, and reading the
// leaves back. Addresses here are physical; the tree is indexed by `pa - memstart`, which is
// the VA's offset from PAGE_OFFSET, so VA and PA alignments agree below memstart's alignment.
import type { Geometry } from "../geometry/granule-geometry.js";
import type { SplitLog } from "./split-log.js";
import {
  CONT, EMPTY, LEAF, PageTable, VALID, WALKER_ONLY, freezeTables, isTable, rewriteEntries, setEntry, uniformTable, type Entry, type LeafBits, type Run,
} from "./page-table.js";

export interface MapFlags {
  /** NO_BLOCK_MAPPINGS */
  readonly noBlock: boolean;
  /** NO_CONT_MAPPINGS */
  readonly noCont: boolean;
  /**
   * ≤ v7.1: a block request over an existing table calls p?d_set_huge(), which refuses
   * silently (pgattr_change_is_safe() fails on the changed output address) and leaves the
   * table as it is. v7.2 (Ard Biesheuvel's series) descends into the table instead.
   */
  readonly refuseBlockOverTable?: boolean;
}

/** What one split did, for the trace and the per-call statistics. */
export interface SplitWork {
  /** split_pud, split_contpmd, split_pmd, split_contpte, in the order done. */
  readonly ops: string[];
  /** Contiguous groups that lost the contiguous bit. */
  contGroupsSplit: number;
}

/** The first leaf the permission walker found only partly inside the range. */
export interface PartialLeaf {
  readonly levelName: string;
  /** Physical start and end of the leaf. */
  readonly start: bigint;
  readonly end: bigint;
}

export interface PhysRangeLike {
  readonly start: bigint;
  readonly end: bigint;
}

export interface LeafSegment {
  /** Physical range. */
  readonly start: bigint;
  readonly end: bigint;
  /** Index into Geometry.levels. */
  readonly level: number;
  readonly bits: LeafBits;
}

export interface ProtOptions {
  /**
   * Before 15bfba1ad77f the walker matched only valid blocks (pud_sect/pmd_sect): an
   * invalid block is neither changed nor reported as partial.
   */
  readonly invalidLeavesSkipped: boolean;
  /** apply_to_page_range() (policy a): any block in the range fails, whole or not. */
  readonly anyBlockFails: boolean;
  /**
   * Called for each contiguous group the walk changes only in part (whole leaves of a group
   * that extends beyond the range; domain.md §9 q8), with the group's physical range.
   */
  readonly contPartial?: (levelName: string, start: bigint, end: bigint) => void;
  /**
   * The range stands for one call per page (the vmalloc alias loop done per run): every
   * contiguous group it changes is changed one page at a time, so in part.
   */
  readonly perPage?: boolean;
}

/** What unmapping a hot-removed range did beyond clearing it (domain.md §7.2). */
export interface UnmapReport {
  /** PUD/PMD leaves only partly inside the range, cleared whole (physical ranges). */
  readonly clearedWhole: PartialLeaf[];
  /** Contiguous groups cut by an edge of the range: the rest keeps CONT (misprogrammed). */
  readonly contCut: PartialLeaf[];
}

/** Results of splitProtPages() for fully covered entries, by input subtree (or leaf). */
type PagesMemo = Map<Entry | string, { e: Entry; ops: SplitLog; cont: number }> & { reported?: number };

/** splitProtPages()'s accounting: its steps (repeated stretches shared) and CONT groups split. */
export interface PagesWork {
  readonly ops: SplitLog;
  contGroupsSplit: number;
}

/** An internal segment: offsets from memstart as numbers (see LinearMap). */
interface Seg {
  start: number;
  end: number;
  level: number;
  bits: LeafBits;
}

// Offsets inside the tree are JavaScript numbers: the linear map spans at most 2^51 bytes and
// every entry and group size is a power of two, so additions, products and divisions below
// 2^53 are exact, and the hot paths allocate no BigInts. Public methods take and return
// bigint physical addresses.
export class LinearMap {
  root: PageTable;
  private readonly sizes: number[];
  private readonly contSizes: number[];
  private readonly memstartNum: number;

  constructor(
    readonly geometry: Geometry,
    /** memstart_addr: PA of the linear map's start. */
    readonly memstart: bigint,
  ) {
    this.root = uniformTable(0, geometry.levels[0]!.entries, EMPTY);
    this.sizes = geometry.levels.map((l) => Number(l.entrySize));
    this.contSizes = geometry.levels.map((l) => Number(l.contSize));
    this.memstartNum = Number(memstart);
  }

  /** The current root, frozen so that later changes copy instead of mutating it. */
  snapshot(): PageTable {
    freezeTables();
    return this.root;
  }

  /** Page-table pages below swapper_pg_dir (the root is static, not allocated). */
  get pagetablePages(): bigint {
    return this.root.childPages;
  }

  private entrySize(level: number): number {
    return this.sizes[level]!;
  }

  private entries(level: number): number {
    return this.geometry.levels[level]!.entries;
  }

  private isPteLevel(level: number): boolean {
    return level === this.geometry.levels.length - 1;
  }

  private off(pa: bigint): number {
    return Number(pa - this.memstart);
  }

  // ---- building ---------------------------------------------------------------------------

  /** Block requests refused over a table during the current mapRange() (physical offsets). */
  private refused: { start: number; end: number }[] = [];

  /**
   * __create_pgd_mapping() of [start, end) with `bits`, as map_mem(), arch_add_memory() and
   * update_mapping_prot() do: an existing leaf in the range is rewritten with the new bits.
   * Returns the block-sized chunks whose request was refused over an existing table.
   */
  mapRange(start: bigint, end: bigint, bits: LeafBits, flags: MapFlags): PhysRangeLike[] {
    if (end <= start) return [];
    this.refused = [];
    this.root = this.mapIn(this.root, 0, this.off(start), this.off(end), bits | LEAF, flags);
    const out = this.refused.map((r) => ({ start: this.memstart + BigInt(r.start), end: this.memstart + BigInt(r.end) }));
    this.refused = [];
    return out;
  }

  private mapIn(table: PageTable, base: number, s: number, e: number, bits: LeafBits, flags: MapFlags): PageTable {
    const L = table.level;
    const geo = this.geometry.levels[L]!;
    const S = this.sizes[L]!;
    const iFrom = Math.floor((s - base) / S);
    const iTo = Math.ceil((e - base) / S);
    const canBlock = geo.leaf && !flags.noBlock;
    return rewriteEntries(table, iFrom, iTo, (old, first, count) => {
      const out: Run[] = [];
      let i = first;
      const last = first + count;
      while (i < last) {
        const eStart = base + i * S;
        const full = eStart >= s && eStart + S <= e;
        if (!full) {
          out.push({ n: 1, e: this.mapPartial(old, L, eStart, Math.max(s, eStart), Math.min(e, eStart + S), bits, flags) });
          i++;
          continue;
        }
        // The run of fully covered entries from i: stop before a partial last entry.
        let j = i;
        while (j < last && base + (j + 1) * S <= e) j++;
        const n = j - i;
        const physAligned = (this.memstartNum + eStart) % S === 0;
        if (canBlock && !isTable(old) && physAligned) {
          for (const r of this.leafRunsWithCont(table, L, base, i, n, s, e, bits, flags)) out.push(r);
        } else if (canBlock && isTable(old) && physAligned && flags.refuseBlockOverTable && !this.isPteLevel(L)) {
          // pmd_set_huge()/pud_set_huge() return 0 and write nothing; init_pmd() ignores it.
          this.refused.push({ start: eStart, end: base + j * S });
          out.push({ n, e: old });
        } else {
          // Every fully covered entry gets the same subtree: build it once.
          const child = this.mapPartial(old, L, eStart, eStart, eStart + S, bits, flags);
          out.push({ n, e: child });
        }
        i = j;
      }
      return out;
    });
  }

  /** The entry for a slot whose range [s, e) needs a table below it. */
  private mapPartial(old: Entry, L: number, eStart: number, s: number, e: number, bits: LeafBits, flags: MapFlags): Entry {
    if (this.isPteLevel(L)) return bits; // unreachable: PTE entries are always fully covered
    if (typeof old === "number" && old !== EMPTY) return old; // a leaf is never remapped with a table (BUG_ON in the kernel)
    const child = isTable(old) ? old : uniformTable(L + 1, this.entries(L + 1), EMPTY);
    return this.mapIn(child, eStart, s, e, bits, flags);
  }

  /** Leaves for entries [i, i+n) of a table, with CONT on every qualifying aligned group. */
  private leafRunsWithCont(table: PageTable, L: number, base: number, i: number, n: number, s: number, e: number, bits: LeafBits, flags: MapFlags): Run[] {
    const geo = this.geometry.levels[L]!;
    const G = geo.contEntries;
    if (G === 0 || flags.noCont) return [{ n, e: bits }];
    const out: Run[] = [];
    let k = i;
    const end = i + n;
    while (k < end) {
      const groupFirst = Math.floor(k / G) * G;
      const groupEnd = groupFirst + G;
      const upto = Math.min(groupEnd, end);
      const contSize = this.contSizes[L]!;
      const gStart = base + groupFirst * this.sizes[L]!;
      const gEnd = gStart + contSize;
      const qualifies = gStart >= s && gEnd <= e && (this.memstartNum + gStart) % contSize === 0 && !this.hasValidNonCont(table, groupFirst, groupEnd);
      // Whole qualifying groups in a row share one run.
      if (qualifies && k === groupFirst) {
        let groups = 1;
        while (groupFirst + (groups + 1) * G <= end) {
          const ns = gStart + groups * contSize;
          if (ns + contSize > e || this.hasValidNonCont(table, groupFirst + groups * G, groupFirst + (groups + 1) * G)) break;
          groups++;
        }
        out.push({ n: groups * G, e: bits | CONT });
        k = groupFirst + groups * G;
      } else {
        out.push({ n: upto - k, e: qualifies ? bits | CONT : bits });
        k = upto;
      }
    }
    return out;
  }

  /** pte_range_has_valid_noncont / pmd_range_has_valid_noncont (table entries count as valid). */
  private hasValidNonCont(table: PageTable, from: number, to: number): boolean {
    for (let r = table.runIndexOf(from); r < table.runs.length && table.runStart(r) < to; r++) {
      const e = table.runs[r]!.e;
      if (isTable(e)) return true;
      if (e !== EMPTY && (e & VALID) !== 0 && (e & CONT) === 0) return true;
    }
    return false;
  }

  // ---- split_kernel_leaf_mapping_locked ---------------------------------------------------

  /** Makes `pa` a leaf boundary with the fewest splits (domain.md §3.2). */
  splitKernelLeafMappingLocked(pa: bigint, work: SplitWork): void {
    this.root = this.splitIn(this.root, 0, this.off(pa), work);
  }

  private splitIn(table: PageTable, base: number, addr: number, work: SplitWork): PageTable {
    const L = table.level;
    const geo = this.geometry.levels[L]!;
    const S = this.sizes[L]!;
    const alignUnit = geo.contEntries > 0 ? this.contSizes[L]! : S;
    if (addr % alignUnit === 0) return table;
    const i = Math.floor((addr - base) / S);
    const eStart = base + i * S;
    let entry = table.entryAt(i);
    if (entry === EMPTY) return table;
    if (isTable(entry)) {
      // Recurse inside the rewrite, so a child changed in place is seen as a change here.
      return rewriteEntries(table, i, i + 1, (e) => this.splitIn(e as PageTable, eStart, addr, work));
    }
    let t = table;
    if (geo.contEntries > 0 && (entry & CONT) !== 0) {
      t = this.clearContGroup(t, i, geo.contEntries);
      work.ops.push(this.isPteLevel(L) ? "split_contpte" : "split_contpmd");
      work.contGroupsSplit++;
      entry = entry & ~CONT;
    }
    if (addr % S === 0 || this.isPteLevel(L)) return t;
    // split_pud / split_pmd with to_cont: every new entry gets the contiguous bit.
    const next = this.geometry.levels[L + 1]!;
    const childBits = next.contEntries > 0 ? entry | CONT : entry & ~CONT;
    work.ops.push(this.isPteLevel(L + 1) ? "split_pmd" : "split_pud");
    const child = this.splitIn(uniformTable(L + 1, next.entries, childBits), eStart, addr, work);
    return setEntry(t, i, child);
  }

  /** split_contpte / split_contpmd: clear CONT on the aligned group holding entry `i`. */
  private clearContGroup(table: PageTable, i: number, G: number): PageTable {
    const first = Math.floor(i / G) * G;
    return rewriteEntries(table, first, first + G, (e) => (isTable(e) || e === EMPTY ? e : e & ~CONT));
  }

  // ---- range_split_to_ptes ----------------------------------------------------------------

  /** Every leaf overlapping [start, end) becomes plain PTEs (domain.md §3.4). */
  rangeSplitToPtes(start: bigint, end: bigint): void {
    if (end <= start) return;
    this.root = this.toPtesIn(this.root, 0, this.off(start), this.off(end));
  }

  private toPtesIn(table: PageTable, base: number, s: number, e: number): PageTable {
    const L = table.level;
    const geo = this.geometry.levels[L]!;
    const S = this.sizes[L]!;
    const iFrom = Math.floor((s - base) / S);
    const iTo = Math.ceil((e - base) / S);
    let t = table;
    // split_contpte / split_contpmd clear a whole group, also the part outside the range.
    if (geo.contEntries > 0) {
      for (const i of [iFrom, iTo - 1]) {
        const x = t.entryAt(i);
        if (!isTable(x) && x !== EMPTY && (x & CONT) !== 0) t = this.clearContGroup(t, i, geo.contEntries);
      }
    }
    return rewriteEntries(t, iFrom, iTo, (old, first, count) => {
      if (old === EMPTY) return old;
      if (!isTable(old)) {
        const plain = old & ~CONT;
        if (this.isPteLevel(L)) return plain;
        // split_pmd(to_cont=false): the whole PMD becomes plain PTEs, covered or not.
        if (this.isPteLevel(L + 1)) return this.plainPteSubtree(L + 1, plain);
        // split_pud(to_cont=false) makes plain PMD blocks; the walk then splits only those the
        // range reaches (domain.md §3.4: 2 pages for a 2 MiB range inside a 1 GiB block).
        const out: Run[] = [];
        for (let i = first; i < first + count; ) {
          const eStart = base + i * S;
          if (eStart < s || eStart + S > e) {
            out.push({ n: 1, e: this.toPtesIn(uniformTable(L + 1, this.entries(L + 1), plain), eStart, Math.max(s, eStart), Math.min(e, eStart + S)) });
            i++;
            continue;
          }
          let j = i;
          while (j < first + count && base + (j + 1) * S <= e) j++;
          out.push({ n: j - i, e: this.plainPteSubtree(L + 1, plain) });
          i = j;
        }
        return out;
      }
      const out: Run[] = [];
      for (let i = first; i < first + count; ) {
        const eStart = base + i * S;
        const full = eStart >= s && eStart + S <= e;
        if (!full) {
          out.push({ n: 1, e: this.toPtesIn(old, eStart, Math.max(s, eStart), Math.min(e, eStart + S)) });
          i++;
          continue;
        }
        let j = i;
        while (j < first + count && base + (j + 1) * S <= e) j++;
        out.push({ n: j - i, e: this.toPtesIn(old, eStart, eStart, eStart + S) });
        i = j;
      }
      return out;
    });
  }

  /** A table at `level` mapping its whole span with plain PTEs of `bits` (shared subtrees). */
  private plainPteSubtree(level: number, bits: LeafBits): PageTable {
    if (this.isPteLevel(level)) return uniformTable(level, this.entries(level), bits);
    return uniformTable(level, this.entries(level), this.plainPteSubtree(level + 1, bits));
  }

  // ---- the permission walker --------------------------------------------------------------

  /**
   * update_range_prot()'s walk (pageattr_ops): whole leaves in [start, end) get
   * `(bits & ~clear) | set`; the first leaf only partly inside stops the walk and is returned
   * (earlier leaves stay changed). Every slot of a present PTE table is visited, empty ones
   * included.
   */
  updateRangeProt(start: bigint, end: bigint, clear: LeafBits, set: LeafBits, opts: ProtOptions): PartialLeaf | undefined {
    const state: { partial?: PartialLeaf } = {};
    this.root = this.protIn(this.root, 0, this.off(start), this.off(end), clear, set, opts, state);
    return state.partial;
  }

  private protIn(table: PageTable, base: number, s: number, e: number, clear: LeafBits, set: LeafBits, opts: ProtOptions, state: { partial?: PartialLeaf }): PageTable {
    const L = table.level;
    const geo = this.geometry.levels[L]!;
    const S = this.sizes[L]!;
    const iFrom = Math.floor((s - base) / S);
    const iTo = Math.ceil((e - base) / S);
    const pte = this.isPteLevel(L);
    const apply = (x: LeafBits): LeafBits => ((x & ~clear) | set) | LEAF;
    // Whole leaves [i, j) changed in place: report the contiguous groups they share with
    // entries outside [s, e) (pageattr does not check, domain.md §4.1).
    const G = geo.contEntries;
    const reportCont = (x: LeafBits, i: number, j: number): void => {
      if (!opts.contPartial || G === 0 || (x & CONT) === 0) return;
      const span = G * S;
      const note = (g: number): void => {
        const gs = base + g * span;
        if (opts.perPage || gs < s || gs + span > e) opts.contPartial!(geo.name, this.memstart + BigInt(gs), this.memstart + BigInt(gs + span));
      };
      const gFirst = Math.floor(i / G);
      const gLast = Math.floor((j - 1) / G);
      // Only the groups at the two ends can reach outside the range, unless each page is a call.
      if (opts.perPage) for (let g = gFirst; g <= gLast; g++) note(g);
      else {
        note(gFirst);
        if (gLast !== gFirst) note(gLast);
      }
    };
    return rewriteEntries(table, iFrom, iTo, (old, first, count) => {
      if (state.partial) return old;
      if (pte && !isTable(old)) {
        // An empty slot of a present PTE table gets the set mask and nothing else.
        if (old === EMPTY) return set === 0 ? EMPTY : set | LEAF | WALKER_ONLY;
        reportCont(old, first, first + count);
        return apply(old);
      }
      if (old === EMPTY) return old;
      const out: Run[] = [];
      for (let i = first; i < first + count; ) {
        if (state.partial) {
          out.push({ n: first + count - i, e: old });
          break;
        }
        const eStart = base + i * S;
        const full = eStart >= s && eStart + S <= e;
        let j = i + 1;
        if (full) while (j < first + count && base + (j + 1) * S <= e) j++;
        const n = j - i;
        if (!isTable(old)) {
          if (opts.invalidLeavesSkipped && (old & VALID) === 0) {
            out.push({ n, e: old });
          } else if (!full || opts.anyBlockFails) {
            state.partial = { levelName: geo.name, start: this.memstart + BigInt(eStart), end: this.memstart + BigInt(eStart + S) };
            out.push({ n, e: old });
          } else {
            reportCont(old, i, j);
            out.push({ n, e: apply(old) });
          }
        } else {
          const child = this.protIn(old, eStart, Math.max(s, eStart), Math.min(e, eStart + S), clear, set, opts, state);
          // One entry's child (every call reaches its leaves so): the entry, not a list of one run.
          if (n === count) return child;
          out.push({ n, e: child });
        }
        i = j;
      }
      return out;
    });
  }

  // ---- kpti_install_ng_mappings ---------------------------------------------------------

  /**
   * ORs `bits` into every valid leaf (idmap_kpti_install_ng_mappings() sets PTE_NG on every
   * valid swapper entry and skips invalid ones); block sizes never change. Shared subtrees
   * stay shared: each distinct table is rewritten once.
   */
  setBitsOnValidLeaves(bits: LeafBits): void {
    const memo = new Map<PageTable, PageTable>();
    const walk = (t: PageTable): PageTable => {
      const done = memo.get(t);
      if (done) return done;
      const out = rewriteEntries(t, 0, t.entries, (e) => {
        if (isTable(e)) return walk(e);
        return e !== EMPTY && (e & VALID) !== 0 ? e | bits : e;
      });
      memo.set(t, out);
      return out;
    };
    this.root = walk(this.root);
  }

  // ---- the vmalloc alias loop, per run of pages ----------------------------------------

  /**
   * What one split_kernel_leaf_mapping() plus update_range_prot() per page of [start, end)
   * does, in one pass (the linear alias of a vmalloc permission change, domain.md §4.2): for
   * each page p in order, the split at the less aligned of p and p + PAGE_SIZE (always only
   * page aligned, so the descent reaches the PTE level: split_pud / split_contpmd /
   * split_pmd with to_cont, and split_contpte on the PTE that edge names), then the masks on
   * p's PTE (or its empty slot). Ops go to `work` in the per-page order. Identical fully
   * covered subtrees are worked out once and shared.
   */
  splitProtPages(start: bigint, end: bigint, clear: LeafBits, set: LeafBits, work: PagesWork, contPartial?: ProtOptions["contPartial"]): void {
    if (end <= start) return;
    const memo: PagesMemo = new Map();
    // A subtree that reported a partial group is not reused (its replay would not report).
    const counted = contPartial && ((level: string, a: bigint, b: bigint) => {
      memo.reported = (memo.reported ?? 0) + 1;
      contPartial(level, a, b);
    });
    this.root = this.pagesIn(this.root, 0, this.off(start), this.off(end), clear, set, work, memo, counted);
  }

  private pagesIn(table: PageTable, base: number, s: number, e: number, clear: LeafBits, set: LeafBits, work: PagesWork, memo: PagesMemo, contPartial: ProtOptions["contPartial"]): PageTable {
    const L = table.level;
    const S = this.sizes[L]!;
    const G = this.geometry.levels[L]!.contEntries;
    const iFrom = Math.floor((s - base) / S);
    const iTo = Math.ceil((e - base) / S);
    const cur: Entry[] = [];
    for (const r of table.runs) for (let k = 0; k < r.n; k++) cur.push(r.e);
    const clearGroup = (i: number): void => {
      const g0 = Math.floor(i / G) * G;
      for (let k = g0; k < g0 + G; k++) {
        const x = cur[k]!;
        if (!isTable(x) && x !== EMPTY) cur[k] = x & ~CONT;
      }
    };
    if (this.isPteLevel(L)) {
      for (let i = iFrom; i < iTo; i++) {
        // ffs(p) < ffs(p + PAGE_SIZE) exactly when p's page number is odd (tables are aligned).
        const x = i % 2 === 1 ? i : i + 1;
        const xe = cur[x]!;
        if (G > 0 && !isTable(xe) && xe !== EMPTY && (xe & CONT) !== 0) {
          clearGroup(x);
          work.ops.push("split_contpte");
          work.contGroupsSplit++;
        }
        const v = cur[i] as LeafBits;
        // Only a misprogrammed group (an edge PTE without CONT) leaves CONT on p's PTE here.
        if (contPartial && G > 0 && (v & CONT) !== 0) {
          const g0 = Math.floor(i / G) * G;
          contPartial("PTE", this.memstart + BigInt(base + g0 * S), this.memstart + BigInt(base + (g0 + G) * S));
        }
        cur[i] = v === EMPTY ? (set === 0 ? EMPTY : set | LEAF | WALKER_ONLY) : ((v & ~clear) | set) | LEAF;
      }
      return tableOf(L, cur);
    }
    for (let i = iFrom; i < iTo; i++) {
      let v = cur[i]!;
      if (v === EMPTY) continue; // the split stops here and the walker finds nothing
      const eStart = base + i * S;
      const full = eStart >= s && eStart + S <= e;
      if (!isTable(v)) {
        if (G > 0 && (v & CONT) !== 0) {
          clearGroup(i);
          work.ops.push("split_contpmd");
          work.contGroupsSplit++;
          v = v & ~CONT;
        }
        work.ops.push(this.isPteLevel(L + 1) ? "split_pmd" : "split_pud");
      }
      const key: Entry | string = isTable(v) ? v : `${L}:${v}`;
      const hit = full ? memo.get(key) : undefined;
      if (hit) {
        work.ops.append(hit.ops);
        work.contGroupsSplit += hit.cont;
        if (isTable(hit.e)) hit.e.shared = true;
        cur[i] = hit.e;
        continue;
      }
      const from = work.ops.mark();
      const fromCont = work.contGroupsSplit;
      const fromReported = memo.reported ?? 0;
      const next = this.geometry.levels[L + 1]!;
      const child = isTable(v) ? v : uniformTable(L + 1, next.entries, next.contEntries > 0 ? v | CONT : v & ~CONT);
      const out = this.pagesIn(child, eStart, Math.max(s, eStart), Math.min(e, eStart + S), clear, set, work, memo, contPartial);
      if (full && (memo.reported ?? 0) === fromReported) memo.set(key, { e: out, ops: work.ops.since(from), cont: work.contGroupsSplit - fromCont });
      cur[i] = out;
    }
    return tableOf(L, cur);
  }

  // ---- unmapping ----------------------------------------------------------------------------

  /**
   * unmap_hotplug_range(free_mapped = false) then free_empty_tables() (hot-remove). A PUD or
   * PMD leaf that intersects the range is cleared whole, covered or not (pud_clear() /
   * pmd_clear() with no coverage check, domain.md §7.2); at PTE level only the covered PTEs
   * go, so an edge inside a contiguous group leaves the rest of the group with CONT set.
   */
  unmapRange(start: bigint, end: bigint): UnmapReport {
    const report: UnmapReport = { clearedWhole: [], contCut: [] };
    const t = this.unmapIn(this.root, 0, this.off(start), this.off(end), report);
    this.root = isTable(t) ? t : uniformTable(0, this.entries(0), EMPTY);
    return report;
  }

  private unmapIn(table: PageTable, base: number, s: number, e: number, report: UnmapReport): Entry {
    const L = table.level;
    const geo = this.geometry.levels[L]!;
    const S = this.entrySize(L);
    const iFrom = Math.floor((s - base) / S);
    const iTo = Math.ceil((e - base) / S);
    const t = rewriteEntries(table, iFrom, iTo, (old, first, count) => {
      if (old === EMPTY) return old;
      if (!isTable(old)) {
        for (let i = first; i < first + count; i++) {
          const eStart = base + i * S;
          if (eStart < s || eStart + S > e) report.clearedWhole.push({ levelName: geo.name, start: this.memstart + BigInt(eStart), end: this.memstart + BigInt(eStart + S) });
        }
        return EMPTY;
      }
      const out: Run[] = [];
      for (let i = first; i < first + count; i++) {
        const eStart = base + i * S;
        const full = eStart >= s && eStart + S <= e;
        out.push({ n: 1, e: full ? EMPTY : this.unmapIn(old, eStart, Math.max(s, eStart), Math.min(e, eStart + S), report) });
      }
      return out;
    });
    // An edge strictly inside a contiguous group that still has CONT leaves: misprogrammed.
    const G = geo.contEntries;
    if (G > 0) {
      for (const edge of [s, e]) {
        const rel = (edge - base) / S;
        if (rel <= 0 || rel >= t.entries || (edge - base) % (G * S) === 0) continue;
        const g0 = Math.floor(rel / G) * G;
        let cont = false;
        let cleared = false;
        for (let i = g0; i < g0 + G; i++) {
          const x = t.entryAt(i);
          if (x === EMPTY) cleared = true;
          else if (!isTable(x) && (x & CONT) !== 0) cont = true;
        }
        if (cont && cleared) report.contCut.push({ levelName: geo.name, start: this.memstart + BigInt(base + g0 * S), end: this.memstart + BigInt(base + (g0 + G) * S) });
      }
    }
    if (L > 0 && t.runs.length === 1 && t.runs[0]!.e === EMPTY) return EMPTY;
    return t;
  }

  // ---- reading ------------------------------------------------------------------------------

  /** The leaves over [start, end) in address order, clipped to it, adjacent equal ones merged. */
  leafSegments(start: bigint, end: bigint, includeEmpty = false): LeafSegment[] {
    const out: Seg[] = [];
    this.segmentsIn(this.root, 0, this.off(start), this.off(end), out, includeEmpty);
    return out.map((x) => ({ level: x.level, bits: x.bits, start: BigInt(x.start) + this.memstart, end: BigInt(x.end) + this.memstart }));
  }

  private segmentsIn(table: PageTable, base: number, s: number, e: number, out: Seg[], includeEmpty: boolean): void {
    const L = table.level;
    const S = this.entrySize(L);
    const iFrom = Math.floor((s - base) / S);
    const iTo = Math.ceil((e - base) / S);
    for (let r = table.runIndexOf(iFrom); r < table.runs.length && table.runStart(r) < iTo; r++) {
      const run = table.runs[r]!;
      const a = Math.max(table.runStart(r), iFrom);
      const b = Math.min(table.runStart(r) + run.n, iTo);
      const rs = Math.max(s, base + a * S);
      const re = Math.min(e, base + b * S);
      if (!isTable(run.e)) {
        if (run.e !== EMPTY || includeEmpty) pushSegment(out, { start: rs, end: re, level: L, bits: run.e });
        continue;
      }
      // A run of identical subtrees: when the subtree is one uniform leaf, one segment covers all.
      const uniform = uniformLeaf(run.e);
      if (uniform) {
        if (uniform.bits !== EMPTY || includeEmpty) pushSegment(out, { start: rs, end: re, level: uniform.level, bits: uniform.bits });
        continue;
      }
      for (let i = a; i < b; i++) {
        const eStart = base + i * S;
        this.segmentsIn(run.e, eStart, Math.max(s, eStart), Math.min(e, eStart + S), out, includeEmpty);
      }
    }
  }
}

/** A table from its entries, one run per stretch of identical entries. */
function tableOf(level: number, entries: readonly Entry[]): PageTable {
  const runs: Run[] = [];
  for (const x of entries) {
    const last = runs[runs.length - 1];
    if (last && last.e === x) runs[runs.length - 1] = { n: last.n + 1, e: x };
    else runs.push({ n: 1, e: x });
  }
  return new PageTable(level, runs);
}

function pushSegment(out: Seg[], seg: Seg): void {
  const last = out[out.length - 1];
  if (last && last.end === seg.start && last.level === seg.level && last.bits === seg.bits) last.end = seg.end;
  else out.push(seg);
}

/** If every leaf below `t` is the same leaf at one level, that leaf. */
function uniformLeaf(t: PageTable): { level: number; bits: LeafBits } | undefined {
  if (t.uniformCache !== undefined) return t.uniformCache ?? undefined;
  let result: { level: number; bits: LeafBits } | null = null;
  if (t.runs.length === 1) {
    const e = t.runs[0]!.e;
    result = isTable(e) ? (uniformLeaf(e) ?? null) : { level: t.level, bits: e };
  }
  t.uniformCache = result;
  return result ?? undefined;
}

