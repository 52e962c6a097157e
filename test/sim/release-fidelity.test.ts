// Release-specific behaviour that shows in every real ptdump (domain.md §1.4, §2.2, §2.7,
// §2.8, §8.1): the kernel alias per release, TAGGED, LPA2 without SHD, KPTI's NG column and
// KASLR of the linear base.
import { describe, expect, it } from "vitest";
import { renderPtdump } from "../../src/render/ptdump.js";
import type { SimResult } from "../../src/sim/index.js";
import { simulateText } from "../support/run-scenario.js";

const dump = (r: SimResult, range?: { start: bigint; end: bigint }) =>
  renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks, ...(range ? { range } : {}) });

// One 2 GiB bank at 2 GiB; the image at +2M with __init_begin at +0x255_0000 (as in real 01).
const MACHINE = "machine { granule 4K; memory 0x8000_0000 size 2G; image at 0x8020_0000 text 0x235_0000 }";
const FIRST_64M = { start: 0x8000_0000n, end: 0x8400_0000n };

describe("the kernel alias per release (§2.2)", () => {
  const blocks = (version: string, extra = "") => simulateText(`${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { version ${version}; config KFENCE=n${extra} }`);

  it("v6.17: from _stext, a NOMAP hole while the banks are mapped: 64K CON head, 1984K PTE, blocks, PTEs to __init_begin, PAGE_KERNEL", () => {
    expect(dump(blocks("v6.17", '; cmdline "rodata=on"'), FIRST_64M).slice(1, -1)).toEqual([
      "0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff000000200000-0xffff000000210000          64K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000000210000-0xffff000000400000        1984K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000000400000-0xffff000002400000          32M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
      "0xffff000002400000-0xffff000002550000        1344K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000002550000-0xffff000002600000         704K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000002600000-0xffff000004000000          26M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
    ]);
  });

  it("v6.17.y and v6.18+: from _text (5973a62efa34), so the alias's first PMD block starts at _text", () => {
    for (const v of ["v6.17.y", "v6.18", "v7.1"]) {
      const extra = v === "v6.17.y" ? '; cmdline "rodata=on"' : "";
      expect(dump(blocks(v, extra), FIRST_64M).slice(1, 4)).toEqual([
        "0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
        "0xffff000000200000-0xffff000002400000          34M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
        "0xffff000002400000-0xffff000002550000        1344K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      ]);
    }
  });

  it("`alias _stext` gives a v6.18 kernel v6.17's alias (what real 01 needs) and says so", () => {
    const r = blocks("v6.18", "; alias _stext");
    expect(dump(r, FIRST_64M)[3]).toBe("0xffff000000210000-0xffff000000400000        1984K PTE       ro NX SHD AF            UXN    MEM/NORMAL");
    expect(r.notes.some((n) => n.startsWith("The kernel alias starts at _stext, not at v6.18's own _text: 5973a62efa34 not applied"))).toBe(true);
  });

  it("keeps PMD blocks even when the rest of the map is forced to PTEs (NO_CONT_MAPPINGS only)", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..1 cortex-a57 }\nkernel { version v7.1; config KFENCE=n }`);
    expect(r.log).toContain("linmap: map_mem: linear map mapped with PTEs (force_pte_mapping())");
    expect(dump(r, FIRST_64M).slice(1, -1)).toEqual([
      "0xffff000000000000-0xffff000000200000           2M PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "0xffff000000200000-0xffff000002400000          34M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
      "0xffff000002400000-0xffff000002550000        1344K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000002550000-0xffff000004000000       27328K PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
    ]);
  });

  it("v7.2: alias and data/bss mapped first, tagged, with the linear flags; banks over them; data/bss read-only at mark_rodata_ro()", () => {
    const r = blocks("v7.2");
    expect(dump(r, FIRST_64M).slice(1, -1)).toEqual([
      "0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff000000200000-0xffff000002400000          34M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      // Mapped with the linear flags, the alias may use CON too (update_mapping_prot() passes 0).
      "0xffff000002400000-0xffff000002550000        1344K PTE       ro NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      // [__init_begin, __init_end) = 4M of init: writable linear memory.
      "0xffff000002550000-0xffff000002600000         704K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000002600000-0xffff000002800000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff000002800000-0xffff000002950000        1344K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      // [__init_end, __bss_stop) = 8M of data/bss, read-only from mark_rodata_ro().
      "0xffff000002950000-0xffff000002a00000         704K PTE       ro NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000002a00000-0xffff000003000000           6M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff000003000000-0xffff000003150000        1344K PTE       ro NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000003150000-0xffff000003200000         704K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000003200000-0xffff000004000000          14M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
    ]);
    expect(r.log).toContain("linmap: mark_rodata_ro: linear alias of [__init_end, __bss_stop) now read-only (v7.2)");
  });

  it("before v7.2 mark_rodata_ro() leaves the linear map alone", () => {
    const r = blocks("v7.1");
    expect(r.log.some((l) => l.includes("[__init_end, __bss_stop)"))).toBe(false);
    expect(dump(r, { start: 0x8255_0000n, end: 0x8400_0000n }).slice(1, -1)).toEqual([
      "0xffff000002550000-0xffff000002600000         704K PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "0xffff000002600000-0xffff000004000000          26M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
    ]);
  });

  it("the early KFENCE pool is a NOMAP hole while the banks are mapped, then PTE-mapped (≤ v7.1)", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { version v7.1 }`);
    // The pool sits top-down at [0xffe00000, 0x100000000): the CONT_PMD group holding it
    // loses CON, and the pool itself is PTEs.
    const lines = dump(r, { start: 0xfc00_0000n, end: 0x1_0000_0000n }).slice(1, -1);
    expect(lines.slice(0, 2)).toEqual([
      "0xffff00007c000000-0xffff00007e000000          32M PMD       RW NX SHD AF    CON BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff00007e000000-0xffff00007fe00000          30M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
    ]);
    expect(lines[2]!.startsWith("0xffff00007fe00000-")).toBe(true);
    expect(lines.slice(2).every((l) => l.includes(" PTE "))).toBe(true);
  });
});

describe("attributes as ptdump prints them (§1.4, §8.1)", () => {
  it("4K at 52-bit VA with LPA2: no SHD anywhere, PAGE_OFFSET 0xfff0000000000000, P4D lines (real 04)", () => {
    const r = simulateText(`machine { granule 4K; va_bits 52; memory 0x4000_0000 size 2G; image at 0x4020_0000 text 0x205_0000 }
cpus { cpu 0..1 neoverse-n2 }
kernel { version v6.17; config KFENCE=n }
vmalloc m1 at 0x42d8_8000 size 576K
vmalloc m2 at 0x42e5_0000 size 1472K
boot { at userspace { set_memory_ro m1; set_memory_ro m2 } }`);
    expect(dump(r)).toEqual([
      "---[ Linear Mapping start ]---",
      "0xfff0000000000000-0xfff0000000210000        2112K PTE       RW NX     AF            UXN    MEM/NORMAL-TAGGED",
      "0xfff0000000210000-0xfff0000000400000        1984K PTE       ro NX     AF            UXN    MEM/NORMAL",
      "0xfff0000000400000-0xfff0000002200000          30M PMD       ro NX     AF        BLK UXN    MEM/NORMAL",
      "0xfff0000002200000-0xfff0000002250000         320K PTE       ro NX     AF            UXN    MEM/NORMAL",
      "0xfff0000002250000-0xfff0000002d88000       11488K PTE       RW NX     AF            UXN    MEM/NORMAL-TAGGED",
      "0xfff0000002d88000-0xfff0000002e18000         576K PTE       ro NX     AF            UXN    MEM/NORMAL-TAGGED",
      "0xfff0000002e18000-0xfff0000002e50000         224K PTE       RW NX     AF            UXN    MEM/NORMAL-TAGGED",
      "0xfff0000002e50000-0xfff0000002fc0000        1472K PTE       ro NX     AF            UXN    MEM/NORMAL-TAGGED",
      "0xfff0000002fc0000-0xfff0000080000000     2048256K PTE       RW NX     AF            UXN    MEM/NORMAL-TAGGED",
      "0xfff0000080000000-0xfff0008000000000         510G PUD",
      "0xfff0008000000000-0xfff1000000000000      261632G P4D",
      "0xfff1000000000000-0xffff800000000000        3712T PGD",
      "---[ Linear Mapping end ]---",
    ]);
    // 1009 PTE + 2 PMD tables (release-differences.md §1.5), plus one PUD and one P4D table.
    expect(r.stats.pagetablePages).toBe(1013n);
  });

  it("64K at 52-bit VA (LVA, not LPA2) keeps SHD", () => {
    const r = simulateText("machine { granule 64K; va_bits 52; memory 0x8000_0000 size 2G }\nkernel { config KFENCE=n }");
    expect(dump(r)[1]).toContain(" SHD ");
  });

  it("TAGGED on the linear map with or without MTE; the alias MEM/NORMAL", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n }`);
    const lines = dump(r, FIRST_64M).slice(1, -1);
    expect(lines.filter((l) => l.endsWith("MEM/NORMAL-TAGGED"))).toHaveLength(3);
    expect(lines.filter((l) => l.endsWith(" ro NX SHD AF        BLK UXN    MEM/NORMAL") || l.endsWith(" ro NX SHD AF            UXN    MEM/NORMAL"))).toHaveLength(2);
  });
});

describe("KPTI and the NG column (§2.8)", () => {
  const kpti = (cpus: string, kernel: string) => simulateText(`${MACHINE}\ncpus { ${cpus} }\nkernel { version v7.1; config KFENCE=n; ${kernel} }`);

  it("born NG: a KASLR seed on a boot CPU without E0PD, so map_mem() writes NG entries and no rewrite is needed", () => {
    const r = kpti("cpu 0..1 cortex-a72", "kaslr seed 0x1234");
    expect(r.log).toContain("kernel page table isolation forced ON by KASLR");
    expect(r.log.some((l) => l.includes("kpti_install_ng_mappings"))).toBe(false);
    expect(dump(r, FIRST_64M).slice(1, -1).every((l) => l.includes(" AF NG "))).toBe(true);
  });

  it("no NG on a Meltdown-safe CPU without a seed, nor with E0PD and a seed", () => {
    for (const r of [kpti("cpu 0..1 cortex-a72", ""), kpti("cpu 0..1 neoverse-v3", "kaslr seed 0x1234"), kpti("cpu 0..1 cortex-a72", 'kaslr seed 0x1234; cmdline "nokaslr"')]) {
      expect(dump(r, FIRST_64M).slice(1, -1).some((l) => l.includes(" NG "))).toBe(false);
    }
    expect(kpti("cpu 0..1 cortex-a72", 'kaslr seed 0x1234; cmdline "nokaslr"').log).toContain("KASLR disabled on command line");
    expect(kpti("cpu 0..1 cortex-a72", "").log).toContain("KASLR disabled due to lack of seed");
  });

  it("rewritten NG by kpti_install_ng_mappings() when a CPU is not Meltdown-safe: every valid entry, block sizes unchanged", () => {
    const plain = kpti("cpu 0 neoverse-v3; cpu 1 neoverse-v3", "");
    const r = kpti("cpu 0 neoverse-v3; cpu 1 cortex-a75", 'cmdline "rodata=noalias"');
    const plainNoalias = kpti("cpu 0 neoverse-v3; cpu 1 neoverse-v3", 'cmdline "rodata=noalias"');
    expect(r.log).toContain("CPU features: detected: Kernel page table isolation (KPTI)");
    expect(r.log).toContain("linmap: kpti_install_ng_mappings: stop_machine(idmap_kpti_install_ng_mappings): every valid linear-map entry made non-global");
    const ng = dump(r);
    expect(ng.map((l) => l.replace(" AF NG ", " AF    "))).toEqual(dump(plainNoalias));
    expect(ng.filter((l) => l.includes(" AF ")).every((l) => l.includes(" AF NG "))).toBe(true);
    expect(dump(plain).some((l) => l.includes(" NG "))).toBe(false);
  });

  it("kpti=1 forces it on, kpti=0 and mitigations=off keep it off on an affected CPU", () => {
    expect(kpti("cpu 0..1 neoverse-v3", 'cmdline "kpti=1"').log).toContain("kernel page table isolation forced ON by kpti command line option");
    const off = kpti("cpu 0 neoverse-v3; cpu 1 cortex-a75", 'cmdline "kpti=0"');
    expect(off.log).toContain("kernel page table isolation forced OFF by kpti command line option");
    expect(dump(off).some((l) => l.includes(" NG "))).toBe(false);
    const mit = kpti("cpu 0 neoverse-v3; cpu 1 cortex-a75", 'cmdline "mitigations=off"');
    expect(mit.log).toContain("kernel page table isolation forced OFF by mitigations=off");
  });

  it("with NG mappings, a v7.1 revalidation keeps NG (PTE_PRESENT_VALID_KERNEL includes PTE_MAYBE_NG)", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..1 cortex-a72 }\nkernel { version v7.1; config KFENCE=n; kaslr seed 0x99; realm }
buffer b at 0x9000_0000 size 64K
boot { at init_IRQ: set_memory_decrypted b }`);
    expect(dump(r, { start: 0x9000_0000n, end: 0x9001_0000n })[1]).toBe("0xffff000010000000-0xffff000010010000          64K PTE       RW NX SHD AF NG         UXN    MEM/NORMAL-TAGGED");
  });
});

describe("KASLR of the linear base (§2.7)", () => {
  const kaslr = (pa: number, seed: string) => simulateText(`machine { granule 4K; pa_bits ${pa}; memory 0x8000_0000 size 2G }\ncpus { cpu 0..1 neoverse-v3 }\nkernel { version v7.1; config KFENCE=n; ${seed} }`);

  it("a 44-bit PA range leaves room: memstart_addr moves down by ((range / 1G) * (seed & 0xffff)) >> 16 GiB and ptdump shows the hole", () => {
    const r = kaslr(44, "kaslr seed 0xffff_8000");
    // range = 2^47 - 2^44 = 114688 GiB; seed & 0xffff = 0x8000: 57344 GiB = 56 TiB.
    expect(dump(r).slice(0, 3)).toEqual([
      "---[ Linear Mapping start ]---",
      "0xffff000000000000-0xffff380000000000          56T PGD",
      "0xffff380000000000-0xffff380000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
    ]);
    expect(r.log).toContain("KASLR enabled");
    expect(r.log).toContain("linmap: arm64_memblock_init: memstart_addr = -0x37ff80000000 (linear map randomised by KASLR)");
  });

  it("a 48-bit PA range at 48-bit VA leaves none: the linear map starts at the first bank", () => {
    const r = kaslr(48, "kaslr seed 0x8000");
    expect(dump(r)[1]!.startsWith("0xffff000000000000-0xffff000000200000")).toBe(true);
    expect(r.log).toContain("KASLR enabled");
  });

  it("a seed whose low 16 bits are 0 moves nothing; nokaslr ignores the seed", () => {
    expect(dump(kaslr(44, "kaslr seed 0x1_0000"))[1]!.startsWith("0xffff000000000000-")).toBe(true);
    const off = kaslr(44, 'kaslr seed 0x8000; cmdline "nokaslr"');
    expect(dump(off)[1]!.startsWith("0xffff000000000000-")).toBe(true);
    expect(off.log).toContain("KASLR disabled on command line");
  });
});
