// `linmap run FILE --format jsonl|csv [--sweep N] [--jobs N] [--shard I/N]`: stream one sweep
// of the scenario, a record per point, on the worker pool. JSON Lines carry their summary as
// the last line; with CSV the summary (points grouped by outcome) goes to standard error.
import { renderDiagnostic } from "../../lang/index.js";
import { sweepSummaryView } from "../../render/views.js";
import { prepareSweep } from "../../runner/evaluate.js";
import { streamSweep } from "../../runner/sweep-run.js";
import { SWEEP_FORMATS, type OutcomeSummary, type SweepFormat } from "../../runner/sweep-format.js";
import { runnerMsg } from "../messages.js";
import { poolOptions, progressBar, writeStdout } from "./runner-options.js";
import { defaultJobs } from "../../runner/pool.js";
import type { SetStatus } from "./index.js";

export interface StreamOptions {
  readonly format?: string;
  readonly sweep?: string;
  readonly jobs?: string;
  readonly shard?: string;
  readonly progress?: boolean;
  readonly policy?: string;
}

/** The summary as a table for standard error. */
export function summaryTable(summary: OutcomeSummary): string {
  return `${sweepSummaryView(summary.points, summary.entries()).text}\n`;
}

export async function runStreamedSweep(file: string, text: string, opts: StreamOptions, setStatus: SetStatus): Promise<void> {
  const format = (opts.format ?? "jsonl") as SweepFormat;
  if (!SWEEP_FORMATS.includes(format)) {
    process.stderr.write(`${runnerMsg.badFormat(format, SWEEP_FORMATS)}\n`);
    return setStatus(2);
  }
  if (opts.sweep !== undefined && !(/^\d+$/.test(opts.sweep) && Number(opts.sweep) >= 1)) {
    process.stderr.write(`${runnerMsg.badSweepIndex(opts.sweep)}\n`);
    return setStatus(2);
  }
  const pool = poolOptions(opts, setStatus);
  if (!pool) return;
  if (pool.shard && format !== "jsonl") {
    process.stderr.write(`${runnerMsg.shardsAreJsonl()}\n`);
    return setStatus(2);
  }
  const sweep = Number(opts.sweep ?? "1");
  const prepared = prepareSweep(text, file, sweep, opts.policy);
  if (!prepared.ok) {
    for (const d of prepared.diagnostics) process.stderr.write(`${renderDiagnostic(d, text)}\n\n`);
    if (prepared.diagnostics.length === 0) process.stderr.write(`${runnerMsg.noSweep(file, sweep, prepared.sweeps)}\n`);
    return setStatus(prepared.diagnostics.length > 0 ? 1 : 2);
  }
  const bar = progressBar(opts.progress !== false);
  try {
    const summary = await streamSweep({
      text, file, sweep, prepared: prepared.sweep, format, jobs: pool.jobs, write: writeStdout, progress: bar.update,
      ...(pool.shard ? { shard: pool.shard } : {}),
    });
    bar.stop();
    if (format === "csv") process.stderr.write(summaryTable(summary));
  } finally {
    bar.stop();
  }
}

/** The points of the scenario's `index`-th sweep grouped by outcome, run on the pool (nothing per point is kept). */
export async function pooledSweepSummary(file: string, text: string, index: number, policy: string | undefined, progress: boolean): Promise<OutcomeSummary | undefined> {
  const prepared = prepareSweep(text, file, index, policy);
  if (!prepared.ok) return undefined;
  const bar = progressBar(progress);
  try {
    return await streamSweep({ text, file, sweep: index, prepared: prepared.sweep, format: "jsonl", jobs: defaultJobs(), write: () => undefined, progress: bar.update });
  } finally {
    bar.stop();
  }
}
