// The diff's report, exactly, on fixed inputs (a real dump against itself and against an
// edited copy), and `linmap diff ptdump` end to end on a simulated dump: against itself it
// agrees (exit 0); edited, it differs (exit 1) with the report the library renders.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linearSection, parsePtdump } from "../../src/ptdump/parse.js";
import { diffDumps, diffJson, renderDiff } from "../../src/ptdump/diff.js";
import { simulatedSection } from "../../src/ptdump/simulated.js";
import { runScenarioText } from "../../src/index.js";

const root = join(import.meta.dirname, "..", "..");
const dump03 = readFileSync(join(root, "test", "fixtures", "realdata", "03_ptdump_qemu_1g_rodata_full_kpti.txt"), "utf8");
const real = linearSection(parsePtdump(dump03));

const TOTALS = `bytes mapped per leaf size:
leaf                  real  simulated
1G PUD                -     -
32M PMD CON           -     -
2M PMD                32M   32M
64K PTE CON           -     -
4K PTE                992M  992M
of which invalid (F)  -     -
total mapped          1G    1G

page-table pages the lines imply (below the root table):
page tables  real         simulated
PUD tables   1            1
PMD tables   1            1
PTE tables   496          496
total        498 (1992K)  498 (1992K)
`;

describe("the report", () => {
  it("says the maps agree when every line matches, with the totals side by side", () => {
    const d = diffDumps({ role: "real", name: "03.txt", section: real }, { role: "simulated", name: "same.linmap (v7.1)", section: real });
    expect(d.agree).toBe(true);
    expect(renderDiff(d)).toBe(`real:      03.txt · 4K pages, 48-bit VA · 8 lines · linear map from 0xffff000000000000
simulated: same.linmap (v7.1) · 4K pages, 48-bit VA · 8 lines · linear map from 0xffff000000000000

notes:
  - real: read as 4K pages, 48-bit VA, linear map from 0xffff000000000000
  - simulated: read as 4K pages, 48-bit VA, linear map from 0xffff000000000000

the linear maps agree line for line (8 lines, offsets from the start of the linear map)

${TOTALS}
the maps agree
`);
  });

  it("gives the differing lines as a unified diff by offset when they do not", () => {
    const edited = dump03.replace(
      /0xffff0000022c0000-0xffff000003a00000.*\n.*\n0xffff000003c00000-0xffff000040000000.*\n/,
      "0xffff0000022c0000-0xffff000040000000     1012992K PTE       RW NX SHD AF NG         UXN    MEM/NORMAL-TAGGED\n",
    );
    const sim = linearSection(parsePtdump(edited));
    const d = diffDumps({ role: "real", name: "03.txt", section: real }, { role: "simulated", name: "qemu.linmap (v7.1)", section: sim });
    expect([d.agree, d.onlyReal, d.onlySimulated]).toEqual([false, 3, 1]);
    expect(renderDiff(d)).toBe(`real:      03.txt · 4K pages, 48-bit VA · 8 lines · linear map from 0xffff000000000000
simulated: qemu.linmap (v7.1) · 4K pages, 48-bit VA · 6 lines · linear map from 0xffff000000000000

notes:
  - real: read as 4K pages, 48-bit VA, linear map from 0xffff000000000000
  - simulated: read as 4K pages, 48-bit VA, linear map from 0xffff000000000000

lines that differ (offsets from the start of the linear map):
--- real 03.txt
+++ simulated qemu.linmap (v7.1)
@@ -1,8 +1,6 @@
 0x000000000000-0x000000200000           2M PTE       RW NX SHD AF NG         UXN    MEM/NORMAL-TAGGED
 0x000000200000-0x000002200000          32M PMD       ro NX SHD AF NG     BLK UXN    MEM/NORMAL
 0x000002200000-0x0000022c0000         768K PTE       ro NX SHD AF NG         UXN    MEM/NORMAL
-0x0000022c0000-0x000003a00000       23808K PTE       RW NX SHD AF NG         UXN    MEM/NORMAL-TAGGED
-0x000003a00000-0x000003c00000           2M PTE       ro NX SHD AF NG         UXN    MEM/NORMAL-TAGGED
-0x000003c00000-0x000040000000         964M PTE       RW NX SHD AF NG         UXN    MEM/NORMAL-TAGGED
+0x0000022c0000-0x000040000000     1012992K PTE       RW NX SHD AF NG         UXN    MEM/NORMAL-TAGGED
 0x000040000000-0x008000000000         511G PUD
 0x008000000000-0x800000000000      130560G PGD

${TOTALS}
the maps differ: 3 lines only in the real dump, 1 only in the simulation
`);
    expect(diffJson(d)).toMatchObject({ agree: false, onlyReal: 3, onlySimulated: 1, real: { tablePages: "498", leaves: { "4K PTE": "1040187392" } } });
  });

  it("aligns by offset: a 4.x dump (linear map at 0xffffffc000000000) agrees with the same map at a v5.4+ PAGE_OFFSET", () => {
    const dump06 = readFileSync(join(root, "test", "fixtures", "realdata", "06_ptdump_old39bit_16g_blocks_cont_holes.txt"), "utf8");
    const old = linearSection(parsePtdump(dump06));
    const moved = linearSection(parsePtdump(dump06.replace(/0xffffffc([0-4])/g, "0xffffff8$1")));
    expect([old.geometry?.legacy, moved.geometry?.legacy, moved.geometry?.pageOffset.toString(16)]).toEqual([true, false, "ffffff8000000000"]);
    const d = diffDumps({ role: "real", name: "06.txt", section: old }, { role: "simulated", name: "moved", section: moved });
    expect([d.agree, d.real.lines[0]]).toEqual([true, "0x000000000-0x000080000         512K PTE       RW NX SHD AF NG CON     UXN    MEM/NORMAL"]);
  });

  it("--align memory compares a randomised linear base by each side's first mapped byte", () => {
    // 03's bank moved 64 GiB up, as KASLR of the linear map does (a hole line before the bank).
    const shift = (l: string) => l.replace(/0xffff0000([0-9a-f]{8})/g, (_, low: string) => `0xffff0010${low}`);
    const lines = dump03.split("\n").filter((l) => /^0xffff0000[0-3]/.test(l) && !l.includes("511G PUD")).map(shift);
    const moved = ["0xffff000000000000-0xffff001000000000          64G PUD", ...lines, "0xffff001040000000-0xffff008000000000         447G PUD", "0xffff008000000000-0xffff800000000000      130560G PGD"].join("\n");
    const kaslr = linearSection(parsePtdump(moved));
    const plain = diffDumps({ role: "real", name: "kaslr", section: kaslr }, { role: "simulated", name: "03", section: real });
    expect([plain.agree, plain.notes.at(-1)]).toEqual([false, "the real map's first mapped line is at offset 0x1000000000, the simulation's at 0x0: a randomised linear base (KASLR)? --align memory compares from each side's first mapped byte"]);
    const aligned = diffDumps({ role: "real", name: "kaslr", section: kaslr }, { role: "simulated", name: "03", section: real }, { align: "memory" });
    expect([aligned.agree, aligned.origin, aligned.real.lines.length, renderDiff(aligned).includes("offsets from the first mapped byte")]).toEqual([true, "first mapped byte", 6, true]);
  });
});

function linmap(args: string[], input?: string) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
}

describe("linmap diff ptdump", () => {
  const dir = mkdtempSync(join(tmpdir(), "linmap-diff-"));
  const scenario = join(dir, "qemu.linmap");
  const text = "machine { granule 4K; memory 0x4000_0000 size 1G }\ncpus { cpu 0..1 cortex-a57 }\nkernel { version v6.17 }\n";
  writeFileSync(scenario, text);
  const o = runScenarioText(text, scenario);
  if (o.kind !== "result") throw new Error("scenario does not run");
  const r = o.result;
  const simLines = linmap(["run", scenario, "--show", "ptdump"]).stdout.split("\n").slice(2).filter((l) => l !== "" && !l.startsWith("notes:") && !l.startsWith("  - "));

  it("agrees with the simulation's own dump (exit 0), from a file or from standard input", () => {
    const file = join(dir, "same.txt");
    writeFileSync(file, `~ # cat /sys/kernel/debug/kernel_page_tables\n${simLines.join("\n")}\n`);
    const res = linmap(["diff", "ptdump", file, scenario]);
    expect([res.status, res.stderr]).toEqual([0, ""]);
    expect(res.stdout).toContain("the linear maps agree line for line");
    expect(res.stdout.trimEnd().endsWith("the maps agree")).toBe(true);
    const piped = linmap(["diff", "ptdump", "-", scenario], simLines.join("\n"));
    expect(piped.status).toBe(0);
  });

  it("differs from an edited copy (exit 1) with exactly the library's report", () => {
    const edited = [...simLines];
    edited[1] = edited[1]!.replace(" RW ", " ro ");
    const file = join(dir, "edited.txt");
    writeFileSync(file, `${edited.join("\n")}\n`);
    const res = linmap(["diff", "ptdump", file, scenario]);
    const expected = renderDiff(diffDumps({ role: "real", name: file, section: linearSection(parsePtdump(edited.join("\n")), { granule: "4K", vaBits: 48 }) }, { role: "simulated", name: `${scenario} (v6.17)`, section: simulatedSection(r)! }));
    expect([res.status, res.stdout]).toEqual([1, expected]);
    expect(res.stdout).toMatch(/@@ -1,4 \+1,4 @@\n-0x000000000000-0x[0-9a-f]{12} +\d+[KMG] PTE {7}ro /);
    expect(res.stdout).toContain("the maps differ: 1 line only in the real dump, 1 only in the simulation");
    const json = JSON.parse(linmap(["diff", "ptdump", file, scenario, "--json"]).stdout);
    expect([json.agree, json.onlyReal, json.onlySimulated]).toEqual([false, 1, 1]);
  });

  it("writes an HTML report with both maps as strips", () => {
    const out = join(dir, "report.html");
    const res = linmap(["diff", "ptdump", join(dir, "same.txt"), scenario, "--html", out]);
    expect([res.status, res.stderr.trim()]).toEqual([0, `linmap: wrote ${out}`]);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("real · [0x40000000..0x80000000)");
    expect(html).toContain("simulated · [0x40000000..0x80000000)");
  });

  it("exits 2 on a file that is not a dump, a missing file or a bad option", () => {
    const notDump = join(dir, "prose.txt");
    writeFileSync(notDump, "no page tables here\n");
    const res = linmap(["diff", "ptdump", notDump, scenario]);
    expect([res.status, res.stderr.trim()]).toEqual([2, `${notDump}: no linear-map lines found (expected lines such as '0xffff000000000000-0xffff000000200000   2M PMD ...')`]);
    expect(linmap(["diff", "ptdump", join(dir, "missing.txt"), scenario]).status).toBe(2);
    expect(linmap(["diff", "ptdump", join(dir, "same.txt"), scenario, "--after", "nowhere"]).stderr.trim()).toBe("linmap: unknown boot step 'nowhere' for --after");
    expect(linmap(["diff", "ptdump", join(dir, "same.txt"), scenario, "--policy", "v9.9"]).status).toBe(2);
  });

  it("--after compares with the map after a boot step", () => {
    const res = linmap(["diff", "ptdump", join(dir, "same.txt"), scenario, "--after", "paging_init"]);
    expect(res.stdout.split("\n")[1]).toBe(`simulated: ${scenario} (v6.17, after paging_init) · 4K pages, 48-bit VA · ${simulatedSection(r, "paging_init")!.entries.length} lines · linear map from 0xffff000000000000`);
  });
});
