// Range sweeps streamed one record per point: the exact records and summary, the same
// output for one job or two, shards merged into exactly the whole run (also through the
// GNU parallel example), and merge refusing shard sets that are not one run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureParallel } from "../../scripts/debian-tools.mjs";
import { describe, expect, it } from "vitest";
import { analyzeScenario, formatScenario, type SweepItem } from "../../src/lang/index.js";
import { sweepPointAt, sweepSpace } from "../../src/compile/sweep.js";

const root = join(import.meta.dirname, "..", "..");

function linmap(...args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8" });
}

const ITS = `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version v7.0; cmdline "rodata=on"; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }
expect its_alloc_pages_node its_prop == -EINVAL
`;

function scenario(sweep: string): string {
  const dir = mkdtempSync(join(tmpdir(), "linmap-sweep-"));
  const file = join(dir, "its.linmap");
  writeFileSync(file, `${ITS}${sweep}\n`);
  return file;
}

describe("sweep ranges in the language", () => {
  it("decodes any point of a million-point space without listing the others", () => {
    const { ast, diagnostics } = analyzeScenario(`${ITS}sweep its_prop at 0x1_0000_0000..0x1_F424_0000 step 4K by policy v7.0, v7.1`, "s.linmap");
    expect(diagnostics).toEqual([]);
    const space = sweepSpace(ast.items.find((i): i is SweepItem => i.kind === "sweep")!);
    expect(space.total).toBe(2_000_000);
    expect(sweepPointAt(space, 1_999_999)).toEqual([{ axis: "its_prop at", value: "0x1f423f000" }, { axis: "policy", value: "v7.1" }]);
    expect(sweepPointAt(space, 2)).toEqual([{ axis: "its_prop at", value: "0x100001000" }, { axis: "policy", value: "v7.0" }]);
  });

  it("formats a range back as written; an empty range, a bad step and a range of a list axis are SWEEP-RANGE-INVALID", () => {
    const text = `${ITS}sweep its_prop at 0x1_0000_0000..0x2_0000_0000 step 2M by its_prop size 64K..2M step 64K\n`;
    expect(formatScenario(analyzeScenario(text, "s").ast).split("\n").at(-2)).toBe("sweep its_prop at 0x1_0000_0000..0x2_0000_0000 step 2M by its_prop size 64K..2M step 64K");
    const messages = (sweep: string) => analyzeScenario(`${ITS}${sweep}`, "s").diagnostics.map((d) => `${d.code}: ${d.message}`);
    expect(messages("sweep its_prop at 0x2_0000_0000..0x1_0000_0000 step 2M")).toEqual(["SWEEP-RANGE-INVALID: the range of sweep axis 'its_prop at' [0x200000000..0x100000000) is empty"]);
    expect(messages("sweep its_prop size 64K..1M step 0")).toEqual(["SWEEP-RANGE-INVALID: the range of sweep axis 'its_prop size' steps by 0, not a whole number of 4K pages"]);
    expect(messages("sweep granule 4K..64K step 4K")).toEqual(["SWEEP-RANGE-INVALID: the range of sweep axis 'granule' takes a list of values, not a range (ranges sweep BUFFER at or BUFFER size)"]);
    expect(messages("sweep its_prop size 6K, 64K")).toEqual(["SIZE-MISALIGNED: buffer 'its_prop' size 6K is not a multiple of the 4K page size (4K)"]);
  });
});

describe("linmap run --format", () => {
  it("streams a header, one record per point and the summary; an invalid point says why", () => {
    const file = scenario("sweep its_prop at 0x1_8000_0000..0x1_8040_0000 step 2M by its_prop size 64K, 6M by policy v7.0, v7.1");
    const r = linmap("run", file, "--format", "jsonl", "--jobs", "1");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const lines = r.stdout.split("\n");
    expect(lines.length).toBe(2 + 8 + 1);
    expect(JSON.parse(lines[0]!)).toEqual({
      kind: "sweep", linmap: "0.1.0", scenario: file, sha256: expect.stringMatching(/^[0-9a-f]{16}$/), sweep: 1,
      text: "sweep its_prop at 0x1_8000_0000..0x1_8040_0000 step 2M by its_prop size 64K, 6M by policy v7.0, v7.1",
      axes: [{ name: "its_prop at", values: 2 }, { name: "its_prop size", values: 2 }, { name: "policy", values: 2 }], points: 8,
    });
    expect(lines[1]).toBe(
      '{"point":0,"values":{"its_prop at":"0x180000000","its_prop size":"64K","policy":"v7.0"},"outcome":"swiotlb_update_mem_attributes swiotlb pool -EINVAL, its_alloc_pages_node its_prop -EINVAL; 3 WARNs; expectations 1/1",' +
        '"calls":["swiotlb_update_mem_attributes swiotlb pool [0xfc000000..0x100000000) at arch_mm_preinit cpu 0: rc=-EINVAL warns=2 splits=- pt_pages=0 flushes=1 invalid=0",' +
        '"its_alloc_pages_node its_prop [0x180000000..0x180010000) at init_IRQ cpu 0: rc=-EINVAL warns=1 splits=- pt_pages=0 flushes=1 invalid=0"],"warns":3,"pt_pages":2,"expectations":"1/1"}',
    );
    // Every point is checked and simulated: v7.0 fails the decrypt whatever the placement and size, v7.1 splits.
    const records = lines.slice(1, 9).map((l) => JSON.parse(l) as { point: number; outcome: string });
    expect(records.map((x) => x.point)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(JSON.parse(lines[9]!)).toEqual({
      kind: "summary", points: 8,
      outcomes: [
        { outcome: "swiotlb_update_mem_attributes swiotlb pool -EINVAL, its_alloc_pages_node its_prop -EINVAL; 3 WARNs; expectations 1/1", points: 4, first: 0, last: 6 },
        { outcome: "swiotlb_update_mem_attributes swiotlb pool 0, its_alloc_pages_node its_prop 0; 0 WARNs; expectations 0/1", points: 4, first: 1, last: 7 },
      ],
    });
  });

  it("a point the checker rejects is a record with the diagnostic", () => {
    const file = scenario("sweep its_prop at 0x1_FFFF_0000..0x2_0001_0000 step 64K");
    const lines = linmap("run", file, "--format", "jsonl", "--jobs", "1").stdout.split("\n");
    expect(JSON.parse(lines[2]!)).toEqual({
      point: 1, values: { "its_prop at": "0x200000000" }, outcome: "invalid: BUFFER-OUTSIDE-MEMORY",
      problem: expect.stringMatching(/^BUFFER-OUTSIDE-MEMORY: buffer 'its_prop' \[0x200000000\.\.0x200010000\) /),
    });
  });

  it("gives byte-identical output with one job and two, and as CSV with the summary on stderr", () => {
    const file = scenario("sweep its_prop at 0x1_8000_0000..0x1_8100_0000 step 2M by policy v7.0, v7.1");
    const one = linmap("run", file, "--format", "jsonl", "--jobs", "1");
    const two = linmap("run", file, "--format", "jsonl", "--jobs", "2");
    expect(one.stdout.split("\n").length).toBe(2 + 16 + 1);
    expect(two.stdout).toBe(one.stdout);
    const csv1 = linmap("run", file, "--format", "csv", "--jobs", "1");
    const csv2 = linmap("run", file, "--format", "csv", "--jobs", "2");
    expect(csv2.stdout).toBe(csv1.stdout);
    expect(csv1.stdout.split("\n").slice(0, 2)).toEqual([
      "point,its_prop at,policy,outcome,warns,pt_pages,expectations,problem",
      '0,0x180000000,v7.0,"swiotlb_update_mem_attributes swiotlb pool -EINVAL, its_alloc_pages_node its_prop -EINVAL; 3 WARNs; expectations 1/1",3,2,1/1,',
    ]);
    expect(csv1.stderr.split("\n")[0]).toBe("16 points, 2 outcomes:");
  });

  it("shards merged in any order are exactly the whole run, as JSON Lines and as CSV", () => {
    const file = scenario("sweep its_prop at 0x1_8000_0000..0x1_8100_0000 step 2M by policy v7.0, v7.1");
    const whole = linmap("run", file, "--format", "jsonl", "--jobs", "1").stdout;
    const shards = ["1/3", "2/3", "3/3"].map((s, i) => {
      const out = `${file}.shard-${i + 1}.jsonl`;
      writeFileSync(out, linmap("run", file, "--format", "jsonl", "--jobs", "1", "--shard", s).stdout);
      return out;
    });
    expect(JSON.parse(readFileSync(shards[1]!, "utf8").split("\n")[0]!)).toMatchObject({ points: 16, shard: "2/3", first: 5, end: 10 });
    const merged = linmap("merge", shards[2]!, shards[0]!, shards[1]!);
    expect([merged.status, merged.stderr]).toEqual([0, ""]);
    expect(merged.stdout).toBe(whole);
    const csv = linmap("merge", "--format", "csv", ...shards);
    expect(csv.stdout).toBe(linmap("run", file, "--format", "csv", "--jobs", "1").stdout);
  });

  it("merge refuses what is not one run's shards, each once and whole", () => {
    const file = scenario("sweep its_prop at 0x1_8000_0000..0x1_8100_0000 step 2M");
    const shard = (s: string) => {
      const out = `${file}.${s.replace("/", "of")}.jsonl`;
      writeFileSync(out, linmap("run", file, "--format", "jsonl", "--shard", s).stdout);
      return out;
    };
    const [a, b, c] = [shard("1/3"), shard("2/3"), shard("3/3")];
    const whole = `${file}.jsonl`;
    writeFileSync(whole, linmap("run", file, "--format", "jsonl").stdout);
    const err = (...files: string[]) => {
      const r = linmap("merge", ...files);
      return [r.status, r.stderr];
    };
    expect(err(a, c)).toEqual([2, "linmap: shard 2/3 missing\n"]);
    expect(err(a, b, b, c)).toEqual([2, `linmap: shard 2/3 is given twice (${b} and ${b})\n`]);
    expect(err(whole)).toEqual([2, `linmap: ${whole} is not the output of a shard (no 'shard' in its header line)\n`]);
    const cut = `${file}.cut.jsonl`;
    writeFileSync(cut, readFileSync(b, "utf8").split("\n").slice(0, 2).join("\n"));
    expect(err(a, cut, c)).toEqual([2, `linmap: ${cut} is incomplete: 1 of its 3 records\n`]);
    expect(linmap("run", file, "--format", "csv", "--shard", "1/2").stderr).toBe("linmap: shards are written as JSON Lines (--format jsonl); linmap merge --format csv joins them into CSV\n");
    expect(linmap("run", file, "--format", "xml").stderr).toBe("linmap: unknown format 'xml' (formats: jsonl, csv)\n");
    expect(linmap("run", file, "--sweep", "2").stderr).toBe(`linmap: ${file} has no sweep 2 (it has 1)\n`);
  });
});

describe("a reader that stops early", () => {
  it("ends the stream quietly (| head)", () => {
    const file = scenario("sweep its_prop at 0x1_0000_0000..0x2_0000_0000 step 2M by policy v7.0, v7.1");
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${join(root, "bin", "linmap.js")}" run "${file}" --format jsonl --jobs 2 | head -n 2; echo "status ${"$"}{PIPESTATUS[0]}"`], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(1)).toEqual([expect.stringMatching(/^\{"point":0,/), "status 0", ""]);
  });
});

describe("docs/sharding", () => {
  it("parallel.sh spreads a sweep over GNU parallel and merges it into the whole run", () => {
    const file = scenario("sweep its_prop at 0x1_8000_0000..0x1_8100_0000 step 2M by policy v7.0, v7.1");
    const out = `${file}.parallel.jsonl`;
    // GNU parallel from Debian, installed when missing (vitest may run without the test command).
    expect(ensureParallel()).toBeUndefined();
    const r = spawnSync("sh", [join(root, "docs/sharding/parallel.sh"), file, "3", out], {
      cwd: root, encoding: "utf8", env: { ...process.env, LINMAP: `${process.execPath} ${join(root, "bin", "linmap.js")}` },
    });
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(readFileSync(out, "utf8")).toBe(linmap("run", file, "--format", "jsonl", "--jobs", "1").stdout);
  });

  it("the Slurm and Kubernetes examples are sound and run the same commands", () => {
    expect(spawnSync("bash", ["-n", join(root, "docs/sharding/slurm.sh")]).status).toBe(0);
    const command = /linmap run \S+ --format jsonl --jobs \S+ --shard \S+\/\S+ > \S+shard-\S+\.jsonl/;
    const merge = /linmap merge \S*shard-\*\.jsonl > \S+/;
    for (const f of ["parallel.sh", "slurm.sh", "k8s-job.yaml"]) {
      const text = readFileSync(join(root, "docs/sharding", f), "utf8").replace(/\$linmap/g, "linmap").replace(/"/g, "");
      expect(text, f).toMatch(command);
      expect(text, f).toMatch(merge);
    }
    const yaml = readFileSync(join(root, "docs/sharding/k8s-job.yaml"), "utf8");
    expect(yaml).toContain("completionMode: Indexed");
    expect(yaml).not.toMatch(/\t/);
  });
});
