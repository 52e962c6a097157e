// How a call's outcome is named, coloured and shaped in charts. A call that returned 0 but
// left pages invalid (CallResult.invalidPagesLeft: a failed realm conversion, the (b)
// revalidation bug) is harm, not "ok", and gets its own class. Colour and shape both encode
// the outcome, so it reads in greyscale too.
import type { CallResult } from "../../sim/index.js";
import { chartMsg } from "./messages.js";

export const OUTCOMES = [chartMsg.ok(), chartMsg.okWarn(), chartMsg.okLeftInvalid(), chartMsg.ebusy(), chartMsg.einval(), chartMsg.enomem(), chartMsg.otherError()] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_COLOURS = ["#2ca02c", "#ff7f0e", "#e7298a", "#9467bd", "#d62728", "#8c564b", "#7f7f7f"];
export const OUTCOME_SHAPES = ["circle", "triangle-up", "cross", "square", "diamond", "triangle-down", "triangle-right"];

/** With "not made", for the compare grid (a call one kernel does not make). */
export const CELL_OUTCOMES = [...OUTCOMES, chartMsg.notMade()];
export const CELL_COLOURS = [...OUTCOME_COLOURS, "#f4f4f4"];

export function outcomeOf(c: CallResult): Outcome {
  if (c.rc === 0) {
    if (c.invalidPagesLeft > 0n) return chartMsg.okLeftInvalid();
    return c.warns > 0 ? chartMsg.okWarn() : chartMsg.ok();
  }
  if (c.rcName === "-EBUSY") return chartMsg.ebusy();
  if (c.rcName === "-EINVAL") return chartMsg.einval();
  if (c.rcName === "-ENOMEM") return chartMsg.enomem();
  return chartMsg.otherError();
}

/** The legend's scale for outcomes (all of them, so the legend reads the same in every chart). */
export const outcomeScale = { domain: [...OUTCOMES], range: OUTCOME_COLOURS };
