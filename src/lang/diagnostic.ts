// The one diagnostic type shared by the lexer, the parser and the checker, and its text
// rendering: `file:line:col: error CODE: message` followed by a caret excerpt.
import { codeFrameColumns } from "@babel/code-frame";
import type { SourceRange } from "./ast.js";
import type { DiagnosticCode, Problem, Severity } from "./messages.js";

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly range: SourceRange;
}

export function diagnosticAt(range: SourceRange, p: Problem): Diagnostic {
  return { severity: p.severity, code: p.code, message: p.message, range };
}

/** Orders diagnostics by source, then position, then code, so output is stable. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      (a.range.source < b.range.source ? -1 : a.range.source > b.range.source ? 1 : 0) ||
      a.range.start.offset - b.range.start.offset ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** The first line: `file:line:col: error CODE: message`. */
export function diagnosticHeadline(d: Diagnostic): string {
  return `${d.range.source}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code}: ${d.message}`;
}

/** The headline and a caret excerpt of `text` (the source the diagnostic points into). */
export function renderDiagnostic(d: Diagnostic, text: string): string {
  const { start, end } = d.range;
  const sameLine = end.line === start.line && end.column > start.column;
  const frame = codeFrameColumns(
    text,
    {
      // @babel/code-frame 8 counts columns from 0; ours count from 1 like compilers print them.
      start: { line: start.line, column: start.column - 1 },
      ...(sameLine ? { end: { line: end.line, column: end.column - 1 } } : {}),
    },
    { highlightCode: false, linesAbove: 1, linesBelow: 0 },
  );
  return `${diagnosticHeadline(d)}\n${frame}`;
}
