// Real dumps from public posts (copied here with their provenance headers from the project's
// shared/realdata/), reproduced line for line by the scenarios beside them. A scenario states
// what is known of each set-up and what it assumes (the runtime history a dump does not show).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPtdump } from "../../src/render/ptdump.js";
import { simulateText } from "../support/run-scenario.js";

const here = join(import.meta.dirname);
const read = (f: string) => readFileSync(join(here, f), "utf8");

/** The linear-map lines of one dump section (between the markers), whitespace kept. */
function linearSection(text: string, from = 0): string[] {
  const lines = text.split("\n").slice(from);
  const start = lines.findIndex((l) => l.startsWith("---[ Linear Mapping start ]---"));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("---[ Linear Mapping end ]---"));
  return lines.slice(start, end + 1);
}

function simulatedDump(scenario: string): { lines: string[]; pages: bigint; notes: readonly string[]; log: readonly string[] } {
  const r = simulateText(read(scenario));
  expect(r.expectations.filter((e) => !e.passed)).toEqual([]);
  return { lines: renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks }), pages: r.stats.pagetablePages, notes: r.notes, log: r.log };
}

describe("real dump 01: AmpereOne KVM guest, 12 GiB, v6.17-rc3 with the BBML2 series", () => {
  const artifact = read("01_ptdump_ampereone_vm12g_bbml2_mode1_mode3.txt");
  const lines = artifact.split("\n");

  it("mode 1 (all CPUs BBML2): all 41 lines, 7 PTE + 3 PMD tables + the PUD table", () => {
    const real = linearSection(artifact, lines.indexOf("Mode 1:"));
    const sim = simulatedDump("ampereone-12g-mode1.linmap");
    expect(real).toHaveLength(43);
    expect(sim.lines).toEqual(real);
    expect(sim.pages).toBe(11n);
  });

  it("mode 3 (boot CPU BBML2, a secondary not: repainted): all 11 lines, 6128 PTE + 12 PMD tables + the PUD table", () => {
    const real = linearSection(artifact, lines.indexOf("Mode 3:"));
    const sim = simulatedDump("ampereone-12g-mode3.linmap");
    expect(real).toHaveLength(13);
    expect(sim.lines).toEqual(real);
    expect(sim.pages).toBe(6141n);
    // ≤ v6.17's alias starts at _stext, like the repaint's skipped range: nothing stays writable.
    expect(sim.notes.some((n) => n.includes("stays writable"))).toBe(false);
  });

  it("v6.18's own alias (from _text) on the same machine: the predicted mode 3 dump keeps [_text, _text + 2M) writable", () => {
    const r = simulateText(read("ampereone-12g-mode3.linmap").replace("  alias _stext\n", ""));
    const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false });
    // release-differences.md §1.5: "2M PTE RW TAGGED / 2M PTE RW MEM/NORMAL / 32M PMD ro / 1344K PTE ro / ...".
    expect(dump.slice(1, 6)).toEqual([
      "0xffff000000000000-0xffff000000200000           2M PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "0xffff000000200000-0xffff000000400000           2M PTE       RW NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000000400000-0xffff000002400000          32M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
      "0xffff000002400000-0xffff000002550000        1344K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000002550000-0xffff000143a61000     5264452K PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
    ]);
    expect(r.stats.pagetablePages).toBe(6141n);
    expect(r.log).toContain(
      "linmap: mark_linear_text_alias_ro: pmd_set_huge() refused over the PTE table the repaint left at [0x40200000..0x40400000): that part of the kernel alias stays writable (v6.18-v7.1)",
    );
  });

  it("v6.18's own alias, mode 1: the predicted first lines (release-differences.md §1.5)", () => {
    const r = simulateText(read("ampereone-12g-mode1.linmap").replace("  alias _stext\n", ""));
    const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false });
    expect(dump.slice(1, 6)).toEqual([
      "0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff000000200000-0xffff000002400000          34M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
      "0xffff000002400000-0xffff000002550000        1344K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000002550000-0xffff000002600000         704K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000002600000-0xffff000004000000          26M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
    ]);
  });
});

describe("real dump 03: QEMU guest, 1 GiB, rodata=full, KPTI", () => {
  const artifact = read("03_ptdump_qemu_1g_rodata_full_kpti.txt");

  it("all 10 lines of the linear map, 496 PTE + 1 PMD tables + the PUD table, NG born of KASLR", () => {
    const real = linearSection(artifact);
    const sim = simulatedDump("qemu-1g-rodata-full-kpti.linmap");
    expect(real).toHaveLength(10);
    expect(sim.lines).toEqual(real);
    expect(sim.pages).toBe(498n);
    expect(sim.log).toContain("kernel page table isolation forced ON by KASLR");
  });

  it("does not match with v6.17's alias start (release-differences.md §1.5: 0/8 lines)", () => {
    const r = simulateText(read("qemu-1g-rodata-full-kpti.linmap").replace("version v6.18", "version v6.17"));
    const real = linearSection(artifact).slice(1, 7);
    const sim = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false }).slice(1, 7);
    expect(sim.filter((l, i) => l === real[i])).toEqual([]);
  });

  it("6.17.y after the stable update matches again", () => {
    const r = simulateText(read("qemu-1g-rodata-full-kpti.linmap").replace("version v6.18", "version v6.17.y"));
    expect(renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false })).toEqual(linearSection(artifact));
  });
});
