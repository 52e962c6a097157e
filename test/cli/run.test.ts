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
