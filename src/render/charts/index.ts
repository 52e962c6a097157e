// The four charts by name, built from results: what `chart map|timeline|pagetables|compare`
// asks for, with its range and point in the boot, at a width (900 px by default).
import { BOOT_STEPS, bootStepIndex } from "../../catalog/index.js";
import type { MapSnapshot, SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { mapData, mapMarks, mapSpec, mapSummary } from "./map-chart.js";
import { timelineSpec, timelineSummary } from "./timeline-chart.js";
import { pagetableRows, pagetablesSpec } from "./pagetables-chart.js";
import { compareSpec } from "./compare-chart.js";
import { chartMsg } from "./messages.js";
import type { ChartOptions } from "./layout.js";

export { chartBundle, renderPng, renderSvg, VEGALITE_MIME } from "./chart-bundle.js";
export { mapData, mapSpec, MAX_MARKS } from "./map-chart.js";
export { DEFAULT_WIDTH, MIN_WIDTH, type ChartOptions } from "./layout.js";

export interface ChartRequest {
  readonly chart: "map" | "timeline" | "pagetables" | "compare";
  readonly range?: PhysRange;
  readonly when?: { readonly relation: "before" | "at" | "after"; readonly step: string };
}

export interface BuiltChart {
  readonly spec: Record<string, unknown>;
  readonly summary: string;
  readonly marks: number;
}

/** The map at `when` and the boot-step index it stands for (the last step when undefined). */
function snapshotAt(r: SimResult, when: ChartRequest["when"]): { map: MapSnapshot; step: number } {
  const last = BOOT_STEPS.length - 1;
  if (!when) return { map: r.finalMap, step: last };
  let i = bootStepIndex(when.step) ?? last;
  if (when.relation === "before") i--;
  for (; i >= 0; i--) {
    const s = r.snapshots.get(BOOT_STEPS[i]!.name);
    if (s) return { map: s, step: i };
  }
  return { map: r.finalMap, step: last };
}

/**
 * The result as of a snapshot: only the calls made by then, so a map "after init_IRQ" does
 * not show a call of userspace in its calls lane (snapshots are taken after a step's last
 * event, so every call of that step is in).
 */
function asOf(r: SimResult, step: number): SimResult {
  if (step >= BOOT_STEPS.length - 1) return r;
  return { ...r, calls: r.calls.filter((c) => (bootStepIndex(c.step) ?? 0) <= step) };
}

/** Builds one chart; `runs` are the kernels to compare (for `compare` and `pagetables`). */
export function buildChart(req: ChartRequest, r: SimResult, runs: readonly { version: string; result: SimResult }[] = [], opts: ChartOptions = {}): BuiltChart {
  switch (req.chart) {
    case "map": {
      const at = snapshotAt(r, req.when);
      const data = mapData(asOf(r, at.step), at.map, r.banks, req.range, opts);
      const when = req.when ? `${req.when.relation} ${req.when.step}` : undefined;
      return { spec: mapSpec(r, data, when, opts), summary: mapSummary(data), marks: mapMarks(data) };
    }
    case "timeline":
      return { spec: timelineSpec(r, opts), summary: timelineSummary(r), marks: r.calls.length + BOOT_STEPS.length };
    case "pagetables": {
      if (runs.length > 1) {
        const rows = runs.flatMap((x) => pagetableRows(x.result, false, x.version));
        return { spec: pagetablesSpec(rows, chartMsg.pagetablesCompareTitle(runs.map((x) => x.version).join(" vs ")), false, opts), summary: chartMsg.summaryPagetablesCompare(runs.map((x) => `${x.version} (${x.result.stats.pagetablePages})`).join(", ")), marks: rows.length };
      }
      const rows = pagetableRows(r, true);
      return { spec: pagetablesSpec(rows, chartMsg.pagetablesTitle(r.provenance.version), true, opts), summary: chartMsg.summaryPagetables(r.stats.pagetablePages), marks: rows.length };
    }
    case "compare": {
      const list = runs.length > 0 ? runs : [{ version: r.provenance.version, result: r }];
      const spec = compareSpec(list, r.banks, opts);
      const identities = new Set(list.flatMap((x) => x.result.calls.map((c) => `${c.origin} ${c.call} ${c.label}`))).size;
      return { spec, summary: chartMsg.summaryCompare(list.length, identities), marks: list.reduce((n, x) => n + x.result.calls.length, 0) * 2 + 400 * list.length };
    }
  }
}
