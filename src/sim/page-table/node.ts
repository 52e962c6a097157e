// Run-length, hash-consed page-table nodes. A table is a list of runs of identical entries
// (empty, a leaf, or a pointer to a child table). Leaves store pa - va instead of the
// physical address, so a table's content does not depend on where it sits and identical
// tables are one shared, immutable object: a 64 TiB map split to PTEs costs as much as
// 4 GiB. Updates copy the path (persistent tree), so snapshots are free.

import type { Geometry } from "../geometry.js";
import { attrsKey, type LeafAttrs } from "./attrs.js";

export interface EmptyEntry {
  readonly kind: "empty";
  readonly id: number;
}

export interface LeafEntry {
  readonly kind: "leaf";
  readonly id: number;
  readonly attrs: LeafAttrs;
  /** pa - va: constant along a linear mapping, so identical runs stay identical. */
  readonly delta: bigint;
}

export interface TableEntry {
  readonly kind: "table";
  readonly id: number;
  readonly child: TableNode;
}

export type Entry = EmptyEntry | LeafEntry | TableEntry;

export interface Run {
  readonly n: number;
  readonly e: Entry;
}

/** Counts over a subtree; arrays are indexed by hardware level index (0 = top table). */
export interface NodeStats {
  /** Table pages in the subtree, this one included. */
  readonly pages: number;
  readonly tables: readonly number[];
  readonly leafEntries: readonly number[];
  readonly tableEntries: readonly number[];
  readonly contEntries: readonly number[];
}

export interface TableNode {
  readonly id: number;
  /** Index into geometry.levels. */
  readonly li: number;
  readonly runs: readonly Run[];
  /** First entry index of each run (binary search by index). */
  readonly starts: readonly number[];
  readonly stats: NodeStats;
  /** Set when the whole span resolves to one leaf kind at one level (walker fast path). */
  readonly uniform: { readonly li: number; readonly leaf: LeafEntry } | null;
}

export const EMPTY: EmptyEntry = Object.freeze({ kind: "empty", id: 0 });

let nextEntryId = 1;
const leafEntries = new Map<string, LeafEntry>();

/** The canonical leaf entry for attributes and pa - va. */
export function leafEntry(attrs: LeafAttrs, delta: bigint): LeafEntry {
  const key = `${attrsKey(attrs)}:${delta.toString(16)}`;
  let hit = leafEntries.get(key);
  if (!hit) {
    hit = Object.freeze({ kind: "leaf", id: nextEntryId++, attrs, delta });
    leafEntries.set(key, hit);
  }
  return hit;
}

/** One covered stretch of a node handed to a transform callback. */
export interface Segment {
  readonly index: number;
  readonly count: number;
  readonly entry: Entry;
  /** VA of the first entry of the segment. */
  readonly va: bigint;
  /** Every entry lies wholly inside the transformed range (else: one partially covered entry). */
  readonly full: boolean;
}

/** Returns replacement runs covering exactly seg.count entries, or null to keep them. */
export type SegmentFn = (seg: Segment) => readonly Run[] | null;

/**
 * Interning pool of one page table. Nodes are keyed by level and runs, held weakly so that
 * tables no longer reachable from any snapshot can be collected.
 */
export class NodePool {
  private readonly nodes = new Map<string, WeakRef<TableNode>>();
  private readonly tableRefs = new WeakMap<TableNode, TableEntry>();
  private readonly registry = new FinalizationRegistry<string>((key) => {
    const ref = this.nodes.get(key);
    if (ref && ref.deref() === undefined) this.nodes.delete(key);
  });
  private nextNodeId = 1;
  private readonly empties: TableNode[] = [];

  constructor(readonly geometry: Geometry) {
    for (let li = 0; li < geometry.levels.length; li++) {
      this.empties.push(this.node(li, [{ n: geometry.levels[li].entries, e: EMPTY }]));
    }
  }

  empty(li: number): TableNode {
    return this.empties[li];
  }

  tableEntry(child: TableNode): TableEntry {
    let hit = this.tableRefs.get(child);
    if (!hit) {
      hit = Object.freeze({ kind: "table", id: nextEntryId++, child });
      this.tableRefs.set(child, hit);
    }
    return hit;
  }

  /** A table of entries entries all equal to e. */
  filled(li: number, e: Entry): TableNode {
    return this.node(li, [{ n: this.geometry.levels[li].entries, e }]);
  }

  /** The canonical node for these runs (adjacent identical runs merged). */
  node(li: number, raw: readonly Run[]): TableNode {
    const runs: Run[] = [];
    let total = 0;
    for (const r of raw) {
      if (r.n <= 0) continue;
      total += r.n;
      const last = runs[runs.length - 1];
      if (last && last.e === r.e) runs[runs.length - 1] = { n: last.n + r.n, e: r.e };
      else runs.push(r);
    }
    const level = this.geometry.levels[li];
    if (total !== level.entries) throw new Error(`table at level ${li} has ${total} entries, expected ${level.entries}`);
    const key = `${li}|${runs.map((r) => `${r.n}*${r.e.id}`).join(",")}`;
    const hit = this.nodes.get(key)?.deref();
    if (hit) return hit;
    const created = this.build(li, runs);
    this.nodes.set(key, new WeakRef(created));
    this.registry.register(created, key);
    return created;
  }

  private build(li: number, runs: readonly Run[]): TableNode {
    const depth = this.geometry.levels.length;
    const tables = new Array<number>(depth).fill(0);
    const leaves = new Array<number>(depth).fill(0);
    const tableEntries = new Array<number>(depth).fill(0);
    const contEntries = new Array<number>(depth).fill(0);
    tables[li] = 1;
    let pages = 1;
    const starts: number[] = [];
    let index = 0;
    for (const r of runs) {
      starts.push(index);
      index += r.n;
      if (r.e.kind === "leaf") {
        leaves[li] += r.n;
        if (r.e.attrs.cont) contEntries[li] += r.n;
      } else if (r.e.kind === "table") {
        tableEntries[li] += r.n;
        const s = r.e.child.stats;
        pages += r.n * s.pages;
        for (let d = 0; d < depth; d++) {
          tables[d] += r.n * s.tables[d];
          leaves[d] += r.n * s.leafEntries[d];
          tableEntries[d] += r.n * s.tableEntries[d];
          contEntries[d] += r.n * s.contEntries[d];
        }
      }
    }
    let uniform: TableNode["uniform"] = null;
    if (runs.length === 1) {
      const only = runs[0].e;
      if (only.kind === "leaf") uniform = { li, leaf: only };
      else if (only.kind === "table") uniform = only.child.uniform;
    }
    return Object.freeze({
      id: this.nextNodeId++,
      li,
      runs: Object.freeze(runs),
      starts: Object.freeze(starts),
      stats: Object.freeze({ pages, tables, leafEntries: leaves, tableEntries, contEntries }),
      uniform,
    });
  }

  /** Index of the run holding entry `index`. */
  runIndex(node: TableNode, index: number): number {
    let lo = 0;
    let hi = node.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (node.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  entryAt(node: TableNode, index: number): Entry {
    return node.runs[this.runIndex(node, index)].e;
  }

  /**
   * Rewrite the entries of `node` (whose first entry maps `base`) that intersect [s, e).
   * The covered entries are handed to fn in segments: maximal stretches of one run that lie
   * wholly inside the range, and single partially covered entries at the two ends.
   * Cost is proportional to the runs touched.
   */
  transform(node: TableNode, base: bigint, s: bigint, e: bigint, fn: SegmentFn): TableNode {
    const level = this.geometry.levels[node.li];
    const size = level.entrySize;
    const lo = s > base ? s : base;
    const end = base + level.tableSpan;
    const hi = e < end ? e : end;
    if (lo >= hi) return node;
    const i0 = Number((lo - base) / size);
    const i1 = Number((hi - base + size - 1n) / size);
    const firstPartial = lo > base + BigInt(i0) * size;
    const lastPartial = hi < base + BigInt(i1) * size;
    const out: Run[] = [];
    let changed = false;
    const emit = (index: number, count: number, entry: Entry, full: boolean): void => {
      const va = base + BigInt(index) * size;
      const res = fn({ index, count, entry, va, full });
      if (res === null) {
        out.push({ n: count, e: entry });
        return;
      }
      let sum = 0;
      for (const r of res) sum += r.n;
      if (sum !== count) throw new Error(`transform replaced ${count} entries with ${sum}`);
      out.push(...res);
      changed = true;
    };
    let pos = 0;
    for (const run of node.runs) {
      const rs = pos;
      const re = pos + run.n;
      pos = re;
      if (re <= i0 || rs >= i1) {
        out.push(run);
        continue;
      }
      if (rs < i0) out.push({ n: i0 - rs, e: run.e });
      const a = Math.max(rs, i0);
      const b = Math.min(re, i1);
      let fa = a;
      let fb = b;
      if (a === i0 && firstPartial) {
        emit(a, 1, run.e, false);
        fa = a + 1;
      }
      const tail = b === i1 && lastPartial && b - 1 >= fa;
      if (tail) fb = b - 1;
      if (fb > fa) emit(fa, fb - fa, run.e, true);
      if (tail) emit(b - 1, 1, run.e, false);
      if (re > i1) out.push({ n: re - i1, e: run.e });
    }
    return changed ? this.node(node.li, out) : node;
  }

  /**
   * Number of naturally aligned groups of `group` entries that hold at least one entry in
   * [i0, i1) matching `pred`.
   */
  countGroups(node: TableNode, i0: number, i1: number, group: number, pred: (e: Entry) => boolean): number {
    let count = 0;
    let lastGroup = -1;
    for (let r = 0; r < node.runs.length; r++) {
      const rs = node.starts[r];
      const re = rs + node.runs[r].n;
      if (re <= i0 || rs >= i1 || !pred(node.runs[r].e)) continue;
      const first = Math.floor(Math.max(rs, i0) / group);
      const last = Math.floor((Math.min(re, i1) - 1) / group);
      const from = Math.max(first, lastGroup + 1);
      if (last >= from) count += last - from + 1;
      lastGroup = Math.max(lastGroup, last);
    }
    return count;
  }
}
