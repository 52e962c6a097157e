// Text → AST with diagnostics: runs the lexer and the parser, turns their errors into
// catalogue diagnostics (one per line, so a typo does not cascade), and builds the AST.
// Never throws on any input.
import type { IRecognitionException, IToken } from "chevrotain";
import { EOF } from "./chevrotain.js";
import type { Scenario, SourceRange, TopLevelItem } from "./ast.js";
import { diagnosticAt, type Diagnostic } from "./diagnostic.js";
import { msg } from "./messages.js";
import { UNIT_LIKE, linmapLexer } from "./tokens.js";
import { MAX_SYNTAX_ERRORS, parseTokens } from "./parser.js";
import { AstBuilder, wholeText } from "./to-ast.js";
import { LineTable } from "./line-table.js";
import { parseClean } from "./clean-parser.js";
import type { ItemCstNode } from "./cst.js";

export interface ParseResult {
  readonly ast: Scenario;
  readonly diagnostics: Diagnostic[];
  /** Parsing stopped after too many syntax errors: the AST is empty and later errors are not reported. */
  readonly stopped?: boolean;
}

function pointRange(source: string, text: string, offset: number, length: number, line: number, column: number): SourceRange {
  const len = Math.max(1, Math.min(length, text.length - offset));
  return { source, start: { line, column, offset }, end: { line, column: column + len, offset: offset + len } };
}

function pointAt(source: string, text: string, lines: LineTable, offset: number, length: number): SourceRange {
  const { line, column } = lines.position(offset);
  return pointRange(source, text, offset, length, line, column);
}

function endOfText(source: string, text: string): SourceRange {
  const lines = text.split("\n");
  const line = lines.length;
  const column = lines[lines.length - 1]!.length + 1;
  return { source, start: { line, column, offset: text.length }, end: { line, column: column + 1, offset: text.length } };
}

function parserDiagnostic(e: IRecognitionException, source: string, text: string, lines: LineTable): Diagnostic {
  const t = e.token;
  // Chevrotain records the token before a mismatch; the type does not declare it.
  const prev = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  const code = e.name === "MismatchedTokenException" ? "SYNTAX-EXPECTED" : "SYNTAX-UNEXPECTED";
  const range =
    t.tokenType === EOF || Number.isNaN(t.startOffset)
      ? (prev && !Number.isNaN(prev.startOffset) && prev.tokenType !== EOF
          ? pointAt(source, text, lines, prev.startOffset + prev.image.length, 1)
          : endOfText(source, text))
      : pointAt(source, text, lines, t.startOffset, t.image.length);
  return { severity: "error", code, message: e.message, range };
}

interface Hint {
  readonly offset: number;
  readonly length: number;
  readonly expected: string;
  readonly found: string;
  readonly suggestion: string;
}

/** `2GB` (sizes use K, M, G, T, P) and `7.1` (versions are written v7.1). */
function firstUseHints(text: string, tokens: readonly IToken[]): Hint[] {
  const hints: Hint[] = [];
  for (let i = 0; i + 1 < tokens.length && hints.length < MAX_SYNTAX_ERRORS; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    if (t.tokenType.name !== "DecimalLiteral") continue;
    const adjacent = next.startOffset === t.startOffset + t.image.length;
    const unit = adjacent && next.tokenType.name === "Identifier" ? UNIT_LIKE.exec(next.image) : null;
    if (unit) {
      const letter = (unit[1] ?? unit[2]!).toUpperCase();
      hints.push({ offset: t.startOffset, length: t.image.length + next.image.length, expected: "a size", found: `${t.image}${next.image}`, suggestion: `${t.image}${letter}` });
    } else if (next.tokenType.name === "DecimalLiteral" && next.startOffset === t.startOffset + t.image.length + 1 && text[t.startOffset + t.image.length] === ".") {
      // `7.1`: the lexer skipped the '.', so the next number starts one character later.
      hints.push({ offset: t.startOffset, length: t.image.length + 1 + next.image.length, expected: "a kernel version", found: `${t.image}.${next.image}`, suggestion: `v${t.image}.${next.image}` });
    }
  }
  return hints;
}

/** Lexes and parses `text`; `source` names it in ranges (a file path or a cell name). */
export function parseScenario(text: string, source = "<input>"): ParseResult {
  const lines = new LineTable(text);
  // Text with nothing to report takes the way without a CST (./clean-parser.ts); at the
  // first problem the text is parsed again with recovery, which finds and reports them all.
  const ast = parseCleanly(text, source, lines);
  return ast ? { ast, diagnostics: [] } : parseWithRecovery(text, source, lines);
}

/**
 * A UTF-8 byte-order mark (editors on Windows write one) is whitespace, not a character of
 * the scenario; replacing it keeps every offset.
 */
function lexerInput(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** The AST of `text` when it has nothing to report (no lexer error, first-use hint or syntax error). */
export function parseCleanly(text: string, source = "<input>", lines = new LineTable(text)): Scenario | undefined {
  const clean = parseClean(lexerInput(text), source, lines);
  return clean && { kind: "scenario", items: clean.items, comments: clean.comments, range: wholeText(source, text.length) };
}

/** Parses with error recovery: every diagnostic, and the AST of what could be read. */
export function parseWithRecovery(text: string, source = "<input>", lines = new LineTable(text)): ParseResult {
  const input = lexerInput(text);
  const diagnostics: Diagnostic[] = [];
  const lexed = linmapLexer.tokenize(input);
  const errorLines = new Set<number>();
  // Lexer errors and the plain hints for mistakes a first-time user makes (`2GB`, `7.1`),
  // in text order, one per line.
  const early: { offset: number; length: number; problem: ReturnType<typeof msg.invalidCharacter> }[] = [
    ...firstUseHints(text, lexed.tokens).map((h) => ({ offset: h.offset, length: h.length, problem: msg.expectedToken(h.expected, `'${h.found}'`, h.suggestion) })),
    ...lexed.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({ offset: e.offset, length: e.length, problem: msg.invalidCharacter(text.slice(e.offset, e.offset + Math.max(1, e.length))) })),
  ].sort((a, b) => a.offset - b.offset);
  for (const e of early) {
    const { line, column } = lines.position(e.offset);
    if (errorLines.has(line)) continue;
    diagnostics.push(diagnosticAt(pointRange(source, text, e.offset, e.length, line, column), e.problem));
    errorLines.add(line);
  }
  // Each item becomes AST as soon as it is parsed (see LinmapParser.onItem).
  const builder = new AstBuilder(source, lines);
  const items: TopLevelItem[] = [];
  const { completed: parsed, errors } = parseTokens(lexed.tokens, text, (node) => builder.topLevelItem(node as ItemCstNode, items));
  // One diagnostic per line: recovery re-synchronises after the first error, and what it
  // reports after that on the same line is the same mistake seen again.
  for (const e of errors) {
    const d = parserDiagnostic(e, source, text, lines);
    if (errorLines.has(d.range.start.line)) continue;
    errorLines.add(d.range.start.line);
    diagnostics.push(d);
  }
  const comments = (lexed.groups["comments"] ?? []) as IToken[];
  const ast = builder.scenario(parsed ? items : [], comments, text.length);
  return { ast, diagnostics, ...(parsed && lexed.errors.length <= MAX_SYNTAX_ERRORS ? {} : { stopped: true }) };
}
