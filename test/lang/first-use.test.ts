// First-use ergonomics: the forms a new user writes first either work or get a plain hint.
import { describe, expect, it } from "vitest";
import { analyzeScenario, formatScenario, parseScenario } from "../../src/lang/index.js";
import { runScenarioText } from "../../src/index.js";
import { renderView } from "../../src/cli/commands/run-action.js";

function diags(text: string) {
  return analyzeScenario(text, "u.linmap").diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column, d.message]);
}

describe("first use", () => {
  it("cpu 0-7 is the cpulist form of cpu 0..7", () => {
    const a = parseScenario("cpus { cpu 0-7 neoverse-v3 }\nboot { online cpu 1-2 at smp_init }", "a");
    const b = parseScenario("cpus { cpu 0..7 neoverse-v3 }\nboot { online cpu 1..2 at smp_init }", "b");
    expect(a.diagnostics).toEqual([]);
    expect(formatScenario(a.ast)).toBe(formatScenario(b.ast));
  });

  it("2GB: did you mean 2G", () => {
    expect(diags("machine { memory 0x8000_0000 size 2GB }")).toEqual([["SYNTAX-EXPECTED", 1, 35, "expected a size but found '2GB'; did you mean '2G'?"]]);
    expect(diags("buffer b size 64kb")).toEqual([["SYNTAX-EXPECTED", 1, 15, "expected a size but found '64kb'; did you mean '64K'?"]]);
  });

  it("version 7.1: did you mean v7.1", () => {
    expect(diags("kernel { version 7.1 }")).toEqual([["SYNTAX-EXPECTED", 1, 18, "expected a kernel version but found '7.1'; did you mean 'v7.1'?"]]);
  });

  it("buffer b size 64K at X is buffer b at X size 64K", () => {
    const a = parseScenario("buffer b size 64K at 0x9000_0000 align 64K", "a");
    expect(a.diagnostics).toEqual([]);
    expect(formatScenario(a.ast)).toBe("buffer b at 0x9000_0000 size 64K align 64K\n");
  });

  it("show ptdump RANGE, stats", () => {
    const { ast, diagnostics } = analyzeScenario("show ptdump 0x8000_0000 size 2M, stats", "a");
    expect(diagnostics).toEqual([]);
    const show = ast.items[0]!;
    expect(show.kind === "show" && [show.views.map((v) => v.text), show.target?.kind]).toEqual([["ptdump", "stats"], "region"]);
  });

  it("show ptdump RANGE after STEP prints the map at that point", () => {
    const text = "buffer b at 0x9000_0000 size 64K\nboot { at userspace: set_memory_valid b 0 }\nshow ptdump 0x9000_0000 size 2M after init_IRQ\nshow ptdump 0x9000_0000 size 2M";
    const o = runScenarioText(text, "a");
    expect(o.kind).toBe("result");
    if (o.kind !== "result") return;
    const [early, late] = o.ast.items.filter((i) => i.kind === "show").map((i) => renderView("ptdump", o.result, i));
    expect(early).not.toBe(late);
    expect(early).toContain("2M PMD");
    expect(late).toContain("PTE");
  });

  it("an unknown attribute lists the valid ones", () => {
    expect(diags("buffer b at 0x9000_0000 size 64K\nexpect b is rox")).toEqual([
      ["EXPECT-ATTRIBUTE-UNKNOWN", 2, 13, "unknown attribute 'rox'; did you mean 'ro'? (attributes: valid, invalid, ro, rw, x, nx, shared, private, cont, nocont)"],
    ]);
  });
});
