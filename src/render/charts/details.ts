// Automatic detail panels: a call's target range narrower than DETAIL_PX in its bank's panel
// (a 64K realm decrypt in a 4 GiB bank is 0.01 px) gets a zoomed panel of its neighbourhood,
// a power-of-two aligned window WINDOW_FACTOR times the range, so the splits around it show.
// Harmful outcomes first, then boot order; at most MAX_DETAILS panels, the rest keep their
// markers and the overview says how many.
import type { SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { chartMsg } from "./messages.js";
import { outcomeOf } from "./outcome.js";

export const DETAIL_PX = 12;
export const MAX_DETAILS = 3;
const WINDOW_FACTOR = 32n;

export interface DetailWindow {
  readonly span: PhysRange;
  /** The calls it shows, for the panel's title. */
  readonly why: string;
}

function pow2AtLeast(n: bigint): bigint {
  let p = 1n;
  while (p < n) p <<= 1n;
  return p;
}

export function detailWindows(r: SimResult, spans: readonly PhysRange[], widthPx: number): { windows: DetailWindow[]; small: number } {
  const candidates: { span: PhysRange; call: string; harm: boolean; order: number }[] = [];
  r.calls.forEach((c, order) => {
    if (!c.range) return;
    const bank = spans.find((s) => c.range!.start < s.end && c.range!.end > s.start);
    if (!bank) return;
    const px = (Number(c.range.end - c.range.start) / Number(bank.end - bank.start)) * widthPx;
    if (px >= DETAIL_PX) return;
    const size = pow2AtLeast((c.range.end - c.range.start) * WINDOW_FACTOR);
    let start = c.range.start - (c.range.start % size);
    let end = start + size;
    // A range straddling the aligned window: widen to cover it.
    while (end < c.range.end) end += size;
    if (start < bank.start) start = bank.start;
    if (end > bank.end) end = bank.end;
    candidates.push({ span: { start, end }, call: c.label || c.call, harm: outcomeOf(c) !== chartMsg.ok(), order });
  });
  candidates.sort((a, b) => (a.harm === b.harm ? a.order - b.order : a.harm ? -1 : 1));
  const windows: { span: PhysRange; calls: string[] }[] = [];
  for (const c of candidates) {
    // Overlapping or touching windows become one: two panels side by side say less than one.
    const hit = windows.find((w) => c.span.start <= w.span.end && c.span.end >= w.span.start);
    if (hit) {
      hit.span = { start: hit.span.start < c.span.start ? hit.span.start : c.span.start, end: hit.span.end > c.span.end ? hit.span.end : c.span.end };
      if (!hit.calls.includes(c.call)) hit.calls.push(c.call);
    } else if (windows.length < MAX_DETAILS) windows.push({ span: c.span, calls: [c.call] });
  }
  windows.sort((a, b) => (a.span.start < b.span.start ? -1 : 1));
  return {
    windows: windows.map((w) => ({ span: w.span, why: w.calls.length <= 2 ? w.calls.join(", ") : `${w.calls.slice(0, 2).join(", ")} +${w.calls.length - 2}` })),
    // Small call ranges no panel shows: they keep their markers, and the overview says so.
    small: candidates.filter((c) => !windows.some((w) => c.span.start >= w.span.start && c.span.end <= w.span.end)).length,
  };
}
