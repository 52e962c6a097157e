// One streamed sweep in a process of its own, for bench/sweep.ts: the seed's ITS scenario
// (grammar/examples/valid/realm-its.linmap) with a sweep appended, its records written to
// standard output (the bench sends them to /dev/null). Prints {points, ms, cpuMs, peakMb} on stderr's
// last line: peakMb is the process's peak RSS, every worker thread included.
//   node sweep-workload.js JOBS "SWEEP LINE"
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prepareSweep } from "../src/runner/evaluate.js";
import { streamSweep } from "../src/runner/sweep-run.js";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..", "..");
const jobs = Number(process.argv[2] ?? "1");
const sweep = process.argv[3] ?? "sweep its_prop at 0x1_8000_0000..0x1_8200_0000 step 64K";
const text = `${readFileSync(join(root, "grammar/examples/valid/realm-its.linmap"), "utf8")}\n${sweep}\n`;
const prepared = prepareSweep(text, "realm-its.linmap", 1);
if (!prepared.ok) throw new Error("the bench sweep does not check");
const write = (chunk: string) => (process.stdout.write(chunk) ? undefined : new Promise<void>((r) => process.stdout.once("drain", () => r())));
const t0 = performance.now();
const summary = await streamSweep({ text, file: "realm-its.linmap", sweep: 1, prepared: prepared.sweep, format: "jsonl", jobs, write });
const ms = performance.now() - t0;
// CPU time of every thread of the process, load-independent where wall time is not.
const cpuMs = process.cpuUsage().user / 1000;
process.stderr.write(`${JSON.stringify({ points: summary.points, ms, cpuMs, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
