// One result in every face: for every bundled example and every real-dump scenario, the
// CLI's --json and the library's run() agree on calls, return codes, page counts, ptdump
// lines and notes, and the CLI's text ptdump is the JSON's.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, renderPtdump } from "../../src/index.js";

const root = join(import.meta.dirname, "..", "..");
const scenarios = [
  ...readdirSync(join(root, "grammar/examples/valid")).filter((f) => f.endsWith(".linmap")).map((f) => `grammar/examples/valid/${f}`),
  ...readdirSync(join(root, "test/realdata")).filter((f) => f.endsWith(".linmap")).map((f) => `test/realdata/${f}`),
].sort();

function linmap(...args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 });
}

describe("the CLI and the library show one result", () => {
  it.each(scenarios)("%s", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    const lib = run(text, { source: file });
    const cli = JSON.parse(linmap("run", file, "--json").stdout);
    expect(cli.calls.map((c: { call: string; target: string; rc: number; step: string }) => [c.call, c.target, c.step, c.rc])).toEqual(
      lib.calls.map((c) => [c.call, c.label, c.step, c.rc]),
    );
    expect(cli.calls.map((c: { pagetablePages: { memblock: number; buddy: number; atomic: number } }) => c.pagetablePages)).toEqual(
      lib.calls.map((c) => ({ memblock: Number(c.pagetablePages.memblock), buddy: Number(c.pagetablePages.buddy), atomic: Number(c.pagetablePages.atomic) })),
    );
    expect(cli.stats.pagetablePages).toBe(Number(lib.stats.pagetablePages));
    const dump = renderPtdump(lib.finalMap, lib.geometry, { hideInvalidBlocks: lib.ptdumpHidesInvalidBlocks });
    expect(cli.ptdump).toEqual(dump);
    expect(cli.notes).toEqual(lib.notes);
    expect(cli.log).toEqual(lib.log);
    // The text face prints the same ptdump lines.
    const textOut = linmap("run", file, "--show", "ptdump").stdout.split("\n");
    const start = textOut.indexOf("---[ Linear Mapping start ]---");
    expect(textOut.slice(start, start + dump.length)).toEqual(dump);
    for (const n of lib.notes) expect(textOut).toContain(`  - ${n}`);
  });
});
