// Offsets → line and column. The lexer and parser track only offsets (tracking lines for
// every token costs a third of parse time in allocation); positions are computed from this
// table when a node or a diagnostic needs them.
import type { Position } from "./ast.js";

export class LineTable {
  private readonly starts: number[] = [0];
  /** The line of the last lookup: the AST is built in text order, so most lookups hit it or the next one. */
  private last = 0;

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  /**
   * The positions last given, by offset modulo their number: a node often starts where its
   * first token does and ends where its last one does, and positions are never changed, so
   * one object serves them all (a 100,000-line AST had a fifth of its positions twice).
   */
  private readonly recent: (Position | undefined)[] = new Array(64).fill(undefined);

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): Position {
    const slot = offset & 63;
    const hit = this.recent[slot];
    if (hit !== undefined && hit.offset === offset) return hit;
    const made = this.compute(offset);
    this.recent[slot] = made;
    return made;
  }

  private compute(offset: number): Position {
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
