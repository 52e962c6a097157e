// ptdump's exact format (domain.md §8.1), and whole dumps of bundled scenarios kept as
// committed snapshot files, reviewed like code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ptdumpAttributes, ptdumpSize, renderPtdump } from "../../src/render/ptdump.js";
import { CONT, NG, NS_SHARED, PXN, RDONLY, TAGGED, VALID, WALKER_ONLY } from "../../src/sim/index.js";
import { simulateText } from "../support/run-scenario.js";

describe("ptdump fields", () => {
  it("sizes: %9lu and the largest unit that keeps the number whole", () => {
    expect(ptdumpSize(4096n)).toBe("        4K");
    expect(ptdumpSize(2044n * 1024n)).toBe("     2044K");
    expect(ptdumpSize(1n << 30n)).toBe("        1G");
    expect(ptdumpSize(1984n << 20n)).toBe("     1984M");
    expect(ptdumpSize(127n << 40n)).toBe("      127T");
    // 127.5 TiB is not a whole number of TiB: the kernel stops at G.
    expect(ptdumpSize((255n << 40n) / 2n)).toBe("   130560G");
  });

  it("attributes in the kernel's order, blank or the marker", () => {
    expect(ptdumpAttributes(1 | VALID | PXN | CONT, true)).toBe("       RW NX SHD AF    CON BLK UXN    MEM/NORMAL");
    expect(ptdumpAttributes(1 | VALID | PXN | RDONLY, false)).toBe("       ro NX SHD AF            UXN    MEM/NORMAL");
    // present-invalid after 15bfba1ad77f: F, and NG (the same bit); no BLK on an invalid block
    expect(ptdumpAttributes(1 | PXN | NG, true)).toBe(" F     RW NX SHD AF NG         UXN    MEM/NORMAL");
    expect(ptdumpAttributes(1 | VALID | PXN | TAGGED, true)).toBe("       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED");
    expect(ptdumpAttributes(0, true)).toBe("");
  });

  it("an empty PTE slot the walker wrote prints only the bits there (no SHD, AF, UXN; AttrIndx 0 = MEM/NORMAL)", () => {
    // set_memory_ro over a hole: PTE_RDONLY alone.
    expect(ptdumpAttributes(1 | WALKER_ONLY | RDONLY, false)).toBe(" F     ro x" + " ".repeat(27) + "MEM/NORMAL");
    // present-invalid (v7.1): the NG bit alone.
    expect(ptdumpAttributes(1 | WALKER_ONLY | NG, false)).toBe(" F     RW x         NG                MEM/NORMAL");
    // PROT_NS_SHARED is outside ptdump's mask: a slot with nothing else reads as a hole.
    expect(ptdumpAttributes(1 | WALKER_ONLY | NS_SHARED, false)).toBe("");
  });
});

describe("whole dumps", () => {
  const root = join(import.meta.dirname, "..", "..");
  const scenario = readFileSync(join(root, "grammar", "examples", "valid", "realm-its.linmap"), "utf8");
  for (const version of ["v7.0", "v7.1"]) {
    it(`realm-its under ${version}`, async () => {
      const r = simulateText(scenario, version);
      const text = `${renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks }).join("\n")}\n`;
      await expect(text).toMatchFileSnapshot(`./__snapshots__/realm-its-${version}.ptdump`);
    });
  }
  it("mixed-soc-repaint after the repaint", async () => {
    const r = simulateText(readFileSync(join(root, "grammar", "examples", "valid", "mixed-soc-repaint.linmap"), "utf8"));
    const text = `${renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false }).join("\n")}\n`;
    await expect(text).toMatchFileSnapshot("./__snapshots__/mixed-soc-repaint.ptdump");
  });
});
