// linmap as a library (what notebooks and other tools import): the whole pipeline, text in,
// simulation results out, plus each stage and renderer on its own.
import { analyzeScenario, hasErrors, type Diagnostic, type Scenario } from "./lang/index.js";
import { compileScenario, type CompileProblem } from "./compile/index.js";
import { simulate, type SimResult, type SimulateOptions } from "./sim/index.js";

export * as lang from "./lang/index.js";
export { compileScenario, type CompileProblem, type CompileOptions } from "./compile/index.js";
export { simulate, type SimResult, type Program } from "./sim/index.js";
export { renderPtdump } from "./render/ptdump.js";
export { renderCallsTable } from "./render/calls-table.js";
export { renderTrace } from "./render/trace.js";
export { renderStats, leafSizeStats } from "./render/stats.js";
export { renderJson, resultJson } from "./render/json-result.js";
export { renderCompareTable, renderMapDiffs } from "./render/compare.js";
export { LINMAP_VERSION } from "./version.js";

export type RunOutcome =
  | { readonly kind: "diagnostics"; readonly ast: Scenario; readonly diagnostics: Diagnostic[] }
  | { readonly kind: "problems"; readonly ast: Scenario; readonly problems: CompileProblem[]; readonly diagnostics: Diagnostic[] }
  | { readonly kind: "result"; readonly ast: Scenario; readonly result: SimResult; readonly diagnostics: Diagnostic[] };

/** Parse, check, compile and simulate one scenario text; `version` overrides its kernel. */
export function runScenarioText(text: string, source: string, opts: { version?: string } & SimulateOptions = {}): RunOutcome {
  const { ast, diagnostics } = analyzeScenario(text, source);
  if (hasErrors(diagnostics)) return { kind: "diagnostics", ast, diagnostics };
  const compiled = compileScenario(ast, opts.version ? { version: opts.version } : {});
  if (!compiled.ok) return { kind: "problems", ast, problems: compiled.problems, diagnostics };
  return { kind: "result", ast, result: simulate(compiled.program, opts), diagnostics };
}
