// The AST's leaves made from tokens (ranges, names, numbers, strings, command-line words):
// one definition shared by the two ways to the AST, CST → AST (./to-ast.ts) and the parser
// of clean text (./clean-parser.ts), so that both give the same tree.
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { parseNumberLiteral } from "./numbers.js";
import type { LineTable } from "./line-table.js";

export class AstNodes {
  constructor(
    readonly source: string,
    readonly lines: LineTable,
  ) {}

  /** From the start of `first` to the end of `last`. */
  range(first: IToken, last: IToken): A.SourceRange {
    return { source: this.source, start: this.lines.position(first.startOffset), end: this.lines.position(last.startOffset + last.image.length) };
  }

  /** A number token's literal; undefined when its text is not a number (a token of another kind). */
  number(t: IToken): A.NumberLiteral | undefined {
    const value = parseNumberLiteral(t.image);
    if (value === undefined) return undefined;
    return { kind: "number", value, text: t.image, range: this.range(t, t) };
  }

  name(t: IToken): A.Name {
    return { kind: "name", text: t.image, range: this.range(t, t) };
  }

  /** The text of a string literal: without its quotes, `\"` and `\\` unescaped. */
  string(t: IToken): string {
    return t.image.slice(1, -1).replace(/\\(.)/g, "$1");
  }

  /** Splits a command line into words, each with its range inside the string literal. */
  cmdlineWords(t: IToken): A.CmdlineWord[] {
    const inner = t.image.slice(1, -1);
    const words: A.CmdlineWord[] = [];
    for (const m of inner.matchAll(/\S+/g)) {
      const offset = t.startOffset + 1 + (m.index ?? 0);
      const word = m[0].replace(/\\(.)/g, "$1");
      const eq = word.indexOf("=");
      words.push({
        name: eq < 0 ? word : word.slice(0, eq),
        ...(eq < 0 ? {} : { value: word.slice(eq + 1) }),
        range: { source: this.source, start: this.lines.position(offset), end: this.lines.position(offset + m[0].length) },
      });
    }
    return words;
  }

  /** `r1p0`: a CPU's variant and revision. */
  revision(t: IToken): NonNullable<A.CpuStatement["revision"]> {
    const m = /^r(\d+)p(\d+)$/.exec(t.image)!;
    return { variant: Number(m[1]), revision: Number(m[2]), text: t.image, range: this.range(t, t) };
  }
}
