// The simulator benchmark's workload (issue 3): RAM of a given size at 4K, one secondary
// without BBML2_NOABORT so the repaint runs, then 100,000 set_memory_valid() calls at
// scattered addresses after boot. Run in a child process so its peak RSS is its own.
import { analyzeScenario } from "../src/lang/index.js";
import { compileScenario } from "../src/compile/index.js";
import { simulate, type Program } from "../src/sim/index.js";
import type { CallEvent } from "../src/sim/program.js";

const CALLS = 100_000;

export function benchProgram(memory: bigint): Program {
  const text = `
machine { granule 4K; va_bits 48; memory 0x8000_0000 size ${memory} }
cpus { cpu 0..2 neoverse-v3; cpu 3 cortex-a720 }
kernel { version v7.1 }
`;
  const { ast, diagnostics } = analyzeScenario(text, "bench.linmap");
  if (diagnostics.length > 0) throw new Error(diagnostics[0]!.message);
  const base = compileScenario(ast);
  const pages = memory / 4096n;
  // A fixed linear congruential sequence: scattered, and the same every run.
  let x = 12345n;
  const calls: CallEvent[] = [];
  for (let i = 0; i < CALLS; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const page = (x >> 17n) % pages;
    const start = 0x8000_0000n + page * 4096n;
    calls.push({
      kind: "call",
      id: 100 + i,
      call: "set_memory_valid",
      target: { kind: "range", range: { start, end: start + 4096n }, label: "bench" },
      argument: i % 2,
      cpu: 0,
      step: "userspace",
      relation: "after",
      origin: "scenario",
    });
  }
  return { ...base, plan: [...base.plan, ...calls] };
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
