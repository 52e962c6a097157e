// The AST's leaves made from tokens (ranges, names, numbers, strings, command-line words):
// one definition shared by the two ways to the AST, CST → AST (./to-ast.ts, from token
// objects) and the parser of clean text (./clean-parser.ts, from a token's text and offset),
// so that both give the same tree.
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { parseNumberLiteral } from "./numbers.js";
import { SourceSpan, type LineTable, type SpanOrigin } from "./line-table.js";

/** Distinct names (and sizes) kept for sharing, per parse. */
const INTERNED = 1024;

export class AstNodes {
  /**
   * One copy of each often-written name (steps, calls) and size (`64K`): a 100,000-line
   * scenario writes them again and again, and what the AST keeps is what costs
   * (src/lang/line-table.ts `SourceSpan`). Bounded: a map of 100,000 distinct buffer names
   * cost more to build than their second copies (0.1 s against 3 MB). The maps go with the parse.
   */
  private readonly texts = new Map<string, string>();
  private readonly values = new Map<string, bigint>();

  private readonly origin: SpanOrigin;

  constructor(
    readonly source: string,
    readonly lines: LineTable,
  ) {
    this.origin = { source, lines };
  }

  /** The text of a name, shared with every other occurrence of it in this parse. */
  private text(image: string): string {
    const known = this.texts.get(image);
    if (known !== undefined) return known;
    if (this.texts.size < INTERNED) this.texts.set(image, image);
    return image;
  }

  /** From offset `start` to offset `end` (exclusive). */
  span(start: number, end: number): A.SourceRange {
    return new SourceSpan(start, end, this.origin);
  }

  /** From the start of `a` to the end of `b`. */
  join(a: A.SourceRange, b: A.SourceRange): A.SourceRange {
    return this.span(a.start.offset, b.end.offset);
  }

  /** From the start of `first` to the end of `last`. */
  range(first: IToken, last: IToken): A.SourceRange {
    return this.span(first.startOffset, last.startOffset + last.image.length);
  }

  /** Where token `t` ends. */
  end(t: IToken): A.Position {
    return this.lines.position(t.startOffset + t.image.length);
  }

  /** A number token's literal; undefined when its text is not a number (a token of another kind). */
  number(t: IToken): A.NumberLiteral | undefined {
    return this.numberAt(t.image, t.startOffset);
  }

  /** The literal of number text `image` at `start`; undefined when it is not a number. */
  numberAt(image: string, start: number): A.NumberLiteral | undefined {
    // Sizes (`64K`) repeat; addresses and page numbers rarely do, and are not kept here.
    const size = image.length <= 6 && !isDigit(image.charCodeAt(image.length - 1));
    const value = (size ? this.values.get(image) : undefined) ?? parseNumberLiteral(image);
    if (value === undefined) return undefined;
    if (size && this.values.size < INTERNED) this.values.set(image, value);
    const text = size ? this.text(image) : image;
    return { kind: "number", value, text, range: this.span(start, start + image.length) };
  }

  name(t: IToken): A.Name {
    return this.nameAt(t.image, t.startOffset);
  }

  nameAt(image: string, start: number): A.Name {
    return { kind: "name", text: this.text(image), range: this.span(start, start + image.length) };
  }

  /** The text of a string literal: without its quotes, `\"` and `\\` unescaped. */
  string(t: IToken): string {
    return stringValue(t.image);
  }

  /** Splits a command line into words, each with its range inside the string literal. */
  cmdlineWords(t: IToken): A.CmdlineWord[] {
    return this.cmdlineWordsAt(t.image, t.startOffset);
  }

  cmdlineWordsAt(image: string, start: number): A.CmdlineWord[] {
    const inner = image.slice(1, -1);
    const words: A.CmdlineWord[] = [];
    for (const m of inner.matchAll(/\S+/g)) {
      const offset = start + 1 + (m.index ?? 0);
      const word = m[0].replace(/\\(.)/g, "$1");
      const eq = word.indexOf("=");
      words.push({
        name: eq < 0 ? word : word.slice(0, eq),
        ...(eq < 0 ? {} : { value: word.slice(eq + 1) }),
        range: this.span(offset, offset + m[0].length),
      });
    }
    return words;
  }

  /** `r1p0`: a CPU's variant and revision. */
  revision(t: IToken): NonNullable<A.CpuStatement["revision"]> {
    return this.revisionAt(t.image, t.startOffset);
  }

  revisionAt(image: string, start: number): NonNullable<A.CpuStatement["revision"]> {
    const m = /^r(\d+)p(\d+)$/.exec(image)!;
    return { variant: Number(m[1]), revision: Number(m[2]), text: image, range: this.span(start, start + image.length) };
  }

  /** A `cpu` statement, built in one place so both parsers give the same node, key order included. */
  cpu(ids: { first: A.NumberLiteral; last?: A.NumberLiteral | undefined }, traits: A.Name[], revision: A.CpuStatement["revision"], boot: boolean, late: boolean, range: A.SourceRange): A.CpuStatement {
    return { kind: "cpu", first: ids.first, ...(ids.last ? { last: ids.last } : {}), traits, ...(revision ? { revision } : {}), boot, late, range };
  }
}

/** The text of string literal `image`: without its quotes, `\"` and `\\` unescaped. */
export function stringValue(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, "$1");
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
