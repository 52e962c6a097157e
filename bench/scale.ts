// Every stage linear in its input, measured through the real path (text in, result out):
// 100,000 calls at one boot step, 100,000 fixed buffers each used by one call, and the
// parser's error recovery over 1.3 MB of an unclosed `at init_IRQ {`. Bars (issue 10):
// under 2 s for each scenario (the median of three runs), under 1 s for the recovery.
//
// The two scenarios are clean text, parsed by src/lang/clean-parser.ts; the recovery runs
// LinmapParser, whose first use in the process this is (building it and warming its code
// are in that figure). test/lang/check/scale.test.ts holds the indexes that keep check and
// compile linear against the searches they replaced.
import { parseScenario } from "../src/lang/index.js";
import { runScenarioText } from "../src/index.js";
import type { BenchFigure } from "./run.js";

const N = 100_000;

/** 100,000 set_memory_valid calls on pages of one buffer, all at init_IRQ. */
export function callsAtOneStep(n = N): string {
  const lines = ["machine { granule 4K; memory 0x8000_0000 size 4G }", "buffer b at 0x1_0000_0000 size 1G", "boot {", "  at init_IRQ {"];
  for (let i = 0; i < n; i++) lines.push(`    set_memory_valid b[${i % 262_144}] ${i % 2}`);
  lines.push("  }", "}", "expect warns 0");
  return `${lines.join("\n")}\n`;
}

/** 100,000 fixed 64K buffers, each made invalid and valid again by one call. */
export function fixedBuffers(n = N): string {
  const lines = ["machine { granule 4K; memory 0x8000_0000 size 16G }", "boot {"];
  const decls: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = 0x1_0000_0000n + BigInt(i) * 0x2_0000n;
    decls.push(`buffer b${i} at 0x${at.toString(16)} size 64K`);
    lines.push(`  after userspace: set_memory_valid b${i} ${i % 2}`);
  }
  lines.push("}");
  return `${[...decls, ...lines].join("\n")}\n`;
}

export function unclosedBlocks(bytes = 1_300_000): string {
  const unit = "boot { at init_IRQ {\n";
  return unit.repeat(Math.ceil(bytes / unit.length));
}

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/**
 * The median of `runs` timings: one run of these scenarios varies by a third here from one
 * moment to the next (a first touch of a page costs ~12 us on this machine, and how many a
 * run touches depends on when the collector runs), which one figure cannot tell from a change.
 */
function medianOf(runs: number, f: () => void): number {
  const times = Array.from({ length: runs }, () => {
    // Each run from a heap without the last run's garbage, as a `linmap run` process starts
    // (`npm run bench` runs node with --expose-gc; without it the runs follow one another).
    (globalThis as { gc?: () => void }).gc?.();
    return timed(f);
  }).sort((a, b) => a - b);
  return times[runs >> 1]!;
}

const RUNS = 3;

export async function bench(): Promise<BenchFigure[]> {
  const calls = callsAtOneStep();
  const buffers = fixedBuffers();
  const recovery = unclosedBlocks();
  const run = (text: string) => () => {
    const o = runScenarioText(text, "bench.linmap");
    if (o.kind !== "result") throw new Error(o.diagnostics[0]?.message ?? "no result");
  };
  return [
    { name: "run_100k_calls_one_step_ms", value: Math.round(medianOf(RUNS, run(calls))), unit: "ms" },
    { name: "run_100k_fixed_buffers_ms", value: Math.round(medianOf(RUNS, run(buffers))), unit: "ms" },
    { name: "parse_recovery_1_3mb_ms", value: Math.round(timed(() => parseScenario(recovery, "bench.linmap"))), unit: "ms" },
  ];
}
