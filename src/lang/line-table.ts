// Offsets → line and column. The lexer and parser track only offsets (tracking lines for
// every token costs a third of parse time in allocation); positions are computed from this
// table when a node or a diagnostic needs them.
import type { Position, SourceRange } from "./ast.js";

export class LineTable {
  /** Offsets of line starts, off the collected heap (a 200,000-line text grew an array of them a push at a time). */
  private readonly starts: Uint32Array;
  /** The line of the last lookup: the AST is built in text order, so most lookups hit it or the next one. */
  private last = 0;

  constructor(text: string) {
    let lines = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
    // 32 bits hold any offset: a V8 string is shorter than 2^30 characters.
    this.starts = new Uint32Array(lines);
    let n = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts[n++] = i + 1;
  }

  /** 1-based line and column of a 0-based offset (made when asked: the AST keeps none, see SourceSpan). */
  position(offset: number): Position {
    const starts = this.starts;
    let lo = this.last;
    if (!(starts[lo]! <= offset && (lo + 1 === starts.length || offset < starts[lo + 1]!))) {
      if (lo + 2 < starts.length && starts[lo + 1]! <= offset && offset < starts[lo + 2]!) lo++;
      else {
        lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid]! <= offset) lo = mid;
          else hi = mid - 1;
        }
      }
      this.last = lo;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }
}

/** The text a parse reads: its name and its line table, shared by every span of that parse. */
export interface SpanOrigin {
  readonly source: string;
  readonly lines: LineTable;
}

/**
 * A range of source text kept as two offsets, its lines and columns computed when read. The
 * parsers give every AST node one; a 100,000-line scenario has two million of them, and on
 * this kind of machine each object kept costs far more than one made and dropped, so the
 * positions (a third of the AST's objects) are not kept, and the source's name is reached
 * through the parse's origin. Own enumerable fields are `startOffset` and `endOffset`; JSON
 * and the tests' equality (test/support/source-span-equality.ts) see the plain `{source,
 * start, end}`. A span does not survive structured cloning (its origin is private): what
 * crosses a thread is made plain first (`plainRange`, as every diagnostic is).
 */
export class SourceSpan implements SourceRange {
  readonly #origin: SpanOrigin;

  constructor(
    readonly startOffset: number,
    readonly endOffset: number,
    origin: SpanOrigin,
  ) {
    this.#origin = origin;
  }

  get source(): string {
    return this.#origin.source;
  }

  get start(): Position {
    return this.#origin.lines.position(this.startOffset);
  }

  get end(): Position {
    return this.#origin.lines.position(this.endOffset);
  }

  toJSON(): SourceRange {
    return plainRange(this);
  }
}

/** A range as a plain object, positions included: what a diagnostic keeps and a thread receives. */
export function plainRange(r: SourceRange): SourceRange {
  return { source: r.source, start: r.start, end: r.end };
}
