// Simulator speed and memory (issue 3 bars): 64 TiB under 1,000 ms and 200 MB peak RSS, and
// no more than 1.5 times the 4 GiB time, for the workload in ./sim-workload.ts.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchFigure } from "./run.js";

function child<T>(bytes: bigint, mode: "time" | "memory"): T {
  const script = fileURLToPath(new URL("./sim-workload.js", import.meta.url));
  const r = spawnSync(process.execPath, [script, bytes.toString(), mode], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`sim bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export async function bench(): Promise<BenchFigure[]> {
  const big = child<{ ms: number }>(64n << 40n, "time");
  const small = child<{ ms: number }>(4n << 30n, "time");
  const mem = child<{ simPeakMb: number; processPeakMb: number }>(64n << 40n, "memory");
  return [
    { name: "sim_64tib_ms", value: big.ms, unit: "ms" },
    { name: "sim_64tib_peak_mb", value: mem.simPeakMb, unit: "MB" },
    { name: "sim_64tib_process_peak_mb", value: mem.processPeakMb, unit: "MB" },
    { name: "sim_4gib_ms", value: small.ms, unit: "ms" },
    { name: "sim_64tib_over_4gib", value: big.ms / small.ms, unit: "ratio" },
  ];
}
