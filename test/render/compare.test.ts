// The compare table matches calls by identity, as the compare chart does: a call a kernel
// makes at another step is one row (v7.0's swiotlb_update_mem_attributes() at
// arch_mm_preinit, v7.1's at mem_init), and a repeated call keeps its own row.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderCompareTable } from "../../src/render/compare.js";
import { simulateText } from "../support/run-scenario.js";

const text = readFileSync(join(import.meta.dirname, "..", "..", "grammar", "examples", "valid", "swiotlb-preinit.linmap"), "utf8");

describe("the compare table", () => {
  it("has one row per call identity with each kernel's step", () => {
    const runs = ["v7.0", "v7.1"].map((version) => ({ version, result: simulateText(text, version) }));
    const swiotlb = renderCompareTable(runs).split("\n").filter((l) => l.startsWith("swiotlb_update_mem_attributes"));
    expect(swiotlb).toHaveLength(1);
    expect(swiotlb[0]).toMatch(/0 at arch_mm_preinit, 0 WARN, 0 pages, 16384 left invalid +0 at mem_init/);
  });

  it("keeps a repeated call apart from its first occurrence", () => {
    const twice = `machine { granule 4K; memory 0x40_0000_0000 size 4G }
kernel { version v7.1; config KFENCE=n }
buffer page at 0x40_4a02_1000 size 4K
boot { after userspace {
  set_memory_valid page 0
  set_memory_valid page 1
} }`;
    const r = simulateText(twice);
    const rows = renderCompareTable([{ version: "v7.1", result: r }, { version: "v7.1 again", result: r }]).split("\n").filter((l) => l.startsWith("set_memory_valid"));
    expect(rows.map((l) => l.split("  ")[0])).toEqual(["set_memory_valid page", "set_memory_valid page #2"]);
  });
});
