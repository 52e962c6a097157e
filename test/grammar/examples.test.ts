// grammar/examples: valid scenarios check clean; each invalid/CODE.linmap produces exactly
// that diagnostic at the position its `# expect: CODE at L:C` header gives; each warnings/
// file produces its warning and no error; every code has its example.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeScenario, DIAGNOSTIC_CODES, hasErrors, msg } from "../../src/lang/index.js";

const root = join(import.meta.dirname, "..", "..");
const dir = (d: string) => join(root, "grammar", "examples", d);
const list = (d: string) => readdirSync(dir(d)).filter((f) => f.endsWith(".linmap")).sort();

function header(text: string): { code: string; line: number; column: number } {
  const m = /^# expect: ([A-Z0-9-]+) at (\d+):(\d+)$/m.exec(text);
  if (!m) throw new Error("missing '# expect: CODE at L:C' header");
  return { code: m[1]!, line: Number(m[2]), column: Number(m[3]) };
}

describe("grammar/examples/valid", () => {
  it("has at least 8 scenarios", () => expect(list("valid").length).toBeGreaterThanOrEqual(8));
  it.each(list("valid"))("%s checks clean", (f) => {
    expect(analyzeScenario(readFileSync(join(dir("valid"), f), "utf8"), f).diagnostics).toEqual([]);
  });
});

describe("grammar/examples/invalid", () => {
  it.each(list("invalid"))("%s gives exactly its code at its position", (f) => {
    const text = readFileSync(join(dir("invalid"), f), "utf8");
    const want = header(text);
    expect(want.code).toBe(f.replace(/\.linmap$/, ""));
    const { diagnostics } = analyzeScenario(text, f);
    expect(diagnostics.map((d) => [d.severity, d.code, d.range.start.line, d.range.start.column])).toEqual([["error", want.code, want.line, want.column]]);
    expect(diagnostics[0]!.message).not.toMatch(/undefined|NaN|\[object/);
  });
});

describe("grammar/examples/warnings", () => {
  it.each(list("warnings"))("%s gives its warning and no error", (f) => {
    const text = readFileSync(join(dir("warnings"), f), "utf8");
    const want = header(text);
    const { diagnostics } = analyzeScenario(text, f);
    expect(hasErrors(diagnostics)).toBe(false);
    expect(diagnostics.map((d) => [d.severity, d.code, d.range.start.line, d.range.start.column])).toEqual([["warning", want.code, want.line, want.column]]);
  });
});

describe("every diagnostic code has an example", () => {
  const invalid = new Set(list("invalid").map((f) => f.replace(/\.linmap$/, "")));
  const warnings = new Set(list("warnings").map((f) => f.replace(/\.linmap$/, "")));
  for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
    it(`${code} (${info.severity})`, () => expect((info.severity === "error" ? invalid : warnings).has(code)).toBe(true));
  }
  it("and no example names an unknown code", () => {
    for (const c of [...invalid, ...warnings]) expect(Object.keys(DIAGNOSTIC_CODES)).toContain(c);
  });
});

describe("messages", () => {
  it("give half-open hex ranges for overlaps, naming both sides", () => {
    expect(msg.bankOverlap([0x8000_0000n, 0x1_0000_0000n], [0xc000_0000n, 0x1_4000_0000n]).message).toBe(
      "memory bank [0xc0000000..0x140000000) overlaps memory bank [0x80000000..0x100000000)",
    );
  });
  it("suggest the closest known name", () => {
    const { diagnostics } = analyzeScenario("boot { at init_irq: memfd_secret }", "x");
    expect(diagnostics[0]!.message).toBe("unknown boot step 'init_irq'; did you mean 'init_IRQ'?");
  });
  it("never hang or throw on absurd sizes", () => {
    const { diagnostics } = analyzeScenario("machine { memory 0x8000_0000 size 99999999T }\ncpus { cpu 0..99999999 neoverse-v3 }", "x");
    expect(diagnostics.map((d) => d.code)).toEqual(["ADDRESS-BEYOND-PA", "CPU-ID-RANGE"]);
  });
});

describe("linmap check", () => {
  const linmap = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8" });
  it("prints file:line:col: error CODE: message with a caret excerpt and exits 1", () => {
    const r = linmap("check", "grammar/examples/invalid/BANK-OVERLAP.linmap");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "grammar/examples/invalid/BANK-OVERLAP.linmap:5:10: error BANK-OVERLAP: memory bank [0xc0000000..0x140000000) overlaps memory bank [0x80000000..0x100000000)\n  4 |   memory 0x8000_0000 size 2G\n> 5 |   memory 0xC000_0000 size 2G\n    |          ^^^^^^^^^^^^^^^^^^^",
    );
    expect(r.stdout.trim().split("\n").pop()).toBe("1 file checked: 1 error, 0 warnings");
  });
  it("exits 0 on every valid example and on warnings", () => {
    expect(linmap("check", ...list("valid").map((f) => `grammar/examples/valid/${f}`)).status).toBe(0);
    const w = linmap("check", "grammar/examples/warnings/RODATA-FULL-IGNORED.linmap");
    expect(w.status).toBe(0);
    expect(w.stdout).toContain("warning RODATA-FULL-IGNORED:");
  });
  it("exits 2 on a missing file", () => {
    const r = linmap("check", "grammar/examples/valid/nope.linmap");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("linmap: cannot read grammar/examples/valid/nope.linmap: no such file\n");
  });
  it("fmt prints the canonical form and refuses a file with syntax errors", () => {
    expect(linmap("fmt", "grammar/examples/valid/realm-its.linmap").stdout).toBe(readFileSync(join(dir("valid"), "realm-its.linmap"), "utf8"));
    expect(linmap("fmt", "grammar/examples/invalid/SYNTAX-EXPECTED.linmap").status).toBe(1);
  });
});
