// A streamed sweep: the header, one record per point in point order, and the summary,
// written as they are computed, on one thread or a pool of them, whole or one shard.
import { LINMAP_VERSION } from "../version.js";
import { sweepAxisText } from "../lang/index.js";
import { runPool } from "./pool.js";
import type { PreparedSweep } from "./evaluate.js";
import { shardSlice, shardText, type Shard } from "./shard.js";
import { axesOf, contentHash, csvHeader, headerLine, OutcomeSummary, type SweepFormat, type SweepHeader } from "./sweep-format.js";
import type { SweepBatch, SweepTask } from "./tasks.js";

/** Somewhat more points per message than a worker takes to start, few enough to keep memory flat. */
const BATCH = 32;

export interface SweepStreamOptions {
  readonly text: string;
  readonly file: string;
  /** Which sweep of the scenario (1-based). */
  readonly sweep: number;
  readonly prepared: PreparedSweep;
  readonly format: SweepFormat;
  readonly jobs: number;
  readonly shard?: Shard;
  /** Writes a chunk of output; awaited (backpressure). */
  readonly write: (chunk: string) => void | Promise<void>;
  readonly progress?: (done: number, total: number) => void;
}

export function sweepHeader(o: Pick<SweepStreamOptions, "text" | "file" | "sweep" | "prepared" | "shard">): SweepHeader {
  const { space, item, kernel } = o.prepared;
  const slice = shardSlice(space.total, o.shard);
  return {
    kind: "sweep",
    linmap: LINMAP_VERSION,
    scenario: o.file,
    sha256: contentHash(o.text),
    sweep: o.sweep,
    text: `sweep ${item.axes.map(sweepAxisText).join(" by ")}`,
    ...(kernel ? { kernel } : {}),
    axes: axesOf(space),
    points: space.total,
    ...(o.shard ? { shard: shardText(o.shard), first: slice.first, end: slice.end } : {}),
  };
}

function* batches(first: number, end: number): Generator<SweepTask> {
  for (let from = first; from < end; from += BATCH) yield { from, to: Math.min(end, from + BATCH) };
}

/** Streams the sweep; returns the summary of the points run. */
export async function streamSweep(o: SweepStreamOptions): Promise<OutcomeSummary> {
  const { space } = o.prepared;
  const { first, end } = shardSlice(space.total, o.shard);
  const summary = new OutcomeSummary();
  await o.write(o.format === "jsonl" ? headerLine(sweepHeader(o)) : csvHeader(space));
  let done = 0;
  await runPool<SweepTask, SweepBatch>({
    jobs: o.jobs,
    setup: { mode: "sweep", text: o.text, file: o.file, sweep: o.sweep, format: o.format, ...(o.prepared.kernel ? { kernel: o.prepared.kernel } : {}) },
    tasks: batches(first, end),
    onResult: async (batch, i) => {
      const from = first + i * BATCH;
      batch.outcomes.forEach((outcome, k) => summary.add(outcome, from + k));
      done += batch.outcomes.length;
      o.progress?.(done, end - first);
      await o.write(batch.text);
    },
  });
  if (o.format === "jsonl") await o.write(summary.jsonLine());
  return summary;
}
