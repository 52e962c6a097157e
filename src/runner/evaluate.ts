// The work one task does, in the main thread (--jobs 1) or in a worker: a scenario under one
// kernel (a catalogue cell), or one point of a sweep. Pure functions of their inputs, so any
// number of workers gives the same results.
import { analyzeScenario, checkScenario, hasErrors, type Diagnostic } from "../lang/index.js";
import type * as A from "../lang/ast.js";
import { compileScenario } from "../compile/index.js";
import { simulate } from "../sim/index.js";
import { applySweepPoint, sweepPointAt, sweepSpace, type SweepPoint, type SweepSpace } from "../compile/sweep.js";
import { callOutcomes, expectationTally, outcomeKey, type CallOutcome, type ExpectationTally } from "./outcome.js";
import { ownKernel, withKernelVersion } from "./kernels.js";
import { OutcomeSummary } from "./sweep-format.js";

export type CellResult =
  | { readonly kind: "result"; readonly kernel: string; readonly tally: ExpectationTally; readonly calls: readonly CallOutcome[] }
  /** `VERSION-UNKNOWN 3:11: unknown kernel version 'v9.9' ...` */
  | { readonly kind: "error"; readonly kernel: string; readonly error: string };

function diagnosticText(d: Diagnostic): string {
  return `${d.code} ${d.range.start.line}:${d.range.start.column}: ${d.message}`;
}

/** A scenario under `kernel` (its own when absent). */
export function evaluateCell(text: string, file: string, kernel: string | undefined): CellResult {
  const parsed = analyzeScenario(text, file);
  const name = kernel ?? ownKernel(parsed.ast);
  const firstError = (ds: readonly Diagnostic[]) => ds.find((d) => d.severity === "error");
  let error = firstError(parsed.diagnostics);
  let ast = parsed.ast;
  if (!error && kernel !== undefined) {
    ast = withKernelVersion(parsed.ast, kernel);
    error = firstError(checkScenario(ast));
  }
  if (error) return { kind: "error", kernel: name, error: diagnosticText(error) };
  // The checker is the only gate: a scenario it admits compiles.
  const r = simulate(compileScenario(ast));
  return { kind: "result", kernel: name, tally: expectationTally(r), calls: callOutcomes(r) };
}

export interface PointRecord {
  readonly point: number;
  readonly values: SweepPoint;
  /** What points are grouped by in the summary. */
  readonly outcome: string;
  readonly problem?: string;
  readonly calls?: readonly CallOutcome[];
  readonly warns?: number;
  readonly ptPages?: number;
  readonly expectations?: ExpectationTally;
}

export interface PreparedSweep {
  readonly ast: A.Scenario;
  readonly item: A.SweepItem;
  readonly space: SweepSpace;
  /** `--policy`: the kernel of points that do not sweep the policy. */
  readonly kernel?: string;
}

export type PrepareResult = { readonly ok: true; readonly sweep: PreparedSweep } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[]; readonly sweeps: number };

/** Parses and checks the scenario once and finds its `index`-th sweep (1-based). */
export function prepareSweep(text: string, file: string, index: number, kernel?: string): PrepareResult {
  const { ast, diagnostics } = analyzeScenario(text, file);
  const sweeps = ast.items.filter((i): i is A.SweepItem => i.kind === "sweep");
  if (hasErrors(diagnostics)) return { ok: false, diagnostics, sweeps: sweeps.length };
  const item = sweeps[index - 1];
  if (!item) return { ok: false, diagnostics: [], sweeps: sweeps.length };
  return { ok: true, sweep: { ast, item, space: sweepSpace(item), ...(kernel ? { kernel } : {}) } };
}

/** Point `index` of the sweep: rewritten, checked, compiled and simulated. */
export function evaluatePoint(p: PreparedSweep, index: number): PointRecord {
  const values = sweepPointAt(p.space, index);
  const at = applySweepPoint(p.ast, values);
  const kernel = at.version ?? p.kernel;
  const ast = kernel ? withKernelVersion(at.ast, kernel) : at.ast;
  // A swept value can make the scenario invalid (a misaligned buffer, one outside memory).
  const error = checkScenario(ast).find((d) => d.severity === "error");
  if (error) return { point: index, values, outcome: `invalid: ${error.code}`, problem: `${error.code}: ${error.message}` };
  const r = simulate(compileScenario(ast));
  return {
    point: index,
    values,
    outcome: outcomeKey(r),
    calls: callOutcomes(r),
    warns: r.warnCount,
    ptPages: Number(r.stats.pagetablePages),
    expectations: expectationTally(r),
  };
}

/**
 * Every point of the sweep in this thread, grouped by outcome: what a notebook shows of a sweep
 * too large for a table. `shouldStop` ends it early (an interrupt); the summary then holds the
 * points run so far.
 */
export function summarizeSweep(p: PreparedSweep, shouldStop: () => boolean = () => false): OutcomeSummary {
  const summary = new OutcomeSummary();
  for (let i = 0; i < p.space.total && !shouldStop(); i++) summary.add(evaluatePoint(p, i).outcome, i);
  return summary;
}
