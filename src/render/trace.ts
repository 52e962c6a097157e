// The kernel log of a simulated boot, dmesg style. Timestamps are synthetic (one tick per
// line) so that logs are byte-identical from run to run; lines starting with "linmap:" are
// the simulator's annotations, everything else is worded as the kernel prints it.
import type { SimResult } from "../sim/index.js";

export function renderTrace(r: SimResult): string[] {
  return r.log.map((line, i) => {
    const t = (i * 0.000137).toFixed(6).padStart(12);
    return `[${t}] ${line}`;
  });
}
