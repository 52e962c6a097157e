// Physical ranges of the targets named in output commands (`show ptdump its_prop`).
import type { Target } from "../../lang/index.js";
import type { PhysRange } from "../../sim/program.js";
import type { SimResult } from "../../sim/index.js";

export function regionOf(t: Target, r: SimResult): PhysRange | undefined {
  if (t.kind === "region") {
    const reg = t.region;
    return reg.kind === "bounds" ? { start: reg.start.value, end: reg.end.value } : { start: reg.start.value, end: reg.start.value + reg.size.value };
  }
  const c = r.calls.find((x) => x.label === t.name.text && x.range);
  return c?.range;
}
