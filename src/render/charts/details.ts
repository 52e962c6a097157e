// Automatic detail panels: a range a call touched narrower than DETAIL_PX in its bank's panel
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
const WINDOW_FACTOR = 32;

export interface DetailWindow {
  readonly span: PhysRange;
  /** The calls it shows, for the panel's title. */
  readonly why: string;
}

/** The smallest power of two >= n (exact in a double up to 2^1023). */
function pow2AtLeast(n: number): number {
  return 2 ** Math.ceil(Math.log2(n));
}

interface Candidate {
  start: number;
  end: number;
  readonly call: string;
  readonly harm: boolean;
  readonly order: number;
}

/**
 * Numbers rather than bigints (addresses stay below 2^53, and every size here is a power of
 * two): the 64 TiB benchmark has 100,000 small calls to look at.
 */
export function detailWindows(r: SimResult, spans: readonly PhysRange[], widthPx: number): { windows: DetailWindow[]; small: number } {
  const banks = spans.map((s) => ({ start: Number(s.start), end: Number(s.end) }));
  const candidates: Candidate[] = [];
  r.calls.forEach((c, order) => {
    for (const t of c.touched) {
      const cs = Number(t.start);
      const ce = Number(t.end);
      const bank = banks.find((b) => cs < b.end && ce > b.start);
      if (!bank) continue;
      if (((ce - cs) / (bank.end - bank.start)) * widthPx >= DETAIL_PX) continue;
      const size = pow2AtLeast((ce - cs) * WINDOW_FACTOR);
      const start = Math.floor(cs / size) * size;
      // A range straddling the aligned window: widen to cover it.
      const end = start + Math.ceil((ce - start) / size) * size;
      candidates.push({ start: Math.max(start, bank.start), end: Math.min(end, bank.end), call: c.label || c.call, harm: outcomeOf(c) !== chartMsg.ok(), order });
    }
  });
  candidates.sort((a, b) => (a.harm === b.harm ? a.order - b.order : a.harm ? -1 : 1));
  const windows: { start: number; end: number; calls: string[] }[] = [];
  for (const c of candidates) {
    // Overlapping or touching windows become one: two panels side by side say less than one.
    const hit = windows.find((w) => c.start <= w.end && c.end >= w.start);
    if (hit) {
      hit.start = Math.min(hit.start, c.start);
      hit.end = Math.max(hit.end, c.end);
      if (hit.calls.length < 3 && !hit.calls.includes(c.call)) hit.calls.push(c.call);
    } else if (windows.length < MAX_DETAILS) windows.push({ start: c.start, end: c.end, calls: [c.call] });
  }
  windows.sort((a, b) => a.start - b.start);
  return {
    windows: windows.map((w) => ({ span: { start: BigInt(w.start), end: BigInt(w.end) }, why: w.calls.length <= 2 ? w.calls.join(", ") : `${w.calls.slice(0, 2).join(", ")} +${w.calls.length - 2}` })),
    // Small call ranges no panel shows: they keep their markers, and the overview says so.
    small: candidates.filter((c) => !windows.some((w) => c.start >= w.start && c.end <= w.end)).length,
  };
}
