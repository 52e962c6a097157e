// `linmap test`: the bundled catalogues against their committed expected outcomes, and a
// catalogue made here to see a changed outcome, a missing one, --update, --json and shards.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function linmap(...args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8" });
}

describe("the bundled catalogues", () => {
  it.each(["grammar/examples/valid", "test/catalog"])("%s: every expectation holds and every outcome is the committed one", (dir) => {
    const r = linmap("test", dir, "--jobs", "2");
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/\n\d+ scenarios, \d+ runs: 0 with failed expectations or errors, 0 with changed outcomes, 0 without expected outcomes\n$/);
    expect(r.status).toBe(0);
  });
});

const SCENARIO = `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version v7.0; cmdline "rodata=on"; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }
expect its_alloc_pages_node its_prop == -EINVAL
compare v7.0, v7.1
`;

function catalogue(): string {
  const dir = mkdtempSync(join(tmpdir(), "linmap-catalog-"));
  writeFileSync(join(dir, "its.linmap"), SCENARIO);
  copyFileSync(join(root, "grammar/examples/valid/granule-64k.linmap"), join(dir, "granule-64k.linmap"));
  copyFileSync(join(root, "grammar/examples/valid/granule-64k.expected"), join(dir, "granule-64k.expected"));
  return dir;
}

describe("linmap test", () => {
  it("says which outcomes are not recorded, records them with --update, then passes", () => {
    const dir = catalogue();
    const first = linmap("test", dir, "--jobs", "1");
    expect(first.status).toBe(1);
    expect(first.stdout).toBe(
      [
        "scenario            v7.0        v7.1        outcomes",
        "granule-64k.linmap              pass 3/3 *  same",
        "its.linmap          pass 1/1 *  FAIL 6:1    MISSING",
        "",
        "* the scenario's own kernel: its expectations must hold there; elsewhere they are recorded as outcomes",
        "",
        `${join(dir, "its.linmap")}: no expected outcomes (run linmap test --update to record them)`,
        "",
        "2 scenarios, 3 runs: 0 with failed expectations or errors, 0 with changed outcomes, 1 without expected outcomes",
        "",
      ].join("\n"),
    );
    const update = linmap("test", dir, "--update");
    expect([update.status, update.stderr]).toEqual([0, "linmap: rewrote 1 expected-outcome file\n"]);
    expect(readFileSync(join(dir, "its.expected"), "utf8")).toBe(
      [
        "# linmap test: the outcome of each call of its.linmap under each kernel",
        "# compared by `linmap test DIR`; rewritten by `linmap test DIR --update`",
        "# scenario sha256 25b6cb2f75d16efa · linmap 0.1.0",
        "",
        "v7.0: expectations 1/1 passed",
        "  swiotlb_update_mem_attributes swiotlb pool [0xfc000000..0x100000000) at arch_mm_preinit cpu 0: rc=-EINVAL warns=2 splits=- pt_pages=0 flushes=1 invalid=0",
        "  its_alloc_pages_node its_prop [0x182340000..0x182350000) at init_IRQ cpu 0: rc=-EINVAL warns=1 splits=- pt_pages=0 flushes=1 invalid=0",
        "v7.1: expectations 0/1 passed, first failure 6:1 expect its_alloc_pages_node its_prop == -EINVAL (returns 0 (expected -EINVAL))",
        "  swiotlb_update_mem_attributes swiotlb pool [0xfc000000..0x100000000) at mem_init cpu 0: rc=0 warns=0 splits=split_pud pt_pages=buddy:1 flushes=1 invalid=0",
        "  its_alloc_pages_node its_prop [0x182340000..0x182350000) at init_IRQ cpu 0: rc=0 warns=0 splits=split_pud+split_contpmd+split_pmd pt_pages=buddy:2 flushes=1 invalid=0",
        "",
      ].join("\n"),
    );
    expect(linmap("test", dir).status).toBe(0);
  });

  it("exits 1 and prints the changed outcome as a diff; a failed expectation under the own kernel says where", () => {
    const dir = catalogue();
    linmap("test", dir, "--update");
    // The table moves to another 64K of the same 2M block: the same return codes, another range.
    writeFileSync(join(dir, "its.linmap"), SCENARIO.replace("0x1_8234_0000", "0x1_8220_0000"));
    const r = linmap("test", dir);
    expect(r.status).toBe(1);
    const text = r.stdout.slice(r.stdout.indexOf(join(dir, "its.linmap")));
    expect(text.split("\n").slice(0, 3)).toEqual([
      `${join(dir, "its.linmap")}: outcomes changed (- expected, + now):`,
      "@@ -2,5 +2,5 @@",
      "   swiotlb_update_mem_attributes swiotlb pool [0xfc000000..0x100000000) at arch_mm_preinit cpu 0: rc=-EINVAL warns=2 splits=- pt_pages=0 flushes=1 invalid=0",
    ]);
    expect(text).toContain("-  its_alloc_pages_node its_prop [0x182340000..0x182350000) at init_IRQ cpu 0: rc=-EINVAL warns=1");
    expect(text).toContain("+  its_alloc_pages_node its_prop [0x182200000..0x182210000) at init_IRQ cpu 0: rc=-EINVAL warns=1");
    writeFileSync(join(dir, "its.linmap"), SCENARIO.replace("== -EINVAL", "== 0"));
    const f = linmap("test", dir, "--policies", "v7.0");
    expect(f.status).toBe(1);
    expect(f.stdout).toContain(`${join(dir, "its.linmap")} under v7.0: 6:1 expect its_alloc_pages_node its_prop == 0 (returns -EINVAL (expected 0))`);
  });

  it("--json for CI, the same whatever the jobs, and shards merged equal to the whole run", () => {
    const dir = catalogue();
    linmap("test", dir, "--update");
    const one = linmap("test", dir, "--json", "--jobs", "1");
    const two = linmap("test", dir, "--json", "--jobs", "2");
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(one.stdout);
    expect([report.kind, report.kernels, report.summary]).toEqual(["catalog", ["v7.0", "v7.1"], { scenarios: 2, runs: 3, failed: 0, changed: 0, missing: 0 }]);
    expect(report.rows[1].cells[1]).toEqual({ kernel: "v7.1", status: "fail", passed: 0, total: 1, failure: "6:1 expect its_alloc_pages_node its_prop == -EINVAL", actual: "returns 0 (expected -EINVAL)" });
    const shards = ["1/2", "2/2"].map((s, i) => {
      const out = join(dir, `shard-${i + 1}.json`);
      writeFileSync(out, linmap("test", dir, "--json", "--shard", s).stdout);
      return out;
    });
    const merged = linmap("merge", shards[1]!, shards[0]!);
    expect([merged.status, merged.stderr]).toEqual([0, ""]);
    expect(merged.stdout).toBe(one.stdout);
  });

  it("a policy a scenario defines is a column like a release, in --policies too", () => {
    const dir = mkdtempSync(join(tmpdir(), "linmap-catalog-"));
    copyFileSync(join(root, "grammar/examples/valid/policy-revision.linmap"), join(dir, "policy-revision.linmap"));
    writeFileSync(join(dir, "its.linmap"), SCENARIO);
    const r = linmap("test", dir, "--policies", "v7.1,fix-v3", "--json", "--update");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.kernels).toEqual(["v7.1", "fix-v3"]);
    expect(report.rows.map((row: { cells: { kernel: string; status: string; error?: string }[] }) => row.cells.map((c) => `${c.kernel} ${c.status}${c.error ? ` ${c.error}` : ""}`))).toEqual([
      ["v7.1 fail", "fix-v3 error VERSION-UNKNOWN 3:18: unknown kernel version 'fix-v3'; did you mean 'fix-v1'?"],
      ["v7.1 fail", "fix-v3 pass"],
    ]);
  });

  it("bad input: exit 2 with one line", () => {
    const dir = catalogue();
    const bad = linmap("test", dir, "--policies", "v7.0,v9.9");
    expect([bad.status, bad.stderr]).toEqual([2, "linmap: unknown kernel version 'v9.9' (see grammar/README.md for the list)\n"]);
    expect([linmap("test", join(dir, "nowhere")).status, linmap("test", join(dir, "nowhere")).stderr]).toEqual([2, `linmap: cannot read ${join(dir, "nowhere")}: no such file\n`]);
    expect(linmap("test", join(dir, "its.linmap")).stderr).toBe(`linmap: ${join(dir, "its.linmap")} is not a directory of scenarios\n`);
    expect(linmap("test", dir, "--shard", "3/2").stderr).toBe("linmap: --shard takes I/N, the I-th of N slices with 1 <= I <= N (got '3/2')\n");
  });
});
