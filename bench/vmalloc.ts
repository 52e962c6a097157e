// set_memory_ro() over a 1 TiB vmalloc area (issue 10 item 3): with rodata=full the linear
// alias of every backing page is changed, one page at a time in the kernel, per run of pages
// here. Text in, result out, on an all-BBML2 v7.1 system whose linear map keeps its 1 GiB
// blocks, so the alias update splits all of it (2^28 pages, 17 million split steps). Bar:
// under 1,000 ms. Best of 3 runs.
import { runScenarioText } from "../src/index.js";
import type { BenchFigure } from "./run.js";

// The first bank holds the image and cannot fit the area, so the buddy allocator places it
// at the start of the second, 1 GiB aligned: 1024 whole PUD blocks.
export const VMALLOC_1TIB_SCENARIO = `
machine { granule 4K; memory 0x80_0000_0000 size 1G; memory 0x100_0000_0000 size 2T }
cpus { cpu 0..7 neoverse-v3 }
kernel { version v7.1; cmdline "rodata=on" }
vmalloc big size 1T
boot { after userspace: set_memory_ro big }
`;

export async function bench(): Promise<BenchFigure[]> {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    const o = runScenarioText(VMALLOC_1TIB_SCENARIO, "vmalloc-1tib.linmap");
    const ms = performance.now() - t0;
    if (o.kind !== "result") throw new Error("vmalloc bench scenario did not run");
    const c = o.result.calls.find((x) => x.call === "set_memory_ro");
    if (!c || c.rc !== 0 || c.tlbFlushes !== 1 << 28) throw new Error("vmalloc bench: unexpected set_memory_ro result");
    best = Math.min(best, ms);
  }
  return [{ name: "vmalloc_ro_1tib_ms", value: best, unit: "ms" }];
}
