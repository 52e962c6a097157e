// Boot-time behaviour of domain.md §2.5, §3.4, §5 and §7: map_mem() decisions per era, the
// repaint, late CPUs, debug_pagealloc, KFENCE, hot-plug, and the runtime callers.
import { describe, expect, it } from "vitest";
import { call, simulateText, totalPages } from "../support/run-scenario.js";
import { renderPtdump } from "../../src/render/ptdump.js";

const MACHINE = "machine { granule 4K; memory 0x8000_0000 size 4G }";

describe("map_mem(): when the linear map is PTE-mapped (§2.5)", () => {
  const cases: [string, string, string, boolean][] = [
    ["rodata_full, v6.17", "cpu 0..3 neoverse-v3", "version v6.17", true],
    ["rodata_full, v6.18, BBML2 boot CPU", "cpu 0..3 neoverse-v3", "version v6.18", false],
    ["rodata_full, v6.18, boot CPU without BBML2", "cpu 0 cortex-a720 boot; cpu 1..3 neoverse-v3", "version v6.18", true],
    ["rodata=noalias, v7.1, no BBML2 anywhere", "cpu 0..3 cortex-a720", 'version v7.1; cmdline "rodata=noalias"', false],
    ["rodata=off, v6.17", "cpu 0..3 cortex-a720", 'version v6.17; cmdline "rodata=off"', false],
    ["debug_pagealloc, v7.1, BBML2", "cpu 0..3 neoverse-v3", 'version v7.1; cmdline "debug_pagealloc=on"', true],
    ["KFENCE late init, v6.17", "cpu 0..3 neoverse-v3", 'version v6.17; cmdline "rodata=on kfence.sample_interval=0"', true],
    ["KFENCE late init, v7.1, BBML2", "cpu 0..3 neoverse-v3", 'version v7.1; cmdline "rodata=noalias kfence.sample_interval=0"', false],
    ["neoverse-v3ae on v6.17 (not yet allow-listed)", "cpu 0..3 neoverse-v3ae", "version v6.18", false],
    ["neoverse-v3 r3 (beyond the allow-listed r0-r2)", "cpu 0..3 neoverse-v3 r3p0", "version v7.1", true],
  ];
  it.each(cases)("%s", (_name, cpus, kernel, pte) => {
    const r = simulateText(`${MACHINE}\ncpus { ${cpus} }\nkernel { ${kernel} }`);
    expect(r.log.some((l) => l.includes("mapped with PTEs (force_pte_mapping())"))).toBe(pte);
  });
});

describe("the stop_machine() repaint (§3.4)", () => {
  const SOC = `${MACHINE}\ncpus { cpu 0..3 cortex-x4; cpu 4..7 cortex-a720 }\nkernel { version v7.1; config KFENCE=n }`;

  it("splits everything but [lm_alias(_stext), lm_alias(__init_begin)) to PTEs: 513 pages per GiB, less what the kernel alias keeps", () => {
    const r = simulateText(SOC);
    expect(r.systemBbml2).toBe(false);
    const repaint = r.stats.perStep.find((s) => s.step === "setup_system_features")!;
    // GiB 0 already has a PMD table: 512 PMDs, 11 of them (the alias from _stext's 2M block + 2M to
    // __init_begin) kept; the partial block at _text is split too. GiBs 1-3: 513 each.
    expect(repaint.pagetablePages).toEqual({ memblock: 0n, buddy: 0n, atomic: 501n + 3n * 513n });
    expect(r.log).toContain("linmap: linear_map_split_to_ptes: done, 2040 page-table pages (GFP_ATOMIC)");
  });

  it("leaves the kernel alias in 2 MiB blocks, except its first 2 MiB, which v6.18-v7.1 leave writable", () => {
    const r = simulateText(SOC);
    const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false, range: { start: 0x8000_0000n, end: 0x8200_0000n } });
    expect(dump).toEqual([
      "---[ Linear Mapping start ]---",
      "0xffff000000000000-0xffff000000200000           2M PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      // The repaint split [_text, _text + 2M) (it skips only from _stext); pmd_set_huge() then
      // refused the read-only block over that PTE table (domain.md §3.4).
      "0xffff000000200000-0xffff000000400000           2M PTE       RW NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000000400000-0xffff000001a00000          22M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
      // Data and bss are ordinary linear memory before v7.2: mark_rodata_ro() leaves them alone.
      "0xffff000001a00000-0xffff000002000000           6M PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "---[ Linear Mapping end ]---",
    ]);
    expect(r.log).toContain("linmap: mark_linear_text_alias_ro: pmd_set_huge() refused over the PTE table the repaint left at [0x80200000..0x80400000): that part of the kernel alias stays writable (v6.18-v7.1)");
    expect(r.notes.some((n) => n.startsWith("The first 2 MiB of the kernel alias, [0x80200000..0x80400000), stays writable"))).toBe(true);
  });

  it("v7.2 descends into the table: the whole alias is read-only, and so is data/bss", () => {
    const r = simulateText(SOC, "v7.2");
    const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false, range: { start: 0x8000_0000n, end: 0x8200_0000n } });
    expect(dump).toEqual([
      "---[ Linear Mapping start ]---",
      "0xffff000000000000-0xffff000000200000           2M PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "0xffff000000200000-0xffff000000400000           2M PTE       ro NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "0xffff000000400000-0xffff000001a00000          22M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "0xffff000001a00000-0xffff000001e00000           4M PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "0xffff000001e00000-0xffff000002000000           2M PTE       ro NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "---[ Linear Mapping end ]---",
    ]);
    expect(r.notes.some((n) => n.includes("stays writable"))).toBe(false);
  });

  it("≤ v6.17 semantics (alias from _stext) keep the whole alias read-only after a repaint", () => {
    const r = simulateText(SOC.replace("config KFENCE=n", "config KFENCE=n; alias _stext"));
    const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false, range: { start: 0x8000_0000n, end: 0x8200_0000n } });
    expect(dump.slice(1, 4)).toEqual([
      "0xffff000000000000-0xffff000000210000        2112K PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED",
      "0xffff000000210000-0xffff000000400000        1984K PTE       ro NX SHD AF            UXN    MEM/NORMAL",
      "0xffff000000400000-0xffff000001a00000          22M PMD       ro NX SHD AF        BLK UXN    MEM/NORMAL",
    ]);
    expect(r.notes.some((n) => n.includes("stays writable"))).toBe(false);
  });

  it("does not happen on an all-BBML2 system, nor before v6.18", () => {
    expect(simulateText(SOC.replace("cortex-a720", "neoverse-v3")).log.some((l) => l.includes("linear_map_split_to_ptes"))).toBe(false);
    expect(simulateText(SOC, "v6.17").log.some((l) => l.includes("linear_map_split_to_ptes"))).toBe(false);
  });
});

describe("late CPUs (§5)", () => {
  const LATE = `${MACHINE}\ncpus { cpu 0..3 neoverse-v3; cpu 4 cortex-a720 late }\nboot { hotplug cpu 4 after userspace }`;

  it("v6.17+: a late CPU without BBML2_NOABORT on a BBML2 system is refused with the conflict message", () => {
    const r = simulateText(LATE, "v7.1");
    expect(r.log).toContain("CPU features: CPU4: Detected conflict for capability 48 (BBM Level 2 without conflict abort), System: 1, CPU: 0");
    expect(r.cpus.find((c) => c.id === 4)).toMatchObject({ online: false, refused: true });
  });

  it("v6.16: the capability does not exist, so the CPU comes online", () => {
    const r = simulateText(LATE, "v6.16");
    expect(r.cpus.find((c) => c.id === 4)).toMatchObject({ online: true, refused: false });
  });

  it("a late CPU with the feature when the system lacks it is allowed", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..1 neoverse-v3; cpu 2 cortex-a720; cpu 3 bbml2_noabort late }\nboot { hotplug cpu 3 after userspace }`, "v7.1");
    expect(r.cpus.find((c) => c.id === 3)).toMatchObject({ online: true, refused: false });
  });
});

describe("debug_pagealloc distinguishes fix v1 from v7.1 (§6.1)", () => {
  const DPA = `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { cmdline "debug_pagealloc=on" }`;
  it("fix-v1: __kernel_map_pages during memblock_free_all hits the window-1 WARN and -EBUSY", () => {
    const c = call(simulateText(DPA, "fix-v1"), "__kernel_map_pages");
    expect([c.step, c.rcName, c.warns]).toEqual(["memblock_free_all", "-EBUSY", 2]);
  });
  it("v7.1: nothing to do (linear_map_requires_bbml2 is false), rc 0", () => {
    const c = call(simulateText(DPA, "v7.1"), "__kernel_map_pages");
    expect([c.rcName, c.warns, totalPages(c)]).toEqual(["0", 0, 0n]);
  });
});

describe("runtime callers (§4.2, §7)", () => {
  const BASE = `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { version v7.1; config KFENCE=n }`;

  it("set_memory_ro on a vmalloc area changes the linear alias page by page (rodata_full)", () => {
    const r = simulateText(`${BASE}\nvmalloc prog size 16K\nboot { after userspace: set_memory_ro prog }`);
    const c = call(r, "set_memory_ro", "prog");
    expect(c.rcName).toBe("0");
    expect(c.tlbFlushes).toBe(4);
    // The buddy allocator hands out the bank's first pages, whose GiB already has a PMD table
    // (the kernel image): only the 2 MiB block needs a PTE table.
    expect(c.splits).toEqual(["split_pmd", "split_contpte"]);
    expect(totalPages(c)).toBe(1n);
  });

  it("set_memory_ro leaves the linear map alone with rodata=noalias", () => {
    const r = simulateText(`${BASE.replace("version v7.1", 'version v7.1; cmdline "rodata=noalias"')}\nvmalloc prog size 16K\nboot { after userspace: set_memory_ro prog }`);
    expect(call(r, "set_memory_ro", "prog").tlbFlushes).toBe(0);
  });

  it("memfd_secret: -ENOSYS without can_set_direct_map(), else one page removed without a flush", () => {
    const off = simulateText(`${BASE.replace("version v7.1", 'version v7.1; cmdline "rodata=off"')}\nboot { after userspace: memfd_secret }`);
    expect(call(off, "memfd_secret").rcName).toBe("-ENOSYS");
    const on = simulateText(`${BASE}\nboot { after userspace: memfd_secret }`);
    const c = call(on, "memfd_secret");
    expect([c.rcName, c.tlbFlushes, totalPages(c)]).toEqual(["0", 0, 1n]);
  });

  it("KFENCE late init on a BBML2 system splits its pool with range_split_to_ptes()", () => {
    const r = simulateText(`${BASE.replace("config KFENCE=n", 'cmdline "kfence.sample_interval=0"')}\nboot { after userspace: kfence_init_late }`);
    const c = call(r, "kfence_init_late");
    expect(c.splits).toEqual(["range_split_to_ptes"]);
    expect(c.pagetablePages.buddy).toBe(1n);
  });

  it("memory hot-add maps blocks; hot-remove of boot memory is refused; v7.1 refuses a remove that splits a leaf", () => {
    const r = simulateText(`${BASE}\nboot { after userspace {\n add_memory 0x10_0000_0000 size 2G\n remove_memory 0x8000_0000 size 1G\n remove_memory 0x10_0000_0000 size 1G\n} }`);
    expect(call(r, "add_memory").rcName).toBe("0");
    // 62 GiB above memstart: the PUD table of the first 512 GiB already exists; two PUD blocks.
    expect(totalPages(call(r, "add_memory"))).toBe(0n);
    const removes = r.calls.filter((c) => c.call === "remove_memory");
    expect(removes.map((c) => c.rcName)).toEqual(["-EBUSY", "0"]);
    // Per memory section (128 MiB at 4K), %lx.
    expect(r.log).toContain("Boot memory [80000000 88000000] offlining attempted");
  });
});

describe("memory hot-add mapping (§2.5 last rows)", () => {
  it("is PTE-mapped when force_pte_mapping() holds at hot-add time (a system without BBML2)", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..2 neoverse-v3; cpu 3 cortex-a720 }\nkernel { version v7.1; config KFENCE=n }\nboot { after userspace: add_memory 0x10_0000_0000 size 1G }`);
    expect(totalPages(call(r, "add_memory"))).toBe(513n);
  });
  it("is block-mapped on v6.17 only when can_set_direct_map() is false (rodata=off)", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..3 cortex-a720 }\nkernel { version v6.17; cmdline "rodata=off"; config KFENCE=n }\nboot { after userspace: add_memory 0x10_0000_0000 size 1G }`);
    expect(totalPages(call(r, "add_memory"))).toBe(0n);
  });
});

describe("determinism", () => {
  it("the same scenario gives identical logs and maps", () => {
    const text = `${MACHINE}\ncpus { cpu 0..3 cortex-x4; cpu 4 cortex-a720 }\nkernel { realm }\nbuffer b size 64K\nboot { at init_IRQ: its_alloc_pages_node b }`;
    const a = simulateText(text);
    const b = simulateText(text);
    expect(a.log).toEqual(b.log);
    expect(renderPtdump(a.finalMap, a.geometry, { hideInvalidBlocks: false })).toEqual(renderPtdump(b.finalMap, b.geometry, { hideInvalidBlocks: false }));
  });
});
