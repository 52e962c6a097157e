// `linmap run` and `linmap compare` as a user meets them: the built CLI, exit statuses,
// the JSON result against its schema, byte-identical output, and every bundled example.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { runScenarioText } from "../../src/index.js";

const root = join(import.meta.dirname, "..", "..");
const validDir = join(root, "grammar", "examples", "valid");
const examples = readdirSync(validDir).filter((f) => f.endsWith(".linmap")).sort();

function linmap(...args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8" });
}

describe("every bundled example", () => {
  it.each(examples)("%s runs with all its expectations met", (file) => {
    const o = runScenarioText(readFileSync(join(validDir, file), "utf8"), file);
    expect(o.kind).toBe("result");
    if (o.kind !== "result") return;
    expect(o.result.expectations.filter((e) => !e.passed)).toEqual([]);
  });
});

describe("linmap run FILE without commander (start-up, issue 10)", () => {
  // `run FILE` alone takes a shorter path than `run -- FILE`, which goes through commander.
  const some = (dir: string, n?: number) => readdirSync(join(root, "grammar", "examples", dir)).filter((f) => f.endsWith(".linmap")).sort().slice(0, n).map((f) => join("grammar", "examples", dir, f));
  const files = [...some("valid"), ...some("invalid", 6), ...some("warnings", 6)];
  it("runs from its bundle, which the build made from the current modules", () => {
    const bundle = statSync(join(root, "dist", "src", "cli", "run-bundle", "plain-run.js"));
    expect(bundle.mtimeMs).toBeGreaterThanOrEqual(statSync(join(root, "dist", "src", "cli", "plain-run.js")).mtimeMs);
  });

  it.each([...files, "no-such-file.linmap"])("%s: the same output and status as through commander", (file) => {
    const plain = linmap("run", file);
    const commander = linmap("run", "--", file);
    expect([plain.status, plain.stdout, plain.stderr]).toEqual([commander.status, commander.stdout, commander.stderr]);
  });
});

describe("linmap run", () => {
  it("prints the views, the expectations and exits 0 when they hold", () => {
    const r = linmap("run", "grammar/examples/valid/realm-its.linmap");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("linmap 0.1.0 · grammar/examples/valid/realm-its.linmap · v7.0 (policy b:");
    expect(r.stdout).toContain("PASS grammar/examples/valid/realm-its.linmap:24:1: expect its_alloc_pages_node its_prop == -EINVAL");
    expect(r.stdout).toContain("Failed to decrypt memory, 16 pages will be leaked");
  });

  it("exits 1 and says FAIL with the source position when an expectation fails", () => {
    const r = linmap("run", "grammar/examples/valid/realm-its.linmap", "--policy", "v7.1");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("FAIL grammar/examples/valid/realm-its.linmap:24:1: expect its_alloc_pages_node its_prop == -EINVAL (returns 0 (expected -EINVAL))");
  });

  it("exits 1 with the diagnostics on a scenario with errors, 2 on a missing file or a bad option", () => {
    const dir = mkdtempSync(join(tmpdir(), "linmap-"));
    const bad = join(dir, "bad.linmap");
    writeFileSync(bad, "boot { at init_IRQ: set_memory_decrypted nowhere }\n");
    const r = linmap("run", bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:1:42: error BUFFER-UNDEFINED: no buffer or vmalloc area named 'nowhere'`);
    expect(linmap("run", join(dir, "missing.linmap")).status).toBe(2);
    const v = linmap("run", "grammar/examples/valid/realm-its.linmap", "--policy", "v9.9");
    expect([v.status, v.stderr.trim()]).toEqual([2, "linmap: unknown kernel version 'v9.9' (see grammar/README.md for the list)"]);
    expect(linmap("run", "grammar/examples/valid/realm-its.linmap", "--show", "calls,bogus").status).toBe(2);
  });

  it("--show picks views; ptdump prints the exact header", () => {
    const r = linmap("run", "grammar/examples/valid/granule-64k.linmap", "--show", "ptdump");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[2]).toBe("---[ Linear Mapping start ]---");
  });

  it("--json matches the schema and is byte-identical from run to run", () => {
    const a = linmap("run", "grammar/examples/valid/realm-its.linmap", "--json");
    const b = linmap("run", "grammar/examples/valid/realm-its.linmap", "--json");
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, "schema", "result.schema.json"), "utf8")));
    const valid = validate(json);
    expect(valid ? [] : validate.errors).toEqual([]);
    expect(json.calls.find((c: { call: string }) => c.call === "its_alloc_pages_node")).toMatchObject({ rcName: "-EINVAL", warns: 1, target: "its_prop", range: { start: "0x182340000", end: "0x182350000" } });
    expect(json.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe("linmap compare", () => {
  it("puts each kernel's outcome side by side and diffs the final maps", () => {
    const r = linmap("compare", "grammar/examples/valid/realm-its.linmap", "--policies", "v7.0,v7.1");
    expect(r.status).toBe(0);
    const row = r.stdout.split("\n").find((l) => l.startsWith("its_alloc_pages_node its_prop"));
    expect(row?.replace(/\s+/g, " ")).toBe("its_alloc_pages_node its_prop -EINVAL at init_IRQ, 1 WARN, 0 pages 0 at init_IRQ, 0 WARN, 2 pages");
    expect(r.stdout).toContain("--- v7.0\n+++ v7.1");
  });

  it("needs two kernels", () => {
    const r = linmap("compare", "grammar/examples/valid/granule-16k.linmap");
    expect(r.status).toBe(2);
  });
});

describe("policies defined in a scenario, from the command line", () => {
  it("--policy and compare --policies accept a scenario's policy; an unknown name exits 2", () => {
    const file = "grammar/examples/valid/policy-revision.linmap";
    const run = linmap("run", file, "--policy", "fix-v3", "--show", "calls");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("· fix-v3 (policy d: defined in the scenario from v7.1: window2 off, swiotlb_update arch_mm_preinit) ·");
    const cmp = linmap("compare", file, "--policies", "v7.1,fix-v3");
    expect(cmp.status).toBe(0);
    expect(cmp.stdout).toMatch(/swiotlb_update_mem_attributes .* 0 at mem_init, 0 WARN, 1 pages +-EBUSY at arch_mm_preinit, 3 WARN, 0 pages/);
    const bad = linmap("run", file, "--policy", "fix-v4");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("linmap: unknown kernel version 'fix-v4' (see grammar/README.md for the list)\n");
  });
});

describe("machine-readable comparisons and ptdump entries", () => {
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addSchema(JSON.parse(readFileSync(join(root, "schema", "result.schema.json"), "utf8")));
  const validateCompare = ajv.compile(JSON.parse(readFileSync(join(root, "schema", "compare.schema.json"), "utf8")));

  it("compare --json validates, is byte-identical from run to run, and carries each kernel's full result", () => {
    const a = linmap("compare", "grammar/examples/valid/realm-its.linmap", "--json");
    const b = linmap("compare", "grammar/examples/valid/realm-its.linmap", "--json");
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(validateCompare(doc), JSON.stringify(validateCompare.errors)).toBe(true);
    expect(doc.versions).toEqual(["v7.0", "v7.1"]);
    const its = doc.calls.find((c: { key: string }) => c.key === "its_alloc_pages_node its_prop");
    expect(its.outcomes.map((o: { rcName: string; step: string }) => `${o.rcName} at ${o.step}`)).toEqual(["-EINVAL at init_IRQ", "0 at init_IRQ"]);
    // The kernel's own swiotlb call moved between steps is still one row.
    const swiotlb = doc.calls.filter((c: { call: string }) => c.call === "swiotlb_update_mem_attributes");
    expect(swiotlb).toHaveLength(1);
    expect(swiotlb[0].outcomes.map((o: { step: string }) => o.step)).toEqual(["arch_mm_preinit", "mem_init"]);
    expect(doc.results[1].ptdump).toEqual(JSON.parse(linmap("run", "grammar/examples/valid/realm-its.linmap", "--policy", "v7.1", "--json").stdout).ptdump);
  });

  it("ptdump entries say what each printed line says", () => {
    const r = JSON.parse(linmap("run", "grammar/examples/valid/realm-its.linmap", "--policy", "v7.1", "--json").stdout);
    expect(r.ptdumpEntries).toHaveLength(r.ptdump.length - 2);
    const alias = r.ptdumpEntries.find((e: { pa: { start: string } }) => e.pa.start === "0x80200000");
    expect(alias).toEqual({
      start: "0xffff000000200000", end: "0xffff000001a00000", pa: { start: "0x80200000", end: "0x81a00000" }, level: "PMD", size: "24M", hole: false,
      attributes: ["ro", "NX", "SHD", "AF", "BLK", "UXN", "MEM/NORMAL"], valid: true, readOnly: true, contiguous: false, block: true, nonGlobal: false, memoryType: "MEM/NORMAL",
    });
    const hole = r.ptdumpEntries[r.ptdumpEntries.length - 1];
    expect([hole.level, hole.hole, hole.valid, hole.attributes]).toEqual(["PGD", true, false, []]);
  });
});

describe("linmap sweep", () => {
  const ajv = new Ajv2020({ allErrors: true });
  ajv.addSchema(JSON.parse(readFileSync(join(root, "schema", "result.schema.json"), "utf8")));
  const validateSweep = ajv.compile(JSON.parse(readFileSync(join(root, "schema", "sweep.schema.json"), "utf8")));
  const validateCompare = ajv.compile(JSON.parse(readFileSync(join(root, "schema", "compare.schema.json"), "utf8")));
  const dir = mkdtempSync(join(tmpdir(), "linmap-sweep-"));
  const base = `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version v7.0; cmdline "rodata=on"; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }
`;

  it("--json is one document: each point's full result or why it is invalid, and one row per call across the points", () => {
    const file = join(dir, "policy.linmap");
    writeFileSync(file, `${base}sweep policy v6.17, v7.1 by rodata on, noalias\n`);
    const a = linmap("sweep", file, "--json");
    expect(a.status).toBe(0);
    expect(linmap("sweep", file, "--json").stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(validateSweep(doc), JSON.stringify(validateSweep.errors)).toBe(true);
    expect(doc.text).toBe("sweep policy v6.17, v7.1 by rodata on, noalias");
    // rodata=noalias is v6.18's: the v6.17 point is invalid and says why.
    expect(doc.points.map((p: { label: string; problem?: string }) => [p.label, p.problem?.split(":")[0] ?? "result"])).toEqual([
      ["v6.17, rodata on", "result"],
      ["v6.17, rodata noalias", expect.stringMatching(/^[A-Z-]+$/)],
      ["v7.1, rodata on", "result"],
      ["v7.1, rodata noalias", "result"],
    ]);
    const its = doc.calls.find((c: { key: string }) => c.key === "its_alloc_pages_node its_prop");
    expect(its.outcomes.map((o: { rcName: string } | null) => o?.rcName ?? null)).toEqual(["-EINVAL", null, "0", "-EINVAL"]);
    // The point's result is `run --json`'s for that kernel.
    const v71 = JSON.parse(linmap("run", file, "--policy", "v7.1", "--json").stdout);
    expect(doc.points[2].result.provenance.version).toBe("v7.1");
    expect(doc.points[2].result.ptdump).toEqual(v71.ptdump);
    expect(doc.points[2].result.calls.map((c: { rcName: string }) => c.rcName)).toEqual(v71.calls.map((c: { rcName: string }) => c.rcName));
  });

  it("past 1000 points prints the points grouped by outcome, and --json refuses with exit 2 naming the stream", () => {
    const file = join(dir, "range.linmap");
    writeFileSync(file, `${base}sweep its_prop at 0x1_0000_0000..0x1_0440_0000 step 64K by policy v7.0\n`);
    const table = linmap("sweep", file);
    expect(table.status).toBe(0);
    expect(table.stdout.split("\n").slice(0, 3)).toEqual([
      "sweep its_prop at 0x1_0000_0000..0x1_0440_0000 step 64K by policy v7.0:",
      "more than 1000 points: grouped by outcome (each point: linmap sweep FILE --format jsonl)",
      "1088 points, 1 outcome:",
    ]);
    expect(table.stdout).toMatch(/its_alloc_pages_node its_prop -EINVAL; 3 WARNs +1088 +0 +1087/);
    const json = linmap("sweep", file, "--json");
    expect([json.status, json.stdout, json.stderr]).toEqual([2, "", "linmap: this sweep has 1088 points; one JSON document holds at most 1000: stream the points with --format jsonl\n"]);
  });

  it("--json with --format is refused, and a scenario without a sweep says so", () => {
    const file = join(dir, "none.linmap");
    writeFileSync(file, base);
    const both = linmap("sweep", file, "--json", "--format", "csv");
    expect([both.status, both.stderr]).toEqual([2, "error: option '--json' cannot be used with option '--format <format>'\n"]);
    const none = linmap("sweep", file);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("sweep");
  });

  it("compare --json names the kernels the scenario is invalid for, as the text does", () => {
    const file = join(dir, "noalias.linmap");
    writeFileSync(file, base.replace('cmdline "rodata=on"', 'cmdline "rodata=noalias"').replace("version v7.0", "version v7.1"));
    const r = linmap("compare", file, "--policies", "v6.17,v7.1", "--json");
    const doc = JSON.parse(r.stdout);
    expect(validateCompare(doc), JSON.stringify(validateCompare.errors)).toBe(true);
    expect(doc.versions).toEqual(["v7.1"]);
    expect(doc.refused).toHaveLength(1);
    expect(doc.refused[0].version).toBe("v6.17");
    const text = linmap("compare", file, "--policies", "v6.17,v7.1").stdout;
    expect(text).toContain(`v6.17: not run: ${doc.refused[0].problem}`);
  });
});
