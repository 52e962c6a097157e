// The language's real-dump features: `load ptdump "f" as NAME` (shown beside the simulation
// by `show ptdump`) and `expect ptdump matches "f" [RANGE]` (an expectation), parsed,
// formatted, checked and evaluated; files relative to the scenario's directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeScenario, formatScenario } from "../../src/lang/index.js";
import { runScenarioText } from "../../src/index.js";
import { renderPtdump } from "../../src/render/ptdump.js";
import { linearSection, parsePtdump } from "../../src/ptdump/parse.js";
import { clipSection } from "../../src/ptdump/scenario-dumps.js";

const root = join(import.meta.dirname, "..", "..");
const base = "machine { granule 4K; memory 0x4000_0000 size 1G }\ncpus { cpu 0..1 cortex-a57 }\nkernel { version v6.17 }\n";

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "linmap-load-"));
  const o = runScenarioText(base, join(dir, "s.linmap"));
  if (o.kind !== "result") throw new Error("base scenario does not run");
  const r = o.result;
  const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks });
  writeFileSync(join(dir, "same.txt"), `${dump.join("\n")}\n`);
  const edited = [...dump];
  edited[1] = edited[1]!.replace(" RW ", " ro ");
  writeFileSync(join(dir, "edited.txt"), `${edited.join("\n")}\n`);
  return { dir, r };
}

describe("syntax", () => {
  it("parses, checks and formats load and expect ptdump matches", () => {
    const text = `${base}load ptdump "same.txt" as mine\nexpect ptdump matches "same.txt"\nexpect ptdump matches "same.txt" [0x4000_0000..0x4020_0000)\n`;
    const { ast, diagnostics } = analyzeScenario(text, "s.linmap");
    expect(diagnostics).toEqual([]);
    expect(ast.items.slice(3).map((i) => i.kind)).toEqual(["load", "expect-ptdump", "expect-ptdump"]);
    expect(formatScenario(ast)).toContain('load ptdump "same.txt" as mine\nexpect ptdump matches "same.txt"\nexpect ptdump matches "same.txt" [0x4000_0000..0x4020_0000)\n');
  });
  it("reports a load of something else and two loads under one name", () => {
    const { diagnostics } = analyzeScenario('load trace "a.txt" as x\nload ptdump "a.txt" as y\nload ptdump "b.txt" as y\nexpect ptdmp matches "a.txt"\n', "s.linmap");
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column, d.message])).toEqual([
      ["LOAD-UNKNOWN-KIND", 1, 6, "only a ptdump can be loaded or matched, not 'trace'"],
      ["LOAD-DUPLICATE", 3, 24, "a dump named 'y' is already loaded at line 2"],
      ["LOAD-UNKNOWN-KIND", 4, 8, "only a ptdump can be loaded or matched, not 'ptdmp'; did you mean 'ptdump'?"],
    ]);
  });
});

describe("expect ptdump matches", () => {
  const { dir } = setup();
  const run = (extra: string) => {
    const o = runScenarioText(`${base}${extra}`, join(dir, "s.linmap"));
    if (o.kind !== "result") throw new Error("does not run");
    return o.result.expectations.map((e) => [e.passed, e.text, e.actual]);
  };
  it("holds on the simulation's own dump and fails, saying where, on an edited one", () => {
    const [same, edited] = run('expect ptdump matches "same.txt"\nexpect ptdump matches "edited.txt"\n');
    expect(same).toEqual([true, 'expect ptdump matches "same.txt"', ""]);
    expect(edited!.slice(0, 2)).toEqual([false, 'expect ptdump matches "edited.txt"']);
    // The first differing line is the edited one, read-only now, at offset 0.
    expect(String(edited![2])).toMatch(/^differs from edited\.txt: 1 line only in the dump, 1 only in the simulation; first: -0x000000000000-0x[0-9a-f]{12} +\d+[KMG] PTE {7}ro /);
  });
  it("compares only the range when one is given", () => {
    // 128 MiB in, far from the edited first line.
    expect(run('expect ptdump matches "edited.txt" [0x4800_0000..0x4820_0000)\n')).toEqual([[true, 'expect ptdump matches "edited.txt" [0x48000000..0x48200000)', ""]]);
  });
  it("fails with the reason when the file is missing or is not a dump", () => {
    writeFileSync(join(dir, "prose.txt"), "hello\n");
    expect(run('expect ptdump matches "missing.txt"\nexpect ptdump matches "prose.txt"\n')).toEqual([
      [false, 'expect ptdump matches "missing.txt"', "cannot read missing.txt: no such file"],
      [false, 'expect ptdump matches "prose.txt"', "prose.txt has no linear-map lines"],
    ]);
  });
  it("clips lines to a window of offsets", () => {
    const s = linearSection(parsePtdump("0xffff000000000000-0xffff000000400000           4M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL\n"));
    expect(clipSection(s, 0x100000n, 0x300000n).entries.map((e) => [e.start.toString(16), e.end.toString(16)])).toEqual([["ffff000000100000", "ffff000000300000"]]);
  });
});

describe("show ptdump with a loaded dump", () => {
  it("prints the difference against each loaded dump after the simulated dump, and run exits 1 on a failed match", () => {
    const { dir } = setup();
    const file = join(dir, "s.linmap");
    writeFileSync(file, `${base}load ptdump "edited.txt" as real\nexpect ptdump matches "edited.txt"\nshow ptdump\n`);
    const res = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "run", file], { cwd: root, encoding: "utf8" });
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/---\[ Linear Mapping end \]---\n\nptdump real \(edited\.txt\) against the simulation:\nreal: {6}real \(edited\.txt\) · 4K pages, 48-bit VA · \d+ lines · linear map from 0xffff000000000000\n/);
    expect(res.stdout).toContain("the maps differ: 1 line only in the real dump, 1 only in the simulation\n");
    expect(res.stdout).toContain(`FAIL ${file}:5:1: expect ptdump matches "edited.txt" (differs from edited.txt:`);
  });
  it("compares only the shown range for show ptdump RANGE", () => {
    const { dir } = setup();
    const file = join(dir, "s.linmap");
    writeFileSync(file, `${base}load ptdump "edited.txt" as real\nshow ptdump [0x4800_0000..0x4820_0000)\n`);
    const res = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "run", file], { cwd: root, encoding: "utf8" });
    expect([res.status, /the linear maps agree line for line \(\d+ lines?, offsets from the start of the linear map\)/.test(res.stdout)]).toEqual([0, true]);
  });
});
