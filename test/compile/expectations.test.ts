// Expectations check what they name: a target means the scenario's calls on it (never the
// kernel's own call of that name), and `expect under V` holds for kernel V only.
import { describe, expect, it } from "vitest";
import { analyzeScenario } from "../../src/lang/index.js";
import { runScenarioText } from "../../src/index.js";
import { renderCompareTable } from "../../src/render/compare.js";
import { simulateText } from "../support/run-scenario.js";

const REALM = `
machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version v7.0; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }
`;

describe("call expectations", () => {
  it("without a target, the kernel's own call is the one named", () => {
    const r = simulateText(`${REALM}expect swiotlb_update_mem_attributes == -EINVAL\n`);
    expect(r.expectations.map((e) => e.passed)).toEqual([true]);
  });

  it("set_memory_valid on a buffer is only that call, not the KFENCE guard page's", () => {
    const text = `kernel { config KFENCE=y }\nbuffer b at 0x9000_0000 size 64K\nboot { at userspace: set_memory_valid b 1 }\nexpect set_memory_valid b: flushes 0\n`;
    const r = simulateText(text);
    // The kernel's KFENCE guard-page call flushes once; the scenario's call on b does not.
    const calls = r.calls.filter((c) => c.call === "set_memory_valid").map((c) => [c.origin, c.label, c.tlbFlushes > 0]);
    expect(calls).toEqual([["kernel", expect.stringMatching(/^KFENCE pool/), true], ["scenario", "b", false]]);
    expect(r.expectations.map((e) => [e.passed, e.actual])).toEqual([[true, "as expected"]]);
  });
});

describe("expect under", () => {
  const text = `${REALM}expect under v7.0: its_alloc_pages_node its_prop == -EINVAL
expect under v7.1, memblock-split {
  its_alloc_pages_node its_prop == 0
  warns 0
}
compare v7.0, v7.1, memblock-split
`;

  it("parses in both forms and checks clean", () => {
    const { ast, diagnostics } = analyzeScenario(text, "u.linmap");
    expect(diagnostics).toEqual([]);
    const ex = ast.items.filter((i) => i.kind === "expect");
    expect(ex.map((e) => e.kind === "expect" && e.under?.map((v) => v.text))).toEqual([["v7.0"], ["v7.1", "memblock-split"], ["v7.1", "memblock-split"]]);
  });

  it("each kernel checks its own expectations only, and all pass", () => {
    const v70 = simulateText(text);
    const v71 = simulateText(text, "v7.1");
    expect(v70.expectations.map((e) => [e.text, e.passed])).toEqual([["expect under v7.0: its_alloc_pages_node its_prop == -EINVAL", true]]);
    expect(v71.expectations.map((e) => e.passed)).toEqual([true, true]);
    const table = renderCompareTable([{ version: "v7.0", result: v70 }, { version: "v7.1", result: v71 }]);
    expect(table).toMatch(/expect under v7\.0: its_alloc_pages_node its_prop == -EINVAL +PASS +-/);
    expect(table).toMatch(/expect under v7\.1, memblock-split: warns 0 +- +PASS/);
    expect(table).not.toContain("FAIL");
  });

  it("an unknown version in under is VERSION-UNKNOWN", () => {
    const o = runScenarioText(`${REALM}expect under v9.9: its_alloc_pages_node its_prop == 0\n`, "u.linmap");
    expect(o.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([["VERSION-UNKNOWN", 7, 14]]);
  });
});

describe("notes", () => {
  it("rodata=on on v6.17 says it means not full there", () => {
    const r = simulateText('kernel { cmdline "rodata=on" }', "v6.17");
    expect(r.notes).toContain("rodata=on here means on but not full (rodata_full is off), as before v6.18; from v6.18 rodata=on means full.");
  });
});
