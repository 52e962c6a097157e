// The linear map at a point of the boot (`show ptdump after STEP`, `chart map after STEP`):
// the snapshot taken after the step, or the nearest step before it that has one.
import { BOOT_STEPS, bootStepIndex } from "../catalog/index.js";
import type { SimResult } from "../sim/index.js";

export function mapAt(r: SimResult, when: { readonly relation: "before" | "at" | "after"; readonly step: string } | undefined): SimResult["finalMap"] {
  if (!when) return r.finalMap;
  let i = bootStepIndex(when.step) ?? BOOT_STEPS.length - 1;
  if (when.relation === "before") i--;
  for (; i >= 0; i--) {
    const s = r.snapshots.get(BOOT_STEPS[i]!.name);
    if (s) return s;
  }
  return r.finalMap;
}
