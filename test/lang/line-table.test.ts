import { describe, expect, it } from "vitest";
import { LineTable, SourceSpan, plainRange } from "../../src/lang/line-table.js";
import { parseScenario } from "../../src/lang/index.js";
import { checkScenario } from "../../src/lang/check/index.js";

const text = "buffer b size 4K\n  buffer c size 8K\n";

describe("SourceSpan", () => {
  const origin = { source: "t.linmap", lines: new LineTable(text) };
  const span = new SourceSpan(19, 25, origin);

  it("computes lines and columns from its offsets when read", () => {
    expect(span.start).toEqual({ line: 2, column: 3, offset: 19 });
    expect(span.end).toEqual({ line: 2, column: 9, offset: 25 });
  });

  it("is the plain range in JSON and in comparisons", () => {
    const plain = { source: "t.linmap", start: { line: 2, column: 3, offset: 19 }, end: { line: 2, column: 9, offset: 25 } };
    expect(JSON.parse(JSON.stringify(span))).toEqual(plain);
    expect(span).toEqual(plain);
    expect(span).not.toEqual({ ...plain, end: { line: 2, column: 10, offset: 26 } });
    expect(span).not.toEqual(new SourceSpan(19, 26, origin));
    expect(span).not.toEqual(new SourceSpan(19, 25, { ...origin, source: "u.linmap" }));
    expect(span.source).toBe("t.linmap");
    expect(plainRange(span)).toStrictEqual(plain);
  });

  it("keeps no position objects: the AST's ranges are spans", () => {
    const { ast } = parseScenario(text, "t.linmap");
    expect(ast.items[1]!.range).toBeInstanceOf(SourceSpan);
    expect(Object.keys(ast.items[1]!.range)).toEqual(["startOffset", "endOffset"]);
  });

  it("a diagnostic's range is plain, so it survives structured cloning (a worker's reply)", () => {
    const { ast } = parseScenario("buffer b size 4K\nbuffer b size 8K\n", "t.linmap");
    const [d] = checkScenario(ast);
    expect(d!.code).toBe("BUFFER-DUPLICATE");
    expect(structuredClone(d!.range)).toEqual({ source: "t.linmap", start: { line: 2, column: 8, offset: 24 }, end: { line: 2, column: 9, offset: 25 } });
  });
});
