// linmap as a library (what notebooks and other tools import): the whole pipeline, text in,
// simulation results out, plus each stage and renderer on its own.
import { parseScenario, sortDiagnostics, type Diagnostic, type Scenario } from "./lang/index.js";
import { admit, refusalLine } from "./pipeline.js";
import { simulate, type SimResult, type SimulateOptions } from "./sim/index.js";
import { readFileSync } from "node:fs";
import { renderDiagnostic } from "./lang/index.js";
import { buildChart, chartBundle, type ChartRequest } from "./render/charts/index.js";
import { applySweepPoint, sweepPoints } from "./compile/sweep.js";
import type { SweepRow } from "./render/sweep-table.js";
import type { SweepItem } from "./lang/ast.js";

export * as lang from "./lang/index.js";
export { compileScenario, type CompileOptions } from "./compile/index.js";
export { admit, refusalLine, type Admission } from "./pipeline.js";
export { simulate, type SimResult, type Program } from "./sim/index.js";
export { renderPtdump } from "./render/ptdump.js";
export { renderCallsTable } from "./render/calls-table.js";
export { renderTrace } from "./render/trace.js";
export { renderStats, leafSizeStats } from "./render/stats.js";
export { renderJson, resultJson } from "./render/json-result.js";
export { renderCompareTable, renderMapDiffs } from "./render/compare.js";
export { LINMAP_VERSION } from "./version.js";
export { buildChart, chartBundle, VEGALITE_MIME, type ChartRequest } from "./render/charts/index.js";
export { htmlCalls, htmlTable } from "./render/html.js";
export { renderSweepTable, htmlSweepTable, type SweepRow } from "./render/sweep-table.js";

export type RunOutcome =
  | { readonly kind: "diagnostics"; readonly ast: Scenario; readonly diagnostics: Diagnostic[] }
  | { readonly kind: "result"; readonly ast: Scenario; readonly result: SimResult; readonly diagnostics: Diagnostic[] };

/** Parse, check (for the kernel it will run under), compile and simulate one scenario text; `version` overrides its kernel. */
export function runScenarioText(text: string, source: string, opts: { version?: string } & SimulateOptions = {}): RunOutcome {
  const parsed = parseScenario(text, source);
  if (parsed.diagnostics.length > 0) return { kind: "diagnostics", ast: parsed.ast, diagnostics: sortDiagnostics(parsed.diagnostics) };
  const admitted = admit(parsed.ast, opts.version ? { version: opts.version } : {});
  if (!admitted.ok) return { kind: "diagnostics", ast: parsed.ast, diagnostics: admitted.diagnostics };
  return { kind: "result", ast: parsed.ast, result: simulate(admitted.program, opts), diagnostics: admitted.diagnostics };
}

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

/** Runs a scenario at every point of a `sweep` command (the product of its axes). */
export function runSweep(ast: Scenario, item: SweepItem, opts: { version?: string } & SimulateOptions = {}): SweepRow[] {
  return sweepPoints(item).map((point) => {
    const at = applySweepPoint(ast, point);
    const version = at.version ?? opts.version;
    // A swept value can make the scenario invalid (a buffer misaligned for a larger granule,
    // rodata=noalias before v6.18): the same check as any run says why.
    const admitted = admit(at.ast, version ? { version } : {});
    if (!admitted.ok) return { point, problem: refusalLine(admitted.diagnostics) };
    return { point, result: simulate(admitted.program, opts) };
  });
}
