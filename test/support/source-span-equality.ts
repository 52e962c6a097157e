// Test setup: a SourceSpan (an AST node's range, src/lang/line-table.ts) keeps offsets and
// computes its lines and columns when read, so its own fields are not the `{source, start,
// end}` a test writes. Ranges compare by what they mean: source, start and end positions.
import { expect } from "vitest";
import { SourceSpan, plainRange } from "../../src/lang/line-table.js";

expect.addEqualityTesters([
  function sourceSpanEquality(a: unknown, b: unknown): boolean | undefined {
    if (!(a instanceof SourceSpan) && !(b instanceof SourceSpan)) return undefined;
    const plain = (x: unknown) => (x instanceof SourceSpan ? plainRange(x) : x);
    return this.equals(plain(a), plain(b));
  },
]);
