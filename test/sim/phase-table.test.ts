// domain.md §6.2: a split-requiring request (64K inside a 1 GiB block) at each boot phase,
// under each of the five policies. BBML2 boot CPU, rodata_full (each era's default).
import { describe, expect, it } from "vitest";
import { call, simulateText, totalPages } from "../support/run-scenario.js";

function scenario(when: string, opts: { weakSecondary?: boolean; onCpu?: number } = {}): string {
  return `
machine { granule 4K; memory 0x8000_0000 size 4G }
cpus {
  cpu 0..3 neoverse-v3
  ${opts.weakSecondary ? "cpu 4 cortex-a720" : ""}
}
kernel { config KFENCE=n }
buffer buf at 0xC001_0000 size 64K
boot { ${when}: set_memory_valid buf 0${opts.onCpu !== undefined ? ` on cpu ${opts.onCpu}` : ""} }
`;
}

type Row = { rc: string; warns: number; pages: bigint };
const ok = (pages: bigint): Row => ({ rc: "0", warns: 0, pages });
const einval: Row = { rc: "-EINVAL", warns: 1, pages: 0n };
const ebusy: Row = { rc: "-EBUSY", warns: 2, pages: 0n };

const PHASES: { phase: string; when: string; opts?: { weakSecondary?: boolean; onCpu?: number }; expected: Record<string, Row> }[] = [
  { phase: "P1 arch_mm_preinit", when: "at arch_mm_preinit", expected: { "v6.17": ok(0n), "v7.0": einval, "fix-v1": ebusy, "v7.1": ebusy, "memblock-split": ok(2n) } },
  { phase: "P1 memblock_free_all", when: "at memblock_free_all", expected: { "v6.17": ok(0n), "v7.0": einval, "fix-v1": ebusy, "v7.1": ebusy, "memblock-split": ok(2n) } },
  { phase: "P2 init_IRQ", when: "at init_IRQ", expected: { "v6.17": ok(0n), "v7.0": einval, "fix-v1": ok(2n), "v7.1": ok(2n), "memblock-split": ok(2n) } },
  { phase: "P3 smp_init, BBML2 CPU", when: "at smp_init", opts: { onCpu: 2 }, expected: { "v6.17": ok(0n), "v7.0": einval, "fix-v1": ebusy, "v7.1": ebusy, "memblock-split": ebusy } },
  {
    phase: "P3 smp_init, non-BBML2 CPU",
    when: "at smp_init",
    opts: { weakSecondary: true, onCpu: 4 },
    expected: { "v6.17": ok(0n), "v7.0": einval, "fix-v1": einval, "v7.1": ebusy, "memblock-split": ebusy },
  },
  { phase: "P4a caps final, all BBML2", when: "after userspace", expected: { "v6.17": ok(0n), "v7.0": ok(2n), "fix-v1": ok(2n), "v7.1": ok(2n), "memblock-split": ok(2n) } },
  {
    phase: "P4b caps final, after the repaint",
    when: "after userspace",
    opts: { weakSecondary: true },
    expected: { "v6.17": ok(0n), "v7.0": ok(0n), "fix-v1": ok(0n), "v7.1": ok(0n), "memblock-split": ok(0n) },
  },
];

describe("§6.2 behaviour of a split-requiring request by boot phase", () => {
  for (const p of PHASES) {
    for (const [version, want] of Object.entries(p.expected)) {
      it(`${p.phase} under ${version}: ${want.rc}, ${want.warns} WARN, ${want.pages} pages`, () => {
        const r = simulateText(scenario(p.when, p.opts), version);
        const c = call(r, "set_memory_valid", "buf");
        expect({ rc: c.rcName, warns: c.warns, pages: totalPages(c) }).toEqual(want);
      });
    }
  }

  it("v7.0 at P1 WARNs in pageattr_pud_entry (WARN_ON_ONCE), v7.1 in split_kernel_leaf_mapping then update_range_prot", () => {
    // mm_core_init() runs in the boot task: PID 0, comm swapper; v6.19+ header (28ea295f941e).
    const b = simulateText(scenario("at arch_mm_preinit"), "v7.0").log.filter((l) => l.startsWith("WARNING"));
    expect(b).toEqual(["WARNING: arch/arm64/mm/pageattr.c:? at pageattr_pud_entry+0x?/0x?, CPU#0: swapper/0"]);
    const d = simulateText(scenario("at arch_mm_preinit"), "v7.1").log.filter((l) => l.startsWith("WARNING"));
    expect(d).toEqual([
      "WARNING: arch/arm64/mm/mmu.c:? at split_kernel_leaf_mapping+0x?/0x?, CPU#0: swapper/0",
      "WARNING: arch/arm64/mm/pageattr.c:? at update_range_prot+0x?/0x?, CPU#0: swapper/0",
    ]);
  });

  it("memblock-split takes the early split's tables from memblock and says window 2 is assumed", () => {
    const r = simulateText(scenario("at arch_mm_preinit"), "memblock-split");
    expect(call(r, "set_memory_valid", "buf").pagetablePages).toEqual({ memblock: 2n, buddy: 0n, atomic: 0n });
    expect(r.notes.some((n) => n.includes("window 2 is assumed"))).toBe(true);
  });

  it("v6.17 with rodata=on (not full before v6.18) keeps blocks, and apply_to_page_range() refuses them", () => {
    const r = simulateText(scenario("at init_IRQ").replace("config KFENCE=n", 'config KFENCE=n; cmdline "rodata=on"'), "v6.17");
    const c = call(r, "set_memory_valid", "buf");
    expect([c.rcName, c.warns]).toEqual(["-EINVAL", 1]);
    // init_IRQ runs after sched_init(): still PID 0; <= v6.18 header.
    expect(r.log).toContain("WARNING: CPU: 0 PID: 0 at mm/memory.c:? apply_to_pud_range+0x?/0x?");
  });

  it("v6.17 maps the whole linear map with PTEs under rodata=full (can_set_direct_map())", () => {
    const r = simulateText(scenario("at init_IRQ"), "v6.17");
    expect(r.log).toContain("linmap: map_mem: linear map mapped with PTEs (force_pte_mapping())");
    // The kernel alias [_stext, __init_begin) keeps 11 PMD blocks: it is mapped with
    // NO_CONT_MAPPINGS only, even when the rest of the map is forced to PTEs (domain.md §2.2).
    expect(r.stats.pagetablePages).toBe(1n + 4n * 513n - 11n);
  });
});
