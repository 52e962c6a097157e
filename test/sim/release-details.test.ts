// Issue 9 items 4-8: log lines as each release prints them (domain.md §8.3, §8.4, §5 end),
// hot-remove of part of a block (§7.2), empty PTE slots written by the walker (§4.1),
// partial changes of contiguous groups (§9 q8), and the KFENCE pool as it is (§4.5, §8.1,
// release-differences §5).
import { describe, expect, it } from "vitest";
import { call, simulateText, totalPages } from "../support/run-scenario.js";
import { renderPtdump } from "../../src/render/ptdump.js";
import type { SimResult } from "../../src/sim/index.js";
import { kfenceLatePoolAlign, kfenceProtectedPages } from "../../src/sim/kfence.js";
import { analyzeScenario } from "../../src/lang/index.js";
import { compileScenario } from "../../src/compile/index.js";
import { LinuxKernel } from "../../src/sim/kernel-state.js";
import { linuxPolicy, geometryFor } from "../../src/sim/index.js";

const MACHINE = "machine { granule 4K; memory 0x8000_0000 size 4G }";

function dump(r: SimResult, start: bigint, end: bigint): string[] {
  return renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks, range: { start, end } }).slice(1, -1);
}

function warnings(r: SimResult): string[] {
  return r.log.filter((l) => l.startsWith("WARNING"));
}

describe("the WARNING header per release and the task by boot phase (§8.4, §5 end)", () => {
  // 64K inside a 1 GiB PUD block: before caps are final (b) does not split, and
  // pageattr_pud_entry's WARN_ON_ONCE fires wherever the call is made.
  const partial = (when: string, cpu = "") => `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n }\nbuffer buf at 0xC001_0000 size 64K\nboot { ${when}: set_memory_valid buf 0${cpu} }`;

  const cases: [string, string, string, string][] = [
    ["mm_core_init: the boot task", "at arch_mm_preinit", "", "CPU#0: swapper/0"],
    ["before sched_init: still the boot task", "before sched_init", "", "CPU#0: swapper/0"],
    ["sched_init renames it swapper/0, PID 0", "at sched_init", "", "CPU#0: swapper/0/0"],
    ["init_IRQ", "at init_IRQ", "", "CPU#0: swapper/0/0"],
    ["kernel_init thread from rest_init: PID 1", "at do_pre_smp_initcalls", "", "CPU#0: swapper/0/1"],
    ["smp_init on the boot CPU is kernel_init", "at smp_init", "", "CPU#0: swapper/0/1"],
    ["a secondary bringing itself up runs its idle task", "at smp_init", " on cpu 2", "CPU#2: swapper/2/0"],
  ];
  it.each(cases)("v6.19+ format, %s", (_name, when, cpu, tail) => {
    for (const version of ["v6.19", "v7.0"]) {
      expect(warnings(simulateText(partial(when, cpu), version))).toEqual([`WARNING: arch/arm64/mm/pageattr.c:? at pageattr_pud_entry+0x?/0x?, ${tail}`]);
    }
  });

  it("<= v6.18 format: WARNING: CPU: %d PID: %d at %s:%d %pS", () => {
    expect(warnings(simulateText(partial("at arch_mm_preinit"), "v6.18"))).toEqual(["WARNING: CPU: 0 PID: 0 at arch/arm64/mm/pageattr.c:? pageattr_pud_entry+0x?/0x?"]);
    expect(warnings(simulateText(partial("at do_pre_smp_initcalls"), "v6.18"))).toEqual(["WARNING: CPU: 0 PID: 1 at arch/arm64/mm/pageattr.c:? pageattr_pud_entry+0x?/0x?"]);
    expect(warnings(simulateText(partial("at smp_init", " on cpu 3"), "v6.18"))).toEqual(["WARNING: CPU: 3 PID: 0 at arch/arm64/mm/pageattr.c:? pageattr_pud_entry+0x?/0x?"]);
    // 6.17.y is v6.17 with 5973a62efa34: the old header, and apply_to_page_range() (rodata=on keeps blocks there).
    expect(warnings(simulateText(partial("at init_IRQ").replace("config KFENCE=n", 'config KFENCE=n; cmdline "rodata=on"'), "v6.17.y"))).toEqual([
      "WARNING: CPU: 0 PID: 0 at mm/memory.c:? apply_to_pud_range+0x?/0x?",
    ]);
  });

  it("a runtime caller's task is not known: PID ?, and the unknowns are said once in the notes", () => {
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..3 cortex-a720 }\nkernel { version v6.17; cmdline "rodata=on"; config KFENCE=n }\nbuffer buf at 0xC001_0000 size 64K\nboot { after userspace { set_memory_valid buf 0; set_memory_valid buf 1 } }`);
    expect(warnings(r)).toEqual(["WARNING: CPU: 0 PID: ? at mm/memory.c:? apply_to_pud_range+0x?/0x?"]);
    expect(r.notes.filter((n) => n.startsWith("WARN splats:"))).toHaveLength(1);
    expect(r.log).toContain("Modules linked in: ?");
    expect(r.log).toContain("CPU: 0 UID: 0 PID: ? Comm: ? Not tainted 6.17.0 #? ?");
  });

  it("the dump_stack banner: Not tainted, then TAINT_WARN's column; no preempt model and one taint column fewer before v6.15", () => {
    // Two WARN sites before caps are final: a PUD block at init_IRQ (PID 0), a PMD block in kernel_init (PID 1).
    const banners = (version: string, cmdline: string, first = "at init_IRQ") =>
      simulateText(
        `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n; cmdline "${cmdline}" }\nboot { ${first}: set_memory_valid [0xC001_0000..0xC002_0000) 0\nat smp_prepare_cpus: set_memory_valid [0x9001_0000..0x9002_0000) 0 }`,
        version,
      ).log.filter((l) => l.startsWith("CPU: ") || l.startsWith("Tainted: "));
    expect(banners("v6.14", "rodata=on")).toEqual([
      "CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Not tainted 6.14.0 #?",
      "CPU: 0 UID: 0 PID: 1 Comm: swapper/0 Tainted: G        W          6.14.0 #?",
      "Tainted: [W]=WARN",
    ]);
    expect(banners("v6.18", "rodata=on")).toEqual([
      "CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Not tainted 6.18.0 #? ?",
      "CPU: 0 UID: 0 PID: 1 Comm: swapper/0 Tainted: G        W           6.18.0 #? ?",
      "Tainted: [W]=WARN",
    ]);
    // A proposal has no release string of its own.
    // A proposal is a patched tree of the release it applies to.
    expect(banners("fix-v1", "rodata=on", "at arch_mm_preinit")[0]).toBe("CPU: 0 UID: 0 PID: 0 Comm: swapper Not tainted 7.0.0+ #? ?");
  });

  it("WARN(): the realm wrapper's message comes before the header (arm64 has no HAVE_ARCH_BUG_FORMAT)", () => {
    const its = `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }\ncpus { cpu 0..7 neoverse-v3 }\nkernel { cmdline "rodata=on"; realm }\nbuffer its_prop at 0x1_8234_0000 size 64K\nboot { at init_IRQ: its_alloc_pages_node its_prop }`;
    const r = simulateText(its, "v6.18");
    const at = r.log.indexOf("Failed to decrypt memory, 16 pages will be leaked");
    expect(r.log.slice(at - 1, at + 2)).toEqual([
      "------------[ cut here ]------------",
      "Failed to decrypt memory, 16 pages will be leaked",
      "WARNING: CPU: 0 PID: 0 at arch/arm64/mm/pageattr.c:? realm_set_memory_decrypted+0x?/0x?",
    ]);
  });
});

describe("the task of stop_machine() callbacks (§5 end)", () => {
  it("is the stopper thread migration/n (PID not fixed), whatever the boot phase", () => {
    // A checked scenario compiles to its program (the compiler refuses nothing).
    const p = compileScenario(analyzeScenario(`${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }`, "t.linmap").ast);
    const k = new LinuxKernel(p, geometryFor(p.machine.granule, p.machine.vaBits), linuxPolicy(p.kernel.policy, p.kernel.policyTitle, p.kernel.settings), 0x8000_0000n);
    k.at("setup_system_features", "at");
    k.currentCpu = 2;
    expect(k.within("stop_machine", () => k.currentTask())).toEqual({ comm: "migration/2", pid: "?" });
    expect(k.currentTask()).toEqual({ comm: "swapper/0", pid: "1" });
  });
});

describe("the late-CPU conflict line carries the release's capability number (§5)", () => {
  const LATE = `${MACHINE}\ncpus { cpu 0..3 neoverse-v3; cpu 4 cortex-a720 late }\nkernel { config KFENCE=n }\nboot { hotplug cpu 4 after userspace }`;
  const numbers: [string, number][] = [["v6.17", 43], ["v6.17.y", 43], ["v6.18", 44], ["v6.19", 45], ["v7.0", 47], ["fix-v1", 47], ["v7.1", 48], ["memblock-split", 48], ["v7.2", 48]];
  it.each(numbers)("%s: capability %d", (version, n) => {
    expect(simulateText(LATE, version).log).toContain(`CPU features: CPU4: Detected conflict for capability ${n} (BBM Level 2 without conflict abort), System: 1, CPU: 0`);
  });
});

describe("hot-remove of part of a block-mapped range (§7.2)", () => {
  const HOT = (removes: string) => `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n }\nboot { after userspace {\n add_memory 0x10_0000_0000 size 2G\n${removes}\n} }`;

  it("before 95a58852b0e5 (v7.0): the PUD block is cleared whole and its online rest is left unmapped", () => {
    const r = simulateText(HOT(" remove_memory 0x10_0000_0000 size 512M"), "v7.0");
    const c = r.calls.find((x) => x.call === "remove_memory")!;
    expect(c.rcName).toBe("0");
    expect(r.log).toContain(
      "linmap: unmap_hotplug_range: PUD leaf [0x1000000000..0x1040000000) is only partly inside the removed range and is cleared whole: [0x1020000000..0x1040000000) stays online but is no longer mapped",
    );
    expect(r.notes.some((n) => n.startsWith("Hot-remove: unmap_hotplug_range() clears"))).toBe(true);
    // Nothing is mapped in the first GiB any more; the second keeps its PUD block.
    expect(dump(r, 0x10_0000_0000n, 0x10_8000_0000n).map((l) => l.slice(0, 90).trimEnd())).toEqual([
      "0xffff000f80000000-0xffff000fc0000000           1G PUD",
      "0xffff000fc0000000-0xffff001000000000           1G PUD       RW NX SHD AF        BLK UXN",
    ]);
  });

  it("at PTE level only the covered PTEs go; a contiguous group cut at an edge keeps CONT", () => {
    // A 1G + 64K hot-add ends with one CONT_PTE group; removing its last 32K cuts it.
    const r = simulateText(
      `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n }\nboot { after userspace {\n add_memory 0x10_0000_0000 size 0x4001_0000\n remove_memory 0x10_4000_8000 size 32K\n} }`,
      "v7.0",
    );
    expect(r.log).toContain("linmap: unmap_hotplug_range: the contiguous PTE group [0x1040000000..0x1040010000) is cut by the removed range: the entries left keep CONT (a misprogrammed group)");
    expect(dump(r, 0x10_4000_0000n, 0x10_4001_0000n).map((l) => l.slice(0, 80).trimEnd())).toEqual([
      "0xffff000fc0000000-0xffff000fc0008000          32K PTE       RW NX SHD AF    CON",
      "0xffff000fc0008000-0xffff000fc0010000          32K PTE",
    ]);
  });

  it("a PMD block cleared whole inside a CONT_PMD group: the rest of the group keeps CONT", () => {
    // 1G + 32M hot-added: the last 32M is one CONT_PMD group; 1M removed from its middle.
    const r = simulateText(`${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n }\nboot { after userspace {\n add_memory 0x10_0000_0000 size 0x4200_0000\n remove_memory 0x10_4100_0000 size 1M\n} }`, "v7.0");
    expect(r.log).toContain(
      "linmap: unmap_hotplug_range: PMD leaf [0x1041000000..0x1041200000) is only partly inside the removed range and is cleared whole: [0x1041100000..0x1041200000) stays online but is no longer mapped",
    );
    expect(r.log).toContain("linmap: unmap_hotplug_range: the contiguous PMD group [0x1040000000..0x1042000000) is cut by the removed range: the entries left keep CONT (a misprogrammed group)");
  });

  it("v7.1 refuses with the kernel's exact line: physical, exclusive end, %lx (here for the range after it, q12)", () => {
    const r = simulateText(HOT(" remove_memory 0x10_4000_0000 size 512M"), "v7.1");
    expect(r.calls.find((x) => x.call === "remove_memory")!.rcName).toBe("-EBUSY");
    expect(r.log).toContain("[1060000000 1080000000] splits a leaf entry in linear map");
  });

  it("v7.1: removing the last 512M is not refused (the check looks past it) and clears the PUD block whole", () => {
    const r = simulateText(HOT(" remove_memory 0x10_6000_0000 size 512M"), "v7.1");
    expect(r.calls.find((x) => x.call === "remove_memory")!.rcName).toBe("0");
    expect(r.log).toContain(
      "linmap: unmap_hotplug_range: PUD leaf [0x1040000000..0x1080000000) is only partly inside the removed range and is cleared whole: [0x1040000000..0x1060000000) stays online but is no longer mapped",
    );
  });
});

describe("empty PTE slots reached by a permission change (§4.1)", () => {
  // A 64K no-map hole leaves empty slots in a PTE table; a change over it writes the set
  // mask there and nothing else.
  const HOLE = `machine { granule 4K; memory 0x8000_0000 size 4G; nomap 0x9000_0000 size 64K }\ncpus { cpu 0..3 neoverse-v3 }\nkernel { config KFENCE=n }\nboot { after userspace: set_memory_valid [0x8FFF_0000..0x9002_0000) 0 }`;

  it("v7.1: present-invalid sets only PTE_PRESENT_INVALID (the NG bit): F and NG, no SHD, AF or UXN, AttrIndx 0", () => {
    const r = simulateText(HOLE, "v7.1");
    const lines = dump(r, 0x8fff_0000n, 0x9002_0000n);
    // valid clear: F; RDONLY clear: RW; PXN clear: "x "; SHD, AF, CON, BLK, UXN, GP blank.
    expect(lines[1]).toBe("0xffff000010000000-0xffff000010010000          64K PTE F     RW x         NG                MEM/NORMAL");
    // The mapped neighbours keep the attributes of a mapping.
    expect(lines[0]).toContain(" F     RW NX SHD AF NG ");
  });

  it("v7.0: clearing PTE_VALID sets nothing, so the slots stay holes", () => {
    const r = simulateText(HOLE, "v7.0");
    expect(dump(r, 0x9000_0000n, 0x9001_0000n)).toEqual(["0xffff000010000000-0xffff000010010000          64K PTE"]);
  });
});

describe("whole leaves changed inside a contiguous group are reported (§9 q8)", () => {
  // rodata=noalias on v7.1: linear_map_requires_bbml2 is false, nothing splits, and the
  // walker changes a whole 2 MiB block inside a 32 MiB CONT_PMD group in place.
  const NOALIAS = (region: string) => `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { version v7.1; cmdline "rodata=noalias"; config KFENCE=n }\nboot { after userspace: set_memory_valid ${region} 0 }`;

  it("one block of a CONT_PMD group: a trace line and the note; the block keeps CONT", () => {
    const r = simulateText(NOALIAS("[0x9000_0000..0x9020_0000)"));
    const c = call(r, "set_memory_valid");
    expect([c.rcName, c.splits.length, c.warns]).toEqual(["0", 0, 0]);
    expect(r.log).toContain("linmap: update_range_prot: changed part of the contiguous PMD group [0x90000000..0x92000000), CONT kept");
    expect(r.notes.some((n) => n.startsWith("The permission walker changed whole leaves that are only part of a contiguous group"))).toBe(true);
    expect(dump(r, 0x9000_0000n, 0x9020_0000n)[0]).toContain("F     RW NX SHD AF NG CON");
  });

  it("both ends inside groups: the first group and a count of the others", () => {
    const r = simulateText(NOALIAS("[0x9020_0000..0x9220_0000)"));
    expect(r.log).toContain("linmap: update_range_prot: changed part of the contiguous PMD group [0x90000000..0x92000000), CONT kept (and 1 more group)");
  });

  it("one PTE of a CONT_PTE group at an unaligned bank end", () => {
    const r = simulateText(`machine { granule 4K; memory 0x8000_0000 size 0xFFF0_0000 }\ncpus { cpu 0..3 neoverse-v3 }\nkernel { version v7.1; cmdline "rodata=noalias"; config KFENCE=n }\nboot { after userspace: set_memory_valid [0x1_7FE0_1000..0x1_7FE0_2000) 0 }`);
    expect(r.log).toContain("linmap: update_range_prot: changed part of the contiguous PTE group [0x17fe00000..0x17fe10000), CONT kept");
  });

  it("whole groups only: nothing to report", () => {
    const r = simulateText(NOALIAS("[0x9000_0000..0x9400_0000)"));
    expect(r.log.some((l) => l.includes("changed part of the contiguous"))).toBe(false);
    expect(r.notes.some((n) => n.startsWith("The permission walker changed whole leaves"))).toBe(false);
  });
});

describe("KFENCE as it is (§4.5, §8.1, release-differences §5)", () => {
  const EARLY = (config: string) => `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { ${config} }`;

  function poolLines(r: SimResult): string[] {
    const pool = kfencePool(r);
    return dump(r, pool.start, pool.end);
  }
  function kfencePool(r: SimResult): { start: bigint; end: bigint } {
    const c = r.calls.find((x) => x.step === "kfence_init")!;
    return c.range!;
  }

  const objects: [string, string, number, bigint][] = [
    ["default 255 objects", "version v7.1", 255, 2n << 20n],
    ["KFENCE_NUM_OBJECTS=63", "version v7.1; config KFENCE_NUM_OBJECTS=63", 63, 512n << 10n],
  ];
  it.each(objects)("after kfence_init(), %s: 2N+1 PTE lines, N+1 of them F (8K, then 4K valid / 4K F)", (_name, config, n, size) => {
    const r = simulateText(EARLY(config));
    const pool = kfencePool(r);
    expect(pool.end - pool.start).toBe(size);
    const lines = poolLines(r);
    expect(lines).toHaveLength(2 * n + 1);
    expect(lines.filter((l) => / PTE F /.test(l))).toHaveLength(n + 1);
    expect(lines[0]).toMatch(/^\S+ +8K PTE F /);
    for (let i = 1; i < lines.length; i++) expect(lines[i]).toMatch(i % 2 === 1 ? /^\S+ +4K PTE {7}RW/ : /^\S+ +4K PTE F {5}RW/);
    const c = call(r, "set_memory_valid");
    expect([c.rcName, c.tlbFlushes, c.splits.length, totalPages(c)]).toEqual(["0", n + 2, 0, 0n]);
    expect(r.log).toContain(`kfence: initialized - using ${size} bytes for ${n} objects at 0x?-0x?`);
    expect(r.log).toContain(`linmap: kfence_init_pool: ${n + 2} pages of the pool [0x${pool.start.toString(16)}..0x${pool.end.toString(16)}) made invalid (pages 0 and 1, each object's right guard page)`);
  });

  it("F lines keep the other attributes, plus NG (PTE_PRESENT_INVALID) from v7.1 only", () => {
    const f71 = poolLines(simulateText(EARLY("version v7.1")))[0]!;
    const f70 = poolLines(simulateText(EARLY("version v7.0")))[0]!;
    expect(f71).toContain(" F     RW NX SHD AF NG ");
    expect(f70).toContain(" F     RW NX SHD AF    ");
  });

  it("the protected pages: 0, 1 and 2i+3", () => {
    const pages = kfenceProtectedPages({ start: 0n, end: 8n * 4096n }, 4096n).map((p) => p.start / 4096n);
    expect(pages).toEqual([0n, 1n, 3n, 5n, 7n]);
  });

  // The first GiB is taken by fixed buffers around the image, so the late pool lands at
  // 0xC000_0000, inside the 1 GiB PUD block of the second GiB.
  const LATE = (extra = "") => `${MACHINE}\ncpus { cpu 0..3 neoverse-v3 }\nkernel { version v7.1; cmdline "kfence.sample_interval=0" }
buffer low at 0x8000_0000 size 2M
buffer high at 0x8260_0000 size 0x3DA0_0000
boot { after userspace: kfence_init_late${extra} }`;

  it("the late pool is naturally aligned and costs 2 pages inside a 1 GiB block; the rest of the GiB is plain PMD blocks without CONT", () => {
    const r = simulateText(LATE());
    const c = call(r, "kfence_init_late");
    expect(c.label).toBe("KFENCE pool [0xc0000000..0xc0200000)");
    expect(c.splits).toEqual(["range_split_to_ptes"]);
    expect(c.pagetablePages.buddy).toBe(2n);
    const lines = dump(r, 0xc000_0000n, 0x1_0000_0000n);
    expect(lines).toHaveLength(2 * 255 + 2);
    // (The memory type is the linear map's, MEM/NORMAL or MEM/NORMAL-TAGGED: not this test's concern.)
    expect(lines[lines.length - 1]).toMatch(/^0xffff000040200000-0xffff000080000000        1022M PMD       RW NX SHD AF        BLK UXN    MEM\/NORMAL(-TAGGED)?$/);
    // The pool's own PMD: 2N+1 PTE lines, plain (no CON), right after the pool's start.
    expect(lines[0]).toMatch(/^0xffff000040000000-0xffff000040002000           8K PTE F /);
  });

  it("a later set_memory_valid starting in the late pool is a KFENCE address: no split, the walker refuses the partial block", () => {
    const r = simulateText(LATE("\nafter userspace: set_memory_valid [0xC000_0000..0xC021_0000) 1"));
    const c = r.calls.find((x) => x.call === "set_memory_valid")!;
    expect([c.rcName, c.splits.length, c.warns]).toEqual(["-EINVAL", 0, 1]);
  });

  it("a non-power-of-two pool is aligned to the largest power of two dividing it (q17)", () => {
    expect(kfenceLatePoolAlign(512n * 4096n)).toBe(2n << 20n);
    expect(kfenceLatePoolAlign(202n * 4096n)).toBe(8192n);
  });
});
