// The realm paths of domain.md §4.3 and §4.5: the seed's ITS and swiotlb cases.
import { describe, expect, it } from "vitest";
import { call, simulateText, totalPages } from "../support/run-scenario.js";
import { renderPtdump } from "../../src/render/ptdump.js";

const ITS = `
machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { cmdline "rodata=on"; realm }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }
`;

describe("GIC ITS tables decrypted at init_IRQ (64K inside a 1 GiB PUD block)", () => {
  it("v7.0: -EINVAL from the permission walker and 16 pages leaked with a WARN", () => {
    const r = simulateText(ITS, "v7.0");
    const c = call(r, "its_alloc_pages_node", "its_prop");
    expect(c.rcName).toBe("-EINVAL");
    expect(totalPages(c)).toBe(0n);
    expect(c.tlbFlushes).toBe(1);
    expect(r.log).toContain("Failed to decrypt memory, 16 pages will be leaked");
    const splat = r.log.slice(r.log.indexOf("Failed to decrypt memory, 16 pages will be leaked"));
    expect(splat.slice(0, 9)).toEqual([
      "Failed to decrypt memory, 16 pages will be leaked",
      "WARNING: arch/arm64/mm/pageattr.c:? at realm_set_memory_decrypted+0x?/0x?, CPU#0: swapper/0/0",
      "Modules linked in:",
      // The pageattr WARN before it tainted the kernel.
      "CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Tainted: G        W           7.0.0 #? ?",
      "Tainted: [W]=WARN",
      "Call trace:",
      " realm_set_memory_decrypted",
      " set_memory_decrypted",
      " its_alloc_pages_node",
    ]);
  });

  it("v7.1: split_pud + split_contpmd + split_pmd, 2 pages from the buddy allocator, rc 0, 1 TLB flush", () => {
    const r = simulateText(ITS, "v7.1");
    const c = call(r, "its_alloc_pages_node", "its_prop");
    expect(c.rcName).toBe("0");
    expect(c.splits).toEqual(["split_pud", "split_contpmd", "split_pmd"]);
    expect(c.pagetablePages).toEqual({ memblock: 0n, buddy: 2n, atomic: 0n });
    expect(c.tlbFlushes).toBe(1);
    expect(c.warns).toBe(0);
    expect(c.invalidPagesLeft).toBe(0n);
  });

  it("v7.1: the decrypted 64K is valid and shared in PTEs, and ptdump shows it like its neighbours", () => {
    const r = simulateText(`${ITS}\nexpect its_prop is shared, valid, rw, nx\nexpect its_prop leaf 4K`, "v7.1");
    expect(r.expectations.map((e) => e.passed)).toEqual([true, true]);
    const lines = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false, range: { start: 0x1_8220_0000n, end: 0x1_8240_0000n } });
    expect(lines).toEqual([
      "---[ Linear Mapping start ]---",
      "0xffff000102200000-0xffff000102400000           2M PTE       RW NX SHD AF    CON     UXN    MEM/NORMAL-TAGGED",
      "---[ Linear Mapping end ]---",
    ]);
  });

  it("realm + rodata=noalias on v7.1: the map is block mapped with linear_map_requires_bbml2 false, so the decrypt fails", () => {
    const r = simulateText(ITS.replace("rodata=on", "rodata=noalias"), "v7.1");
    expect(r.linearMapRequiresBbml2).toBe(false);
    // The swiotlb decrypt at mem_init fails the same way first and uses up pageattr's WARN_ON_ONCE.
    const s = call(r, "swiotlb_update_mem_attributes");
    expect([s.step, s.rcName, s.warns]).toEqual(["mem_init", "-EINVAL", 2]);
    const c = call(r, "its_alloc_pages_node", "its_prop");
    expect([c.rcName, c.warns]).toEqual(["-EINVAL", 1]);
    expect(r.notes.some((n) => n.includes("arm64_rsi_init() runs after map_mem()"))).toBe(true);
  });

  it("outside a realm set_memory_decrypted returns 0 and changes nothing", () => {
    const r = simulateText(ITS.replace("; realm", ""), "v7.0");
    const c = call(r, "its_alloc_pages_node", "its_prop");
    expect([c.rcName, c.warns, c.tlbFlushes]).toEqual(["0", 0, 0]);
  });
});

const SWIOTLB = `
machine { granule 4K; memory 0x4000_0000 size 2G }
cpus { cpu 0..3 neoverse-v3 }
kernel { cmdline "rodata=on"; realm }
`;

describe("the realm swiotlb pool (swiotlb_update_mem_attributes)", () => {
  it("v7.0 at arch_mm_preinit: whole PMD blocks made invalid, revalidation skips them: rc 0, no WARN, the pool stays invalid", () => {
    const r = simulateText(SWIOTLB, "v7.0");
    const c = call(r, "swiotlb_update_mem_attributes");
    expect([c.step, c.rcName, c.warns]).toEqual(["arch_mm_preinit", "0", 0]);
    expect(c.invalidPagesLeft).toBe(16384n);
    expect(r.warnCount).toBe(0);
  });

  it("v7.0: ptdump does not show the invalid blocks (they read as the line before)", () => {
    const r = simulateText(SWIOTLB, "v7.0");
    const dump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks });
    expect(dump.some((l) => / F /.test(l) && / PMD /.test(l))).toBe(false);
    const fixed = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false });
    expect(fixed.some((l) => / PMD F /.test(l))).toBe(true);
  });

  it("v7.1 at mem_init: the pool's edges are 2 MiB aligned, so 0 pages, rc 0, valid and shared", () => {
    // The pool ends where the KFENCE pool (PTE mapped) starts: that CONT_PMD group never had
    // the contiguous bit, so only the group at the start is split.
    const r = simulateText(`${SWIOTLB}\nexpect [0xBBE0_0000..0xBFE0_0000) is valid, shared`, "v7.1");
    const c = call(r, "swiotlb_update_mem_attributes");
    expect([c.step, c.rcName, c.warns, totalPages(c)]).toEqual(["mem_init", "0", 0, 0n]);
    expect(c.splits).toEqual(["split_contpmd"]);
    expect(r.expectations[0]!.passed).toBe(true);
  });

  it("`move` puts the kernel's own call back in arch_mm_preinit on v7.1: WARN and -EBUSY (window 1)", () => {
    const r = simulateText(`${SWIOTLB}\nboot { move swiotlb_update_mem_attributes to arch_mm_preinit }`, "v7.1");
    const c = call(r, "swiotlb_update_mem_attributes");
    expect([c.step, c.rcName]).toEqual(["arch_mm_preinit", "-EBUSY"]);
    expect(r.log).toContain("Failed to decrypt memory, 16384 pages will be leaked");
  });
});
