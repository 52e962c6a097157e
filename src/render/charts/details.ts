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

/**
 * Numbers rather than bigints (addresses stay below 2^53, and every size here is a power of
 * two), and no object per call: the 64 TiB benchmark has 100,000 small calls to look at.
 */
export function detailWindows(r: SimResult, spans: readonly PhysRange[], widthPx: number): { windows: DetailWindow[]; small: number } {
  const banks = spans.map((s) => ({ start: Number(s.start), end: Number(s.end) }));
  // One pass: every small range, as numbers (no object per call).
  const rs: number[] = [];
  const re: number[] = [];
  const rbank: number[] = [];
  const rcall: number[] = [];
  const harmful: number[] = [];
  const benign: number[] = [];
  r.calls.forEach((c, i) => {
    for (const t of c.touched) {
      const cs = Number(t.start);
      const ce = Number(t.end);
      const k = banks.length === 1 ? 0 : banks.findIndex((b) => cs < b.end && ce > b.start);
      const bank = banks[k];
      if (!bank || cs >= bank.end || ce <= bank.start || ((ce - cs) / (bank.end - bank.start)) * widthPx >= DETAIL_PX) continue;
      (outcomeOf(c) !== chartMsg.ok() ? harmful : benign).push(rs.length);
      rs.push(cs);
      re.push(ce);
      rbank.push(k);
      rcall.push(i);
    }
  });
  // Windows for the first ranges, harmful outcomes first, each group in boot order; once
  // MAX_DETAILS are open the rest keep their markers (no window is computed for them).
  const windows: { start: number; end: number; calls: string[] }[] = [];
  for (const k of [...harmful, ...benign]) {
    if (windows.length >= MAX_DETAILS) break;
    const cs = rs[k]!;
    const ce = re[k]!;
    const bank = banks[rbank[k]!]!;
    const size = pow2AtLeast((ce - cs) * WINDOW_FACTOR);
    const aligned = Math.floor(cs / size) * size;
    // A range straddling the aligned window: widen to cover it.
    const start = Math.max(aligned, bank.start);
    const end = Math.min(aligned + Math.ceil((ce - aligned) / size) * size, bank.end);
    const c = r.calls[rcall[k]!]!;
    const name = c.label || c.call;
    // Overlapping or touching windows become one: two panels side by side say less than one.
    const hit = windows.find((w) => start <= w.end && end >= w.start);
    if (hit) {
      hit.start = Math.min(hit.start, start);
      hit.end = Math.max(hit.end, end);
      if (hit.calls.length < 3 && !hit.calls.includes(name)) hit.calls.push(name);
    } else windows.push({ start, end, calls: [name] });
  }
  windows.sort((a, b) => a.start - b.start);
  // Small call ranges no panel shows: they keep their markers, and the overview says so.
  let small = 0;
  for (let k = 0; k < rs.length; k++) if (!windows.some((w) => rs[k]! >= w.start && re[k]! <= w.end)) small++;
  return {
    windows: windows.map((w) => ({ span: { start: BigInt(w.start), end: BigInt(w.end) }, why: w.calls.length <= 2 ? w.calls.join(", ") : `${w.calls.slice(0, 2).join(", ")} +${w.calls.length - 2}` })),
    small,
  };
}
