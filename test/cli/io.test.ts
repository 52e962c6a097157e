// Input and output hygiene of the command line: stdin, BOM, escaped control characters,
// one clear line and exit 2 for every I/O failure, atomic writes, --json on failure,
// conflicting options, notebooks that are not nbformat 4, tslab notebooks skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "linmap-io-"));

function linmap(args: string[], input?: string) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
}

describe("input", () => {
  it("- reads the scenario from standard input", () => {
    const r = linmap(["check", "-"], "buffer b size 64K\n");
    expect([r.status, r.stdout]).toEqual([0, "1 file checked: 0 errors, 0 warnings\n"]);
  });

  it("a UTF-8 BOM is accepted", () => {
    const r = linmap(["check", "-"], "\ufeffbuffer b size 64K\n");
    expect([r.status, r.stdout]).toEqual([0, "1 file checked: 0 errors, 0 warnings\n"]);
  });

  it("control characters in the input are shown escaped, never raw", () => {
    const r = linmap(["check", "-"], "buffer b size 64K\x1b[31m\n");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("error SYNTAX-INVALID-CHARACTER: unexpected character '\\x1b'");
    expect(r.stdout).not.toContain("\x1b");
  });

  it("a long line is clipped in the excerpt", () => {
    const r = linmap(["check", "-"], `buffer b size 64K ${"x".repeat(5000)}\n`);
    expect(r.status).toBe(1);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThan(400);
  });

  it("after a hundred diagnostics the rest are summarised", () => {
    const text = Array.from({ length: 150 }, (_, i) => `buffer b${i} size 3K`).join("\n");
    const r = linmap(["check", "-"], `${text}\n`);
    expect(r.stdout.match(/error SIZE-MISALIGNED/g)?.length).toBe(100);
    expect(r.stdout).toContain("linmap: 50 more diagnostics not shown\n");
    expect(r.stdout).toContain("1 file checked: 150 errors, 0 warnings");
  });
});

describe("I/O failures: one line, exit 2, no stack trace", () => {
  it("a missing directory for --html", () => {
    const r = linmap(["run", "grammar/examples/valid/realm-its.linmap", "--html", join(tmp, "no", "such", "dir", "r.html")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`linmap: cannot write ${join(tmp, "no", "such", "dir", "r.html")}: no such file\n`);
  });

  it("fmt --write into a path that cannot be a file", () => {
    const file = join(tmp, "f.linmap");
    writeFileSync(file, "machine{granule 4K}\n");
    const r = linmap(["fmt", "--write", join(file, "inside.linmap")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^linmap: cannot read .*inside\.linmap: a component of the path is not a directory\n$/);
  });

  it("a bad connection file for the kernel", () => {
    const r = linmap(["kernel", "run", join(tmp, "nope.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`linmap: cannot use connection file ${join(tmp, "nope.json")}: no such file\n`);
  });

  it("a notebook that is not nbformat 4", () => {
    const nb = join(tmp, "old.ipynb");
    writeFileSync(nb, JSON.stringify({ nbformat: 3, worksheets: [] }));
    const r = linmap(["notebook", "run", nb]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`linmap: ${nb} is not a Jupyter notebook (nbformat 4): nbformat is 3, not 4\n`);
  });
});

describe("writes are atomic", () => {
  it("fmt --write replaces the file whole and leaves no temporary file", () => {
    const dir = mkdtempSync(join(tmpdir(), "linmap-fmt-"));
    const file = join(dir, "s.linmap");
    writeFileSync(file, "machine{granule 4K}\n");
    expect(linmap(["fmt", "--write", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe("machine {\n  granule 4K\n}\n");
    expect(readdirSync(dir)).toEqual(["s.linmap"]);
  });
});

describe("options", () => {
  it("--json on a scenario with errors prints a JSON object with the diagnostics", () => {
    const r = linmap(["run", "-", "--json"], "boot { online cpu 3..4 at smp_init }\n");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      diagnostics: [{ severity: "error", code: "CPU-UNDEFINED", message: "cpu 4 is not one of the default CPUs (0-3); declare it in a cpus block", source: "-", line: 1, column: 22 }],
    });
  });

  it("conflicting options are refused", () => {
    const r = linmap(["run", "grammar/examples/valid/realm-its.linmap", "--json", "--show", "calls"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: option '--json' cannot be used with option '--show <views>'\n");
    const w = linmap(["fmt", "-", "--write"], "buffer b size 64K\n");
    expect([w.status, w.stderr]).toEqual([2, "linmap: --write cannot be used with standard input (-)\n"]);
  });

  it("a closed pipe ends the output quietly", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" bin/linmap.js run grammar/examples/valid/realm-its.linmap --show trace | head -1`], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
  });
});

describe("notebook run", () => {
  it("skips tslab notebooks with a line and exit 0", () => {
    const r = linmap(["notebook", "run", "notebooks/library-tslab.ipynb"]);
    expect([r.status, r.stdout]).toEqual([0, "notebooks/library-tslab.ipynb: skipped: tslab notebook (run it with jupyter nbconvert --execute, or npm test)\n"]);
  });
});
