// What the timeline shades and marks, derived from the run itself: the black-out windows the
// run's kernel has (domain.md §6: none for (a) and (b); window 1 and 2 for (c) fix-v1 and (d)
// v7.1; window 2 only for (e) memblock-split, an assumption of the model), where they opened
// and closed in this boot, and the events that change what a split can do (caps finalized,
// the repaint). The old chart drew both windows for every kernel.
import { BOOT_STEPS, bootStepIndex } from "../../catalog/index.js";
import type { SimResult } from "../../sim/index.js";
import { kmsg } from "../../sim/messages.js";
import { chartMsg } from "./messages.js";

/**
 * Which windows the run's kernel has, from its settings (domain.md §6.1, §6.2): only the
 * split gates that may split before caps are final check them. (a) and (b) have none,
 * fix-v1 and v7.1 both, memblock-split window 2 only; a defined policy what it says.
 */
export function kernelWindows(r: SimResult): readonly (1 | 2)[] {
  const s = r.settings;
  if (s.split_gate !== "calling_cpu" && s.split_gate !== "linear_map_requires_bbml2") return [];
  return [...(s.window1 === "on" ? [1 as const] : []), ...(s.window2 === "on" ? [2 as const] : [])];
}

/** Where a call "at STEP" sits: the step's index; before/after a little either side. */
export const REL = { before: -0.3, at: 0, after: 0.3 } as const;
/** A window edge at a step sits between "before STEP" and "at STEP". */
const EDGE = -0.15;

export interface Band {
  readonly window: 1 | 2;
  readonly rule: string;
  /** Boot-step positions (index + offset) of the edges. */
  readonly from: number;
  readonly to: number;
  readonly fromStep: string;
  readonly toStep: string;
}

export interface BootEvent {
  readonly event: string;
  readonly x: number;
  readonly step: string;
}

function idx(step: string): number {
  return bootStepIndex(step) ?? 0;
}

/** The step where the first secondary came online (window 2 opens), if one did. */
function firstSecondaryOnline(r: SimResult): string | undefined {
  return r.onlinePerStep.find((o) => o.online > 1)?.step;
}

export function blackoutBands(r: SimResult): Band[] {
  const has = kernelWindows(r);
  const bands: Band[] = [];
  if (has.includes(1)) {
    // From map_mem() (paging_init) until arm64 mem_init() sets page_alloc_available.
    bands.push({ window: 1, rule: chartMsg.window1(), from: idx("paging_init") + EDGE, to: idx("mem_init") + EDGE, fromStep: "paging_init", toStep: "mem_init" });
  }
  const online = firstSecondaryOnline(r);
  if (has.includes(2) && online && idx(online) < idx("setup_system_features")) {
    // Yang Shi's proposal did not discuss window 2: the model assumes v7.1's (domain.md §6.1).
    const rule = r.settings.split_tables_before_buddy === "memblock" ? chartMsg.window2Assumed() : chartMsg.window2();
    bands.push({ window: 2, rule, from: idx(online) + EDGE, to: idx("setup_system_features") + EDGE, fromStep: online, toStep: "setup_system_features" });
  }
  return bands;
}

/** Did this boot repaint the linear map to PTEs (linear_map_maybe_split_to_ptes)? */
export function repainted(r: SimResult): boolean {
  const line = kmsg.repaint();
  return r.log.some((l) => l.endsWith(line));
}

export function bootEvents(r: SimResult): BootEvent[] {
  const caps = idx("setup_system_features");
  const out: BootEvent[] = [];
  if (kernelWindows(r).includes(1)) out.push({ event: chartMsg.eventPageAlloc(), x: idx("mem_init") + EDGE, step: "mem_init" });
  out.push({ event: chartMsg.eventCaps(), x: caps + EDGE, step: "setup_system_features" });
  // The repaint runs right after the caps are final, in the same step.
  if (repainted(r)) out.push({ event: chartMsg.eventRepaint(), x: caps + 0.1, step: "setup_system_features" });
  return out;
}

export const STEP_COUNT = BOOT_STEPS.length;
