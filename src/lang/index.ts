// The language stage's public entry: parse, check, format and render diagnostics. The
// compiler, the CLI and the Jupyter kernel use only what this module exports.
import { parseScenario, type ParseResult } from "./parse.js";
import { checkScenario } from "./check/index.js";
import { sortDiagnostics, type Diagnostic } from "./diagnostic.js";
import type { Scenario } from "./ast.js";

export type * from "./ast.js";
export { parseScenario, type ParseResult } from "./parse.js";
export { checkScenario } from "./check/index.js";
export { formatScenario, formatItemText, sweepAxisText } from "./format.js";
export { renderDiagnostic, diagnosticHeadline, hasErrors, sortDiagnostics, escapeControls, limitDiagnostics, DIAGNOSTICS_SHOWN, type Diagnostic } from "./diagnostic.js";
export { DIAGNOSTIC_CODES, msg, type DiagnosticCode, type Severity } from "./messages.js";
export { hex, hexRange, sizeText, parseNumberLiteral } from "./numbers.js";
export { completeAt, isComplete, inspectAt, declaredNames, highlightTokens, type Completion, type Inspection, type CompletenessStatus, type HighlightSpan, type TokenCategory } from "./editor.js";

export interface AnalysisResult {
  readonly ast: Scenario;
  /** Syntax and semantic diagnostics, sorted by position. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses and checks. Semantic checks run only on a syntactically clean scenario: checking a
 * tree the parser had to repair would report the repair, not the user's mistake.
 */
export function analyzeScenario(text: string, source = "<input>"): AnalysisResult {
  const parsed: ParseResult = parseScenario(text, source);
  if (parsed.diagnostics.length > 0) return { ast: parsed.ast, diagnostics: sortDiagnostics(parsed.diagnostics) };
  return { ast: parsed.ast, diagnostics: checkScenario(parsed.ast) };
}
export { layoutScenario, machineLayout, allocationSwitches, lastBlock, PhysAllocator, type ScenarioLayout, type LayoutPlacement, type LayoutFailure, type MachineLayout, type AllocationSwitches } from "./check/layout.js";
export { SWEEP_POINT_LIMIT } from "./check/outputs.js";
