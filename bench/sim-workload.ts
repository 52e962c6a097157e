// The simulator benchmark's workload (issue 3): RAM of a given size at 4K, one secondary
// without BBML2_NOABORT so the repaint runs, then 100,000 set_memory_valid() calls at
// scattered addresses after boot, written as a scenario and compiled like any other (the
// figures time the simulation of the compiled program). Run in a child process so its peak
// RSS is its own.
import { parseScenario } from "../src/lang/index.js";
import { admit } from "../src/pipeline.js";
import { simulate, type Program } from "../src/sim/index.js";

const CALLS = 100_000;

/** The workload as a scenario text: the calls are the scenario's own, at `after userspace`. */
export function benchText(memory: bigint): string {
  const pages = memory / 4096n;
  const lines = [
    `machine { granule 4K; va_bits 48; memory 0x8000_0000 size ${memory} }`,
    "cpus { cpu 0..2 neoverse-v3; cpu 3 cortex-a720 }",
    "kernel { version v7.1 }",
    "boot {",
    "  after userspace {",
  ];
  // A fixed linear congruential sequence: scattered, and the same every run.
  let x = 12345n;
  for (let i = 0; i < CALLS; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const page = (x >> 17n) % pages;
    lines.push(`    set_memory_valid 0x${(0x8000_0000n + page * 4096n).toString(16)} size 4K ${i % 2}`);
  }
  lines.push("  }", "}");
  return `${lines.join("\n")}\n`;
}

/** The program the compiler makes of benchText(memory), through the checker like any run. */
export function benchProgram(memory: bigint): Program {
  const { ast, diagnostics } = parseScenario(benchText(memory), "bench.linmap");
  if (diagnostics.length > 0) throw new Error(diagnostics[0]!.message);
  const admitted = admit(ast);
  if (!admitted.ok) throw new Error(admitted.diagnostics[0]!.message);
  return admitted.program;
}

/**
 * Child entry: `node sim-workload.js <bytes> time` prints {"ms"} (best of 5 runs);
 * `... memory` runs once in this fresh process and prints the peak RSS while simulating
 * (process peak minus the RSS just before, so the 100,000-event input is not counted) and
 * the whole process's peak.
 */
async function child(): Promise<void> {
  const memory = BigInt(process.argv[2]!);
  if (process.argv[3] === "memory") {
    const program = benchProgram(memory);
    const before = process.memoryUsage().rss / 1048576;
    const r = simulate(program);
    if (r.calls.length < CALLS) throw new Error("calls missing");
    const peak = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ simPeakMb: peak - before, processPeakMb: peak }));
    return;
  }
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const program = benchProgram(memory);
    const t0 = performance.now();
    const r = simulate(program);
    best = Math.min(best, performance.now() - t0);
    if (r.calls.length < CALLS) throw new Error("calls missing");
  }
  process.stdout.write(JSON.stringify({ ms: best }));
}

if (process.argv[1]?.endsWith("sim-workload.js")) await child();
