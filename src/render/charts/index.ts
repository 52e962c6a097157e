// The four charts by name, built from results: what `chart map|timeline|pagetables|compare`
// asks for, with its range and point in the boot.
import { BOOT_STEPS, bootStepIndex } from "../../catalog/index.js";
import type { MapSnapshot, SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { mapData, mapSpec, mapSummary, mapTitle } from "./map-chart.js";
import { timelineSpec, timelineSummary } from "./timeline-chart.js";
import { pagetableRows, pagetablesSpec } from "./pagetables-chart.js";
import { compareSpec } from "./compare-chart.js";

export { chartBundle, renderPng, renderSvg, VEGALITE_MIME } from "./chart-bundle.js";
export { mapData, mapSpec, MAX_MARKS } from "./map-chart.js";

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

function snapshotAt(r: SimResult, when: ChartRequest["when"]): MapSnapshot {
  if (!when) return r.finalMap;
  let i = bootStepIndex(when.step) ?? BOOT_STEPS.length - 1;
  if (when.relation === "before") i--;
  for (; i >= 0; i--) {
    const s = r.snapshots.get(BOOT_STEPS[i]!.name);
    if (s) return s;
  }
  return r.finalMap;
}

/** Builds one chart; `runs` are the kernels to compare (for `compare` and `pagetables`). */
export function buildChart(req: ChartRequest, r: SimResult, runs: readonly { version: string; result: SimResult }[] = []): BuiltChart {
  switch (req.chart) {
    case "map": {
      const data = mapData(r, snapshotAt(r, req.when), r.banks, req.range);
      const when = req.when ? `${req.when.relation} ${req.when.step}` : undefined;
      return { spec: mapSpec(r, data, mapTitle(r, when, data)), summary: mapSummary(data), marks: data.rows.length };
    }
    case "timeline":
      return { spec: timelineSpec(r), summary: timelineSummary(r), marks: r.calls.length + BOOT_STEPS.length };
    case "pagetables": {
      if (runs.length > 1) {
        const rows = runs.flatMap((x) => pagetableRows(x.result, false, x.version));
        return { spec: pagetablesSpec(rows, `page-table pages · ${runs.map((x) => x.version).join(" vs ")}`, false), summary: `chart: page-table pages per step for ${runs.map((x) => `${x.version} (${x.result.stats.pagetablePages})`).join(", ")}`, marks: rows.length };
      }
      const rows = pagetableRows(r, true);
      return { spec: pagetablesSpec(rows, `page-table pages by allocator · ${r.provenance.version}`, true), summary: `chart: page-table pages per step by allocator, ${r.stats.pagetablePages} in all`, marks: rows.length };
    }
    case "compare": {
      const spec = compareSpec(runs, r.banks);
      return { spec, summary: `chart: ${runs.length} kernels × ${r.calls.length} calls, and their linear maps`, marks: runs.reduce((n, x) => n + x.result.calls.length, 0) * 2 + 200 };
    }
  }
}
