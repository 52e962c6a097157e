// Bounded work in the language stage: parsing stops after MAX_SYNTAX_ERRORS errors (the
// recovery is linear and cheap), and the diagnostics before that are kept.
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/lang/index.js";
import { MAX_SYNTAX_ERRORS } from "../../src/lang/parser.js";

describe("syntax error limit", () => {
  it("1.3 MB of unclosed blocks stops after the limit, with the errors so far", () => {
    const text = "boot { at init_IRQ {\n".repeat(62_000);
    const r = parseScenario(text, "big.linmap");
    expect(r.stopped).toBe(true);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS);
    expect(r.ast.items).toEqual([]);
  });

  it("a scenario with a few errors is parsed whole", () => {
    const r = parseScenario("buffer b size\nbuffer c size 4K\n", "s.linmap");
    expect(r.stopped).toBeUndefined();
    expect(r.ast.items.map((i) => i.kind)).toEqual(["buffer"]);
  });
});
