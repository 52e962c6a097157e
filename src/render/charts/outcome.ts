// How a call's outcome is named and coloured in charts.
import type { CallResult } from "../../sim/index.js";

export const OUTCOMES = ["ok", "ok with WARN", "-EBUSY", "-EINVAL", "other error"] as const;
export const OUTCOME_COLOURS = ["#2ca02c", "#ff7f0e", "#9467bd", "#d62728", "#8c564b"];

export function outcomeOf(c: CallResult): (typeof OUTCOMES)[number] {
  if (c.rc === 0) return c.warns > 0 ? "ok with WARN" : "ok";
  if (c.rcName === "-EBUSY") return "-EBUSY";
  if (c.rcName === "-EINVAL") return "-EINVAL";
  return "other error";
}
