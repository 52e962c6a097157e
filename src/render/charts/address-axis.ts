// Address axes a kernel developer reads: hex ticks on power-of-two boundaries (every 512M,
// 1G, 2M, ... as the zoom needs), the address space (PA or VA) named in the title. The tick
// values are a Vega expression over the scale's current domain, so they stay aligned when
// the reader zooms or pans; `alignedTicks` is the same rule in TypeScript for tests and
// for the PNG's first paint (they must agree).
import { chartMsg } from "./messages.js";

/** Pixels per tick label: a 46-bit address in hex is 14 characters. */
export const PX_PER_TICK = 110;

export function maxTicks(widthPx: number): number {
  return Math.max(2, Math.floor(widthPx / PX_PER_TICK));
}

/** The tick step of a domain: the smallest power of two giving at most `n` intervals. */
export function tickStep(span: number, n: number): number {
  let step = 1;
  while (span / step > n) step *= 2;
  return step;
}

/** Ticks at multiples of the step inside [lo, hi]. */
export function alignedTicks(lo: number, hi: number, widthPx: number): number[] {
  const step = tickStep(hi - lo, maxTicks(widthPx));
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/** The same rule as a Vega expression over the named scale's domain. */
function ticksExpr(scale: string, n: number): string {
  const d = `domain('${scale}')`;
  // The smallest power of two >= span / n; the epsilon keeps an exact power from rounding up.
  const step = `pow(2, max(0, ceil(log((${d}[1] - ${d}[0]) / ${n}) / LN2 - 1e-9)))`;
  return `sequence(ceil(${d}[0] / ${step}) * ${step}, ${d}[1] + ${step} * 1e-6, ${step})`;
}

export type AddressSpace = "physical" | "virtual";

/** The x channel's title and axis for an address scale named `scale` (`<view name>_x`). */
export function addressAxis(scale: string, widthPx: number, space: AddressSpace = "physical"): { title: string; axis: Record<string, unknown> } {
  return {
    title: space === "physical" ? chartMsg.physicalAxis() : chartMsg.virtualAxis(),
    axis: {
      values: { expr: ticksExpr(scale, maxTicks(widthPx)) },
      labelExpr: "'0x' + format(datum.value, 'x')",
      // Flush first and last labels inside the view; no overlap culling (the step prevents it).
      labelFlush: true,
      labelOverlap: false,
      grid: true,
    },
  };
}

export function hex(n: bigint | number): string {
  return `0x${n.toString(16)}`;
}
