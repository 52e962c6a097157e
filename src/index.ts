// linmap as a library (what notebooks and other tools import): the whole pipeline, text in,
// simulation results out, plus each stage and renderer on its own.
import { runScenarioText } from "./pipeline.js";
import type { SimResult } from "./sim/index.js";
import { readFileSync } from "node:fs";
import { renderDiagnostic } from "./lang/index.js";
import { buildChart, chartBundle, type ChartRequest } from "./render/charts/index.js";

export * as lang from "./lang/index.js";
export { compileScenario, type CompileOptions } from "./compile/index.js";
export { admit, refusalLine, runScenarioText, runSweep, type Admission, type RunOutcome } from "./pipeline.js";
export { simulate, type SimResult, type Program } from "./sim/index.js";
export { renderPtdump } from "./render/ptdump.js";
export { renderCallsTable } from "./render/calls-table.js";
export { renderTrace } from "./render/trace.js";
export { renderStats, leafSizeStats } from "./render/stats.js";
export { renderJson, resultJson } from "./render/json-result.js";
export { renderCompareTable, renderMapDiffs, compareView, htmlCompare, type CompareRun, type Refusal } from "./render/compare.js";
export { resultView, runView, expectationsView, notesView, sweepView, sweepSummaryView, ptdumpText, RESULT_VIEWS, type View, type ResultViewName, type PtdumpRequest } from "./render/views.js";
export { renderCompareJson, compareJson } from "./render/compare-json.js";
export { renderSweepJson, sweepJson } from "./render/sweep-json.js";
export { LINMAP_VERSION } from "./version.js";
export { buildChart, chartBundle, VEGALITE_MIME, type ChartRequest } from "./render/charts/index.js";
export { htmlCalls, htmlTable } from "./render/html.js";
export { renderSweepTable, htmlSweepTable, type SweepRow } from "./render/sweep-table.js";

/** Thrown by `run` when a scenario has errors: the rendered diagnostics are the message. */
export class ScenarioError extends Error {
  constructor(readonly diagnostics: readonly string[]) {
    super(diagnostics.join("\n\n"));
    this.name = "ScenarioError";
  }
}

/**
 * Simulates a scenario given as text (or read from a `.linmap` file with `loadScenario`).
 * `version` runs it under another kernel (`"v7.0"`, `"v7.1"`, `"memblock-split"`, ...).
 * Throws ScenarioError when the scenario has errors.
 */
export function run(text: string, opts: { version?: string; source?: string } = {}): SimResult {
  const o = runScenarioText(text, opts.source ?? "<scenario>", opts.version ? { version: opts.version } : {});
  if (o.kind === "diagnostics") throw new ScenarioError(o.diagnostics.filter((d) => d.severity === "error").map((d) => renderDiagnostic(d, text)));
  return o.result;
}

/** Reads a scenario file. */
export function loadScenario(path: string): string {
  return readFileSync(path, "utf8");
}

/**
 * A chart of a result as a Jupyter MIME bundle (Vega-Lite spec object, PNG, text). Vega is
 * loaded on first use with a native import(), so this module loads in CommonJS hosts such
 * as tslab.
 */
export async function chart(result: SimResult, request: ChartRequest | ChartRequest["chart"], runs: readonly { version: string; result: SimResult }[] = []): Promise<Record<string, unknown>> {
  const req = typeof request === "string" ? { chart: request } : request;
  const built = buildChart(req, result, runs);
  return (await chartBundle(built.spec, built.summary, built.marks)).data;
}
