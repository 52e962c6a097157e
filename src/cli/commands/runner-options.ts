// Options shared by the commands that run on the worker pool (`run --format`, `test`):
// --jobs, --shard, the progress bar, and writing to stdout with backpressure.
import cliProgress from "cli-progress";
import { defaultJobs } from "../../runner/pool.js";
import { parseShard, type Shard } from "../../runner/shard.js";
import { runnerMsg } from "../messages.js";
import type { SetStatus } from "./index.js";

export interface PoolOptions {
  readonly jobs: number;
  readonly shard?: Shard;
}

/** --jobs and --shard, or undefined after reporting a bad value (status 2). */
export function poolOptions(opts: { jobs?: string; shard?: string }, setStatus: SetStatus): PoolOptions | undefined {
  let jobs = defaultJobs();
  if (opts.jobs !== undefined) {
    if (!/^\d+$/.test(opts.jobs) || Number(opts.jobs) < 1) {
      process.stderr.write(`${runnerMsg.badJobs(opts.jobs)}\n`);
      setStatus(2);
      return undefined;
    }
    jobs = Number(opts.jobs);
  }
  if (opts.shard === undefined) return { jobs };
  const shard = parseShard(opts.shard);
  if (!shard) {
    process.stderr.write(`${runnerMsg.badShard(opts.shard)}\n`);
    setStatus(2);
    return undefined;
  }
  return { jobs, shard };
}

/**
 * A progress bar on standard error, only when it is a terminal and not turned off with
 * --no-progress: standard output (results) is never touched, so piped or redirected runs
 * and CI logs see no bar.
 */
export function progressBar(enabled: boolean): { update: (done: number, total: number) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: "{bar} {value}/{total} {percentage}% {eta_formatted} left", hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

let pipeWatched = false;

/**
 * Writes to standard output, waiting when its buffer is full (so memory stays flat on a slow
 * pipe). A reader that stops early (`| head`) ends the run quietly, as for any Unix filter.
 */
export function writeStdout(chunk: string): void | Promise<void> {
  if (!pipeWatched) {
    pipeWatched = true;
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  if (process.stdout.write(chunk)) return undefined;
  return new Promise((resolve) => process.stdout.once("drain", () => resolve()));
}
