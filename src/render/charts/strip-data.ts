// The rows behind an address strip (the map chart's panels and the compare chart's strips):
// the leaf-size lane from the map's runs (aggregated into power-of-two bins past a mark
// budget), attribute lanes (read-only, invalid, shared) as merged ranges of the attribute
// whatever the leaf size, and a calls lane with every range a call touched (its target, a
// vmalloc area's pages, the swiotlb pool) coloured by its outcome. Ranges narrower than
// MIN_PX at the panel's first zoom also get a marker row (a fixed-width tick), so a 4K page
// in a 4 GiB bank is never invisible.
import { hexRange, sizeText } from "../../catalog/index.js";
import { LinearMap, NS_SHARED, RDONLY, VALID, type Geometry, type LeafSegment, type MapSnapshot, type SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { ptdumpLines, ptdumpLineText } from "../ptdump.js";
import { leafClass } from "./leaf-classes.js";
import { chartMsg } from "./messages.js";
import { outcomeOf } from "./outcome.js";

/** Leaf-size marks per chart before aggregating into bins. */
export const MAX_MARKS = 5000;
/** Narrower than this at first paint, a range also gets a marker of this width. */
export const MIN_PX = 3;

export const LANES = [chartMsg.laneLeaf(), chartMsg.laneReadOnly(), chartMsg.laneInvalid(), chartMsg.laneShared(), chartMsg.laneCalls()];

export interface StripRow {
  readonly lane: string;
  readonly start: number;
  readonly end: number;
  /** The colour class: a leaf class, an attribute lane's name, or a call outcome. */
  readonly cls: string;
  readonly range: string;
  readonly size: string;
  readonly what: string;
  readonly ptdump?: string;
  /** The entry's true state where this kernel's ptdump line does not show it. */
  readonly truth?: string;
}

export interface StripData {
  readonly span: PhysRange;
  /** The panel's title when it is not one of the machine's banks (a loaded real dump). */
  readonly title?: string;
  readonly rows: StripRow[];
  /** Calls lane rows (coloured by outcome on their own scale). */
  readonly calls: StripRow[];
  /** Rows of `rows` and `calls` narrower than MIN_PX, drawn again as markers. */
  readonly markers: StripRow[];
  /** Bytes one leaf-size mark stands for when aggregated; 0 when every run is drawn. */
  readonly binBytes: bigint;
}

/**
 * Each run's ptdump line as this kernel prints it over the span (ptdump.ts, the same lines as
 * `show ptdump RANGE`): runs merged into one line share it, and an invalid block that this
 * release's ptdump does not report (before 15bfba1ad77f) gets the line it reads as, with its
 * true state beside it.
 */
function releaseLines(r: SimResult, snapshot: MapSnapshot, span: PhysRange, segs: readonly LeafSegment[]): { line: string; hidden: boolean }[] {
  const g = r.geometry;
  const lines = ptdumpLines(snapshot, g, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks, range: span });
  const pte = g.levels.length - 1;
  const out: { line: string; hidden: boolean }[] = [];
  let k = 0;
  for (const s of segs) {
    while (k < lines.length - 1 && lines[k]!.end <= s.start) k++;
    const l = lines[k];
    out.push({ line: l ? ptdumpLineText(l) : "", hidden: r.ptdumpHidesInvalidBlocks && s.level !== pte && s.bits !== 0 && (s.bits & VALID) === 0 });
  }
  return out;
}

/** Fixed power-of-two bins over the span; each takes the run covering most of it. */
function aggregate(segs: readonly LeafSegment[], span: PhysRange, bins: number): { segs: LeafSegment[]; width: bigint } {
  let width = 1n;
  while (width * BigInt(bins) < span.end - span.start) width <<= 1n;
  const out: LeafSegment[] = [];
  let k = 0;
  for (let s = span.start - (span.start % width); s < span.end; s += width) {
    const lo = s > span.start ? s : span.start;
    const e = s + width < span.end ? s + width : span.end;
    while (k < segs.length && segs[k]!.end <= lo) k++;
    let best = segs[k]!;
    let bestCover = -1n;
    for (let j = k; j < segs.length && segs[j]!.start < e; j++) {
      const x = segs[j]!;
      const cover = (x.end < e ? x.end : e) - (x.start > lo ? x.start : lo);
      // Ties go to the smaller leaf: the interesting one.
      if (cover > bestCover || (cover === bestCover && x.level > best.level)) [best, bestCover] = [x, cover];
    }
    if (best) out.push({ ...best, start: lo, end: e });
  }
  return { segs: out, width };
}

interface Merged {
  start: number;
  end: number;
  /** Up to three distinct descriptions, and how many ranges were merged. */
  whats: string[];
  count: number;
}

/**
 * Merges ranges closer than `gap` bytes (under a pixel) in one pass over ranges sorted by
 * start. Numbers, not bigints: physical addresses stay below 2^53, and a 64 TiB map with
 * 100,000 calls must chart in well under half a second.
 */
function mergeSorted(start: (i: number) => number, end: (i: number) => number, order: readonly number[], gap: number, what: (i: number) => string): Merged[] {
  const out: Merged[] = [];
  let last: Merged | undefined;
  for (const i of order) {
    const s = start(i);
    const e = end(i);
    if (last && s <= last.end + gap) {
      if (e > last.end) last.end = e;
      last.count++;
      // Only the first few are looked at: 100,000 identical labels must not cost 100,000 strings.
      if (last.count <= 3) {
        const w = what(i);
        if (!last.whats.includes(w)) last.whats.push(w);
      }
    } else {
      last = { start: s, end: e, whats: [what(i)], count: 1 };
      out.push(last);
    }
  }
  return out;
}

function describe(m: Merged): string {
  return m.count <= m.whats.length ? m.whats.join("; ") : `${m.whats.join("; ")}; … (${chartMsg.callsIn(m.count)})`;
}

function rangeText(start: number, end: number): string {
  return hexRange(BigInt(start), BigInt(end));
}

function sizeOf(start: number, end: number): string {
  return sizeText(BigInt(end - start));
}

interface CallIndex {
  /** For each range a call touched (CallResult.touched), the call's index; by range start. */
  readonly order: number[];
  readonly starts: number[];
  readonly ends: number[];
  readonly outcomes: string[];
  readonly longest: number;
}

const indexes = new WeakMap<SimResult, CallIndex>();

/** The calls with a range sorted by start, built once per result (panels share it). */
function callIndex(r: SimResult): CallIndex {
  let x = indexes.get(r);
  if (x) return x;
  const entries = r.calls.flatMap((c, i) => c.touched.map((t) => ({ i, start: Number(t.start), end: Number(t.end) })));
  entries.sort((a, b) => a.start - b.start || a.i - b.i);
  const order = entries.map((e) => e.i);
  const starts = entries.map((e) => e.start);
  const ends = entries.map((e) => e.end);
  x = { order, starts, ends, outcomes: order.map((i) => outcomeOf(r.calls[i]!)), longest: ends.reduce((m, e, k) => Math.max(m, e - starts[k]!), 0) };
  indexes.set(r, x);
  return x;
}

/** The first position whose value is >= v in an ascending array. */
function firstAtOrAfter(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The strip of `span` from `snapshot`, for a panel `widthPx` wide. `leafBudget` bounds the
 * leaf-size marks (the map chart shares MAX_MARKS between its panels).
 */
export function stripData(r: SimResult, snapshot: MapSnapshot, span: PhysRange, widthPx: number, leafBudget = MAX_MARKS): StripData {
  const g = r.geometry;
  const map = new LinearMap(g, snapshot.memstart);
  map.root = snapshot.root;
  let segs = map.leafSegments(span.start, span.end, true);
  // Attribute lanes come from the exact runs, before any aggregation; runs are in address order.
  const gap = Number(span.end - span.start) / Math.max(1, Math.round(widthPx));
  // One pass over the runs for all three lanes, merging under a pixel as it goes (no arrays
  // of 100,000 numbers to collect).
  const lanes = [
    { lane: chartMsg.laneReadOnly(), has: (bits: number) => (bits & RDONLY) !== 0, out: [] as { start: number; end: number }[] },
    { lane: chartMsg.laneInvalid(), has: (bits: number) => (bits & VALID) === 0, out: [] as { start: number; end: number }[] },
    { lane: chartMsg.laneShared(), has: (bits: number) => (bits & NS_SHARED) !== 0, out: [] as { start: number; end: number }[] },
  ];
  for (const x of segs) {
    if (x.bits === 0) continue;
    for (const l of lanes) {
      if (!l.has(x.bits)) continue;
      const st = Number(x.start);
      const en = Number(x.end);
      const last = l.out[l.out.length - 1];
      if (last && st <= last.end + gap) last.end = Math.max(last.end, en);
      else l.out.push({ start: st, end: en });
    }
  }
  const [readOnly, invalid, shared] = lanes.map((l) => l.out.map((m): StripRow => ({ lane: l.lane, start: m.start, end: m.end, cls: l.lane, range: rangeText(m.start, m.end), size: sizeOf(m.start, m.end), what: l.lane }))) as [StripRow[], StripRow[], StripRow[]];

  let binBytes = 0n;
  if (segs.length > leafBudget) {
    const a = aggregate(segs, span, Math.max(1, Math.floor(leafBudget / 2)));
    segs = a.segs;
    binBytes = a.width;
  }
  const rows: StripRow[] = [];
  if (binBytes === 0n) {
    const printed = releaseLines(r, snapshot, span, segs);
    segs.forEach((s, i) => {
      const cls = leafClass(g, s.level, s.bits);
      const p = printed[i]!;
      rows.push({ lane: chartMsg.laneLeaf(), start: Number(s.start), end: Number(s.end), cls, range: hexRange(s.start, s.end), size: sizeText(s.end - s.start), what: cls, ptdump: p.line, ...(p.hidden ? { truth: chartMsg.hiddenInvalid() } : {}) });
    });
  } else {
    // Neighbouring bins of one class are one mark: a 64 TiB map of 4K pages is one rect, not
    // 2,000 (the SVG and the PNG stay small). A bin has no single ptdump line.
    for (const s of segs) {
      const cls = leafClass(g, s.level, s.bits);
      const last = rows[rows.length - 1];
      if (last && last.cls === cls && last.end === Number(s.start)) rows[rows.length - 1] = { ...last, end: Number(s.end) };
      else rows.push({ lane: chartMsg.laneLeaf(), start: Number(s.start), end: Number(s.end), cls, range: "", size: "", what: cls, ptdump: chartMsg.binned(sizeText(binBytes)) });
    }
    for (let i = 0; i < rows.length; i++) {
      const x = rows[i]!;
      rows[i] = { ...x, range: rangeText(x.start, x.end), size: sizeOf(x.start, x.end) };
    }
  }
  rows.push(...readOnly, ...invalid, ...shared);

  // Calls: each outcome merged on its own, so one colour never hides another.
  const calls: StripRow[] = [];
  const lo = Number(span.start);
  const hi = Number(span.end);
  const index = callIndex(r);
  const byOutcome = new Map<string, number[]>();
  // Calls starting before the span can reach into it by at most the longest call.
  for (let k = firstAtOrAfter(index.starts, lo - index.longest); k < index.order.length && index.starts[k]! < hi; k++) {
    if (index.ends[k]! <= lo) continue;
    const o = index.outcomes[k]!;
    const list = byOutcome.get(o) ?? [];
    list.push(k);
    byOutcome.set(o, list);
  }
  const callStart = (k: number) => Math.max(index.starts[k]!, lo);
  const callEnd = (k: number) => Math.min(index.ends[k]!, hi);
  const callWhat = (k: number) => {
    const c = r.calls[index.order[k]!]!;
    return chartMsg.callWhat(c.call, c.label, c.rcName, `${c.relation} ${c.step}`);
  };
  for (const [o, list] of byOutcome) {
    // The index is in start order, so each outcome's list already is.
    for (const m of mergeSorted(callStart, callEnd, list, gap, callWhat)) {
      calls.push({ lane: chartMsg.laneCalls(), start: m.start, end: m.end, cls: o, range: rangeText(m.start, m.end), size: sizeOf(m.start, m.end), what: describe(m) });
    }
  }
  const px = (x: StripRow) => ((x.end - x.start) / Number(span.end - span.start)) * widthPx;
  // Leaf-size runs are tiled with their neighbours; only attributes and calls need markers.
  const markers = [...rows.filter((x) => x.lane !== chartMsg.laneLeaf()), ...calls].filter((x) => px(x) < MIN_PX);
  return { span, rows, calls, markers, binBytes };
}
