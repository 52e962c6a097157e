// Run-length page tables. A table is a list of runs of identical entries; an entry is empty,
// a leaf (its attribute bits; the output address is implied by position, since the linear
// map is an offset mapping), or a pointer to a child table. Tables are immutable: every
// change copies the path from the root, and a run of N table entries points at ONE child, so
// a million identical PTE tables after a repaint are stored once. Counts stay exact: a run
// of N table entries stands for N page-table pages (times its child's own subtree).

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

let nextTableId = 1;

export class PageTable {
  readonly id = nextTableId++;
  /** starts[i] = index of the first entry of runs[i]; starts[runs.length] = entries. */
  private readonly starts: Int32Array;
  private pagesCache: bigint | undefined;

  constructor(
    /** Index into Geometry.levels. */
    readonly level: number,
    readonly runs: readonly Run[],
  ) {
    this.starts = new Int32Array(runs.length + 1);
    let s = 0;
    for (let i = 0; i < runs.length; i++) {
      this.starts[i] = s;
      s += runs[i]!.n;
    }
    this.starts[runs.length] = s;
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
    if (this.pagesCache === undefined) {
      let p = 1n;
      for (const r of this.runs) if (isTable(r.e)) p += BigInt(r.n) * r.e.pages;
      this.pagesCache = p;
    }
    return this.pagesCache;
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

/**
 * A copy of `table` with entries [from, to) replaced: `fn` is called once per run slice in
 * the range (entries of a run are identical, so one call serves the whole slice) and returns
 * the replacement entry for that slice, or an array of runs covering exactly `count` entries.
 */
export function rewriteEntries(
  table: PageTable,
  from: number,
  to: number,
  fn: (e: Entry, first: number, count: number) => Entry | readonly Run[],
): PageTable {
  if (from >= to) return table;
  const out: Run[] = [];
  const runs = table.runs;
  let changed = false;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    const start = table.runStart(i);
    const end = start + r.n;
    if (end <= from || start >= to) {
      pushRun(out, r.n, r.e);
      continue;
    }
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    pushRun(out, a - start, r.e);
    const replacement = fn(r.e, a, b - a);
    if (Array.isArray(replacement)) {
      changed = true;
      for (const x of replacement as readonly Run[]) pushRun(out, x.n, x.e);
    } else {
      if (replacement !== r.e) changed = true;
      pushRun(out, b - a, replacement as Entry);
    }
    pushRun(out, end - b, r.e);
  }
  return changed ? new PageTable(table.level, out) : table;
}

/** A copy of `table` with entry `index` replaced by `e`. */
export function setEntry(table: PageTable, index: number, e: Entry): PageTable {
  return rewriteEntries(table, index, index + 1, () => e);
}
