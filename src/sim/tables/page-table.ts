// Run-length page tables. A table is a list of runs of identical entries; an entry is empty,
// a leaf (its attribute bits; the output address is implied by position, since the linear
// map is an offset mapping), or a pointer to a child table. Tables are immutable: every
// change copies the path from the root, and a run of N table entries points at ONE child, so
// a million identical PTE tables after a repaint are stored once. Counts stay exact: a run
// of N table entries stands for N page-table pages (times its child's own subtree).
//
// Copy-on-write is only paid where sharing makes it necessary: a table created since the
// last freeze (snapshot) and referenced from a single slot is changed in place. Freezing is
// O(1): it advances a generation counter, and every older table is then immutable.

/** Leaf attribute bits (not the hardware encoding; ptdump decides how they print). */
export const LEAF = 1; // a written, non-none entry
export const VALID = 2;
export const RDONLY = 4;
export const PXN = 8;
export const CONT = 16;
/** Realm: the PROT_NS_SHARED output-address bit (decrypted). Not visible in ptdump. */
export const NS_SHARED = 32;
/** MT_NORMAL_TAGGED instead of MT_NORMAL (MTE). */
export const TAGGED = 64;
/** PTE_NG; after 15bfba1ad77f also PTE_PRESENT_INVALID (the same bit). */
export const NG = 128;
/**
 * An empty PTE slot that only the permission walker wrote (domain.md §4.1): the hardware
 * entry holds just the other bits of this leaf (e.g. PTE_RDONLY), none of the SHD, AF, UXN
 * and MT_NORMAL_TAGGED bits a mapping would have. A high bit, clear of the ones above.
 */
export const WALKER_ONLY = 1 << 20;

export type LeafBits = number;
export const EMPTY = 0;

export type Entry = LeafBits | PageTable;

export interface Run {
  readonly n: number;
  readonly e: Entry;
}

export function isTable(e: Entry): e is PageTable {
  return typeof e !== "number";
}

let generation = 1;

/** Makes every existing table immutable (taken before a snapshot of the map is kept). */
export function freezeTables(): void {
  generation++;
}

export class PageTable {
  private readonly gen = generation;
  /** Referenced from more than one slot: never changed in place. */
  shared = false;
  /** starts[i] = index of the first entry of runs[i]; starts[runs.length] = entries. */
  private starts: number[] = [];
  /** Page-table pages in this subtree, this table included; kept up to date on every change. */
  pageCount: number;
  /** Bumped on every in-place change, so parents can tell a child changed. */
  version = 0;
  /** Cache for uniformLeaf() in linear-map.ts; cleared on change. */
  uniformCache: { level: number; bits: LeafBits } | null | undefined;

  constructor(
    /** Index into Geometry.levels. */
    readonly level: number,
    readonly runs: Run[],
    /** When known (a copy with a known change), saves summing the runs. */
    pageCount?: number,
  ) {
    this.recompute(0);
    if (pageCount === undefined) {
      pageCount = 1;
      for (const r of runs) if (typeof r.e !== "number") pageCount += r.n * r.e.pageCount;
    }
    this.pageCount = pageCount;
  }

  /** May this table be changed in place? */
  get mutable(): boolean {
    return this.gen === generation && !this.shared;
  }

  /**
   * Replaces `count` runs at `at` by `window` (covering the same entries) in place. Starts
   * after the window keep their values, so only the window's are computed.
   */
  spliceRuns(at: number, count: number, window: readonly Run[]): void {
    let s = this.starts[at]!;
    if (window.length === count) {
      // As many runs as before (a change inside a run's neighbours): written over in place.
      for (let i = 0; i < count; i++) {
        const r = window[i]!;
        if (r.n > 1 && typeof r.e !== "number") r.e.shared = true;
        this.runs[at + i] = r;
        this.starts[at + i] = s;
        s += r.n;
      }
    } else {
      const newStarts: number[] = [];
      for (const r of window) {
        if (r.n > 1 && typeof r.e !== "number") r.e.shared = true;
        newStarts.push(s);
        s += r.n;
      }
      this.runs.splice(at, count, ...window);
      this.starts.splice(at, count, ...newStarts);
    }
    this.version++;
    this.uniformCache = undefined;
  }

  /** Recomputes starts from run `from` on, marks tables held by several entries as shared. */
  recompute(from: number): void {
    const runs = this.runs;
    let s = from === 0 ? 0 : this.starts[from]!;
    this.starts.length = runs.length + 1;
    for (let i = from; i < runs.length; i++) {
      const r = runs[i]!;
      if (r.n > 1 && typeof r.e !== "number") r.e.shared = true;
      this.starts[i] = s;
      s += r.n;
    }
    this.starts[runs.length] = s;
    this.uniformCache = undefined;
  }

  get entries(): number {
    return this.starts[this.runs.length]!;
  }

  /** The run holding entry `index`. */
  runIndexOf(index: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  runStart(runIndex: number): number {
    return this.starts[runIndex]!;
  }

  entryAt(index: number): Entry {
    return this.runs[this.runIndexOf(index)]!.e;
  }

  /** Page-table pages in this subtree, this table included. */
  get pages(): bigint {
    return BigInt(this.pageCount);
  }

  /** Pages of the subtrees below this table (what hangs off the root, for the root). */
  get childPages(): bigint {
    return this.pages - 1n;
  }
}

/** A table whose entries are all `e`. */
export function uniformTable(level: number, entries: number, e: Entry): PageTable {
  return new PageTable(level, [{ n: entries, e }]);
}

/** Appends a run, merging it with the previous one when the entries are the same. */
function pushRun(out: Run[], n: number, e: Entry): void {
  if (n <= 0) return;
  const last = out[out.length - 1];
  if (last && last.e === e) out[out.length - 1] = { n: last.n + n, e };
  else out.push({ n, e });
}

/** pushRun of an existing run: the run itself when it is not merged (runs are never changed). */
function pushRunOf(out: Run[], run: Run): void {
  const last = out[out.length - 1];
  if (last && last.e === run.e) out[out.length - 1] = { n: last.n + run.n, e: run.e };
  else out.push(run);
}

/**
 * A copy of `table` with entries [from, to) replaced: `fn` is called once per run slice in
 * the range (entries of a run are identical, so one call serves the whole slice) and returns
 * the replacement entry for that slice, or an array of runs covering exactly `count` entries.
 * Runs outside the range are shared with the old table, and the old table is returned
 * unchanged when nothing changed.
 */
export function rewriteEntries(
  table: PageTable,
  from: number,
  to: number,
  fn: (e: Entry, first: number, count: number) => Entry | readonly Run[],
): PageTable {
  if (from >= to) return table;
  const runs = table.runs;
  const a = table.runIndexOf(from);
  const b = table.runIndexOf(to - 1);
  const inPlace = table.mutable;
  // One entry pointing at a child table, the path of every walk down to one address: when
  // `fn` changes that child in place, this table's runs stay as they are and only its count
  // and version move. Nothing is built (a walk made a window and its runs at every level).
  let first: { readonly rep: Entry | readonly Run[]; readonly version: number; readonly pages: number } | undefined;
  if (inPlace && a === b && runs[a]!.n === 1 && typeof runs[a]!.e !== "number") {
    const child = runs[a]!.e as PageTable;
    const version = child.version;
    const pages = child.pageCount;
    const rep = fn(child, from, 1);
    if (rep === child) {
      if (child.version === version) return table;
      table.pageCount += child.pageCount - pages;
      table.version++;
      table.uniformCache = undefined;
      return table;
    }
    first = { rep, version, pages };
  }
  // Changed in place, the runs are written straight into the window to splice, with one run
  // either side to merge at the seams; for a copy, they are the new runs of [a, b].
  const lo = inPlace && a > 0 ? a - 1 : a;
  const hi = inPlace && b + 1 < runs.length ? b + 1 : b;
  const mid: Run[] = [];
  if (lo < a) pushRunOf(mid, runs[lo]!);
  let changed = false;
  let delta = 0;
  for (let i = a; i <= b; i++) {
    const r = runs[i]!;
    const start = table.runStart(i);
    const end = start + r.n;
    const x = start > from ? start : from;
    const y = end < to ? end : to;
    // A table split across runs is referenced from several of them.
    if ((x > start || end > y) && typeof r.e !== "number") r.e.shared = true;
    pushRun(mid, x - start, r.e);
    // The one run above, whose replacement is already made: its child's figures from before.
    const made = i === a ? first : undefined;
    const childVersion = made ? made.version : typeof r.e === "number" ? 0 : r.e.version;
    const childPages = made ? made.pages : typeof r.e === "number" ? 0 : r.e.pageCount;
    const replacement = made ? made.rep : fn(r.e, x, y - x);
    if (Array.isArray(replacement)) {
      changed = true;
      delta -= (y - x) * childPages;
      for (const z of replacement as readonly Run[]) {
        pushRun(mid, z.n, z.e);
        if (typeof z.e !== "number") delta += z.n * z.e.pageCount;
      }
    } else {
      const rep = replacement as Entry;
      if (rep !== r.e || (typeof r.e !== "number" && r.e.version !== childVersion)) {
        changed = true;
        // A child changed in place has a new count; compare with the count before fn ran.
        delta += (y - x) * ((typeof rep === "number" ? 0 : rep.pageCount) - childPages);
      }
      pushRun(mid, y - x, rep);
    }
    pushRun(mid, end - y, r.e);
  }
  if (!changed) return table;
  if (inPlace) {
    if (hi > b) pushRunOf(mid, runs[hi]!);
    table.spliceRuns(lo, hi - lo + 1, mid);
    table.pageCount += delta;
    return table;
  }
  const out: Run[] = runs.slice(0, a);
  for (const m of mid) pushRunOf(out, m);
  const after = runs.length;
  if (b + 1 < after) {
    pushRunOf(out, runs[b + 1]!);
    for (let i = b + 2; i < after; i++) out.push(runs[i]!);
  }
  return new PageTable(table.level, out, table.pageCount + delta);
}

/** A copy of `table` with entry `index` replaced by `e`. */
export function setEntry(table: PageTable, index: number, e: Entry): PageTable {
  return rewriteEntries(table, index, index + 1, () => e);
}
