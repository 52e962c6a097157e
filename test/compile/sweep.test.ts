// `sweep`: the product of its axes, each point a rewritten scenario, and the table of results.
import { describe, expect, it } from "vitest";
import { analyzeScenario, type SweepItem } from "../../src/lang/index.js";
import { runSweep, renderSweepTable } from "../../src/index.js";
import { sweepPoints } from "../../src/compile/sweep.js";

function setup(text: string) {
  const { ast, diagnostics } = analyzeScenario(text, "s.linmap");
  expect(diagnostics).toEqual([]);
  const sweep = ast.items.find((i): i is SweepItem => i.kind === "sweep")!;
  return { ast, sweep };
}

const ITS = `
machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { cmdline "rodata=on"; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }
`;

describe("sweep", () => {
  it("enumerates the product of its axes, the first varying slowest", () => {
    const { sweep } = setup(`${ITS}\nsweep policy v7.0, v7.1 by realm on, off`);
    expect(sweepPoints(sweep).map((p) => p.map((s) => s.value).join(" "))).toEqual(["v7.0 on", "v7.0 off", "v7.1 on", "v7.1 off"]);
  });

  it("runs each point: the ITS decrypt fails on v7.0 and splits on v7.1 only in a realm", () => {
    const { ast, sweep } = setup(`${ITS}\nsweep policy v7.0, v7.1 by realm on, off`);
    const rows = runSweep(ast, sweep);
    expect(rows.map((r) => r.result?.calls.find((c) => c.call === "its_alloc_pages_node")?.rcName)).toEqual(["-EINVAL", "0", "0", "0"]);
    expect(rows.map((r) => r.result?.stats.pagetablePages)).toEqual([2n, 2n, 5n, 2n]);
    const table = renderSweepTable(rows).split("\n");
    expect(table[0]!.replace(/\s+/g, " ")).toBe("policy realm its_alloc_pages_node its_prop WARNs page-table pages expectations");
    // v7.0 in a realm: the swiotlb decrypt fails too (pageattr WARN_ON_ONCE and its leak), then the ITS leak.
    expect(table[1]!.replace(/\s+/g, " ")).toBe("v7.0 on -EINVAL 3 2 -");
  });

  it("sweeps a buffer's address: each point simulates the table at that address", () => {
    const { ast, sweep } = setup(`${ITS.replace("; realm", "; realm").replace('kernel {', 'kernel { version v7.1;')}\nsweep its_prop at 0x1_8000_0000, 0x1_8200_0000, 0x1_8234_0000`);
    const rows = runSweep(ast, sweep);
    const its = rows.map((r) => r.result!.calls.find((c) => c.call === "its_alloc_pages_node")!);
    expect(its.map((c) => c.range!.start)).toEqual([0x1_8000_0000n, 0x1_8200_0000n, 0x1_8234_0000n]);
    expect(its.map((c) => c.splits.join("+"))).toEqual(["split_pud+split_contpmd+split_pmd", "split_pud+split_contpmd+split_pmd", "split_pud+split_contpmd+split_pmd"]);
  });

  it("sweeps the granule, and reports a point where the scenario becomes invalid", () => {
    const { ast, sweep } = setup(`machine { memory 0x8000_0000 size 4G }\nbuffer b at 0x9000_4000 size 16K\nboot { after userspace: set_memory_valid b 0 }\nsweep granule 4K, 16K, 64K`);
    const rows = runSweep(ast, sweep);
    expect(rows[0]!.result?.calls[1]?.rcName).toBe("0");
    expect(rows[1]!.result?.calls.find((c) => c.call === "set_memory_valid")?.rcName).toBe("0");
    expect(rows[2]!.problem).toBe("ADDRESS-MISALIGNED: buffer 'b' address 0x90004000 is not aligned to 64K (the 64K page size)");
  });
});
