// The rows behind an address strip (the map chart's panels and the compare chart's strips):
// the leaf-size lane from the map's runs (aggregated into power-of-two bins past a mark
// budget), attribute lanes (read-only, invalid, shared) as merged ranges of the attribute
// whatever the leaf size, and a calls lane with every call's target range coloured by its
// outcome. Ranges narrower than MIN_PX at the panel's first zoom also get a marker row (a
// fixed-width tick), so a 4K page in a 4 GiB bank is never invisible.
import { hexRange, sizeText } from "../../catalog/index.js";
import { LinearMap, NS_SHARED, RDONLY, VALID, type Geometry, type LeafSegment, type MapSnapshot, type SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { ptdumpAttributes, ptdumpSize } from "../ptdump.js";
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
}

export interface StripData {
  readonly span: PhysRange;
  readonly rows: StripRow[];
  /** Calls lane rows (coloured by outcome on their own scale). */
  readonly calls: StripRow[];
  /** Rows of `rows` and `calls` narrower than MIN_PX, drawn again as markers. */
  readonly markers: StripRow[];
  /** Bytes one leaf-size mark stands for when aggregated; 0 when every run is drawn. */
  readonly binBytes: bigint;
}

function ptdumpLine(g: Geometry, memstart: bigint, s: LeafSegment): string {
  const va = (pa: bigint) => `0x${(g.pageOffset + (pa - memstart)).toString(16).padStart(16, "0")}`;
  return `${va(s.start)}-${va(s.end)}   ${ptdumpSize(s.end - s.start)} ${g.levels[s.level]!.name}${ptdumpAttributes(s.bits, s.level !== g.levels.length - 1)}`;
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

/** Merges ranges closer than `gap` bytes (sub-pixel), keeping how many were merged. */
function mergeRanges(ranges: readonly { start: bigint; end: bigint; what: string }[], gap: bigint): { start: bigint; end: bigint; whats: string[] }[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: { start: bigint; end: bigint; whats: string[] }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + gap) {
      if (r.end > last.end) last.end = r.end;
      last.whats.push(r.what);
    } else out.push({ start: r.start, end: r.end, whats: [r.what] });
  }
  return out;
}

function describe(whats: readonly string[]): string {
  const uniq = [...new Set(whats)];
  return uniq.length <= 3 ? uniq.join("; ") : `${uniq.slice(0, 3).join("; ")}; … (${chartMsg.callsIn(whats.length)})`;
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
  // Attribute lanes come from the exact runs, before any aggregation.
  const bytesPerPx = (span.end - span.start) / BigInt(Math.max(1, Math.round(widthPx)));
  const attr = (bit: number, set: boolean) =>
    mergeRanges(segs.filter((s) => s.bits !== 0 && ((s.bits & bit) !== 0) === set).map((s) => ({ start: s.start, end: s.end, what: "" })), bytesPerPx);
  const attrRows = (lane: string, ranges: ReturnType<typeof attr>): StripRow[] =>
    ranges.map((x) => ({ lane, start: Number(x.start), end: Number(x.end), cls: lane, range: hexRange(x.start, x.end), size: sizeText(x.end - x.start), what: lane }));

  const readOnly = attrRows(chartMsg.laneReadOnly(), attr(RDONLY, true));
  const invalid = attrRows(chartMsg.laneInvalid(), attr(VALID, false));
  const shared = attrRows(chartMsg.laneShared(), attr(NS_SHARED, true));

  let binBytes = 0n;
  if (segs.length > leafBudget) {
    const a = aggregate(segs, span, Math.max(1, Math.floor(leafBudget / 2)));
    segs = a.segs;
    binBytes = a.width;
  }
  const rows: StripRow[] = segs.map((s) => {
    const cls = leafClass(g, s.level, s.bits);
    return { lane: chartMsg.laneLeaf(), start: Number(s.start), end: Number(s.end), cls, range: hexRange(s.start, s.end), size: sizeText(s.end - s.start), what: cls, ptdump: ptdumpLine(g, snapshot.memstart, s) };
  });
  rows.push(...readOnly, ...invalid, ...shared);

  // Calls: each outcome merged on its own, so one colour never hides another.
  const calls: StripRow[] = [];
  const byOutcome = new Map<string, { start: bigint; end: bigint; what: string }[]>();
  for (const c of r.calls) {
    if (!c.range || c.range.end <= span.start || c.range.start >= span.end) continue;
    const o = outcomeOf(c);
    const list = byOutcome.get(o) ?? [];
    list.push({ start: c.range.start > span.start ? c.range.start : span.start, end: c.range.end < span.end ? c.range.end : span.end, what: `${c.call} ${c.label} (${c.rcName} at ${c.step})` });
    byOutcome.set(o, list);
  }
  for (const [o, list] of byOutcome) {
    for (const x of mergeRanges(list, bytesPerPx)) {
      calls.push({ lane: chartMsg.laneCalls(), start: Number(x.start), end: Number(x.end), cls: o, range: hexRange(x.start, x.end), size: sizeText(x.end - x.start), what: describe(x.whats) });
    }
  }
  const px = (x: StripRow) => ((x.end - x.start) / Number(span.end - span.start)) * widthPx;
  // Leaf-size runs are tiled with their neighbours; only attributes and calls need markers.
  const markers = [...rows.filter((x) => x.lane !== chartMsg.laneLeaf()), ...calls].filter((x) => px(x) < MIN_PX);
  return { span, rows, calls, markers, binBytes };
}
