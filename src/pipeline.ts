// The one path every front end takes from a parsed scenario to a result: the checker, for the
// kernel version the scenario will run under, then the compiler and the simulator. The CLI,
// the Jupyter kernel, sweeps, compares and the library all go through `admit`, so what
// `linmap check` accepts is what runs, and nothing else does.
import { checkScenario, hasErrors, parseScenario, sortDiagnostics, type Diagnostic, type Scenario, type SweepItem } from "./lang/index.js";
import { compileScenario } from "./compile/index.js";
import { simulate, type Program, type SimResult, type SimulateOptions } from "./sim/index.js";
import { applySweepPoint, sweepPoints } from "./compile/sweep.js";
import { scenarioDir, withPtdumpExpectations } from "./ptdump/scenario-dumps.js";
import type { SweepRow } from "./render/sweep-table.js";

export type Admission =
  | { readonly ok: true; readonly program: Program; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Checks `ast` for `version` (or its own kernel) and, when it has no error, compiles it. */
export function admit(ast: Scenario, opts: { readonly version?: string } = {}): Admission {
  const diagnostics = checkScenario(ast, opts.version ? { version: opts.version } : {});
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  return { ok: true, program: compileScenario(ast, opts.version ? { version: opts.version } : {}), diagnostics };
}

/** The first error of a refused scenario as one line: `CODE: message`. */
export function refusalLine(diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics.find((x) => x.severity === "error") ?? diagnostics[0];
  return d ? `${d.code}: ${d.message}` : "";
}

export type RunOutcome =
  | { readonly kind: "diagnostics"; readonly ast: Scenario; readonly diagnostics: Diagnostic[] }
  | { readonly kind: "result"; readonly ast: Scenario; readonly result: SimResult; readonly diagnostics: Diagnostic[] };

/** Parse, check (for the kernel it will run under), compile and simulate one scenario text; `version` overrides its kernel. */
export function runScenarioText(text: string, source: string, opts: { version?: string } & SimulateOptions = {}): RunOutcome {
  const parsed = parseScenario(text, source);
  if (parsed.diagnostics.length > 0) return { kind: "diagnostics", ast: parsed.ast, diagnostics: sortDiagnostics(parsed.diagnostics) };
  const admitted = admit(parsed.ast, opts.version ? { version: opts.version } : {});
  if (!admitted.ok) return { kind: "diagnostics", ast: parsed.ast, diagnostics: admitted.diagnostics };
  // `expect ptdump matches FILE` needs the dump files beside the scenario.
  return { kind: "result", ast: parsed.ast, result: withPtdumpExpectations(parsed.ast, simulate(admitted.program, opts), scenarioDir(source)), diagnostics: admitted.diagnostics };
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
