// The one path every front end takes from a parsed scenario to a result: the checker, for the
// kernel version the scenario will run under, then the compiler and the simulator. The CLI,
// the Jupyter kernel, sweeps, compares and the library all go through `admit`, so what
// `linmap check` accepts is what runs, and nothing else does.
import { checkScenario, hasErrors, type Diagnostic, type Scenario } from "./lang/index.js";
import { compileScenario } from "./compile/index.js";
import type { Program } from "./sim/index.js";

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
