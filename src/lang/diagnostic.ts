// The one diagnostic type shared by the lexer, the parser and the checker, and its text
// rendering: `file:line:col: error CODE: message` followed by a caret excerpt.
import { createRequire } from "node:module";
import type { SourceRange } from "./ast.js";
import { plainRange } from "./line-table.js";
import type { DiagnosticCode, Problem, Severity } from "./messages.js";

type CodeFrame = typeof import("@babel/code-frame");
let codeFrame: CodeFrame | undefined;

/**
 * @babel/code-frame, loaded the first time a diagnostic is rendered: a run without one (the
 * usual case) need not load it and its syntax highlighter (start-up, issue 10). Rendering is
 * synchronous, so it is required (an ES module without top-level await can be).
 */
function codeFrameColumns(...args: Parameters<CodeFrame["codeFrameColumns"]>): string {
  codeFrame ??= createRequire(import.meta.url)("@babel/code-frame") as CodeFrame;
  return codeFrame.codeFrameColumns(...args);
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly range: SourceRange;
}

export function diagnosticAt(range: SourceRange, p: Problem): Diagnostic {
  // Plain, so a diagnostic crosses a worker thread whole (an AST range is a SourceSpan).
  return { severity: p.severity, code: p.code, message: p.message, range: plainRange(range) };
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

/** Control characters (and a lone BOM) shown as escapes, so input never drives the terminal. */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** The first line: `file:line:col: error CODE: message`. */
export function diagnosticHeadline(d: Diagnostic): string {
  const message = d.message.length > MESSAGE_WIDTH ? `${d.message.slice(0, MESSAGE_WIDTH)}…` : d.message;
  return escapeControls(`${d.range.source}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code}: ${message}`);
}

/** Messages quoting input (a 5,000-character token) are clipped to this many characters. */
export const MESSAGE_WIDTH = 300;
/** Excerpt lines are clipped to this many characters around the column they point at. */
export const EXCERPT_WIDTH = 160;
/** Diagnostics shown before the rest are summarised in one line. */
export const DIAGNOSTICS_SHOWN = 100;

/** The first DIAGNOSTICS_SHOWN diagnostics, and how many more there are. */
export function limitDiagnostics(ds: readonly Diagnostic[], shown = DIAGNOSTICS_SHOWN): { shown: readonly Diagnostic[]; omitted: number } {
  return { shown: ds.slice(0, shown), omitted: Math.max(0, ds.length - shown) };
}

/** The headline and a caret excerpt of `text` (the source the diagnostic points into). */
export function renderDiagnostic(d: Diagnostic, text: string): string {
  const { start, end } = d.range;
  // Only the lines shown: the line before and the diagnostic's own, each clipped to a window
  // around the column (so a 1 MB line prints as 160 characters) with controls escaped.
  const lineStart = (n: number) => {
    let at = 0;
    for (let i = 1; i < n && at >= 0; i++) {
      const nl = text.indexOf("\n", at);
      at = nl < 0 ? -1 : nl + 1;
    }
    return at;
  };
  const first = Math.max(1, start.line - 1);
  const from = lineStart(first);
  const lines: string[] = [];
  if (from >= 0) {
    let at = from;
    for (let n = first; n <= start.line && at <= text.length; n++) {
      const nl = text.indexOf("\n", at);
      lines.push(text.slice(at, nl < 0 ? text.length : nl).replace(/\r$/, ""));
      if (nl < 0) break;
      at = nl + 1;
    }
  }
  const offset = Math.max(0, start.column - 1 - EXCERPT_WIDTH / 2);
  const clip = (l: string) => {
    const window = [...l.slice(offset, offset + EXCERPT_WIDTH)].map((c) => (escapeControls(c).length > 1 ? "?" : c)).join("");
    return `${offset > 0 ? "…" : ""}${window}${l.length > offset + EXCERPT_WIDTH ? "…" : ""}`;
  };
  const shift = offset > 0 ? offset - 1 : 0;
  const excerpt = lines.map(clip).join("\n");
  const sameLine = end.line === start.line && end.column > start.column;
  const frame = codeFrameColumns(
    excerpt,
    {
      // @babel/code-frame 8 counts columns from 0; ours count from 1 like compilers print them.
      start: { line: start.line - first + 1, column: start.column - 1 - shift },
      ...(sameLine ? { end: { line: end.line - first + 1, column: Math.min(end.column - 1 - shift, EXCERPT_WIDTH + 1) } } : {}),
    },
    { highlightCode: false, linesAbove: 1, linesBelow: 0 },
  );
  // The frame numbers the excerpt's lines from 1: put the file's line numbers back.
  const width = String(start.line).length;
  const renumbered = frame.split("\n").map((l) => l.replace(/^([> ]) +(\d+) \|/, (_, mark: string, n: string) => `${mark} ${String(Number(n) + first - 1).padStart(width)} |`).replace(/^ {2}( +)\|/, (_m, sp: string) => `  ${" ".repeat(Math.max(width, sp.length - 1))} |`));
  return `${diagnosticHeadline(d)}\n${renumbered.join("\n")}`;
}
