// What `linmap merge` does (./merge.ts defines its options): join the shards, in the format asked.
import { MergeError, mergeShards } from "../../runner/merge.js";
import { catalogFailed } from "../../runner/catalog-render.js";
import { SWEEP_FORMATS, type SweepFormat } from "../../runner/sweep-format.js";
import { cliMsg, runnerMsg } from "../messages.js";
import { summaryTable } from "./sweep-stream.js";
import { writeStdout } from "./runner-options.js";
import type { SetStatus } from "./index.js";
import type { MergeOptions } from "./merge.js";

export async function mergeCommand(files: string[], opts: MergeOptions, setStatus: SetStatus): Promise<void> {
  const format = (opts.format ?? "jsonl") as SweepFormat;
  if (!SWEEP_FORMATS.includes(format)) {
    process.stderr.write(`${runnerMsg.badFormat(format, SWEEP_FORMATS)}\n`);
    return setStatus(2);
  }
  try {
    const r = await mergeShards(files, format, writeStdout);
    if (r.kind === "sweep" && format === "csv") process.stderr.write(summaryTable(r.summary));
    if (r.kind === "catalog" && catalogFailed(r.report)) setStatus(1);
  } catch (e) {
    if (e instanceof MergeError) process.stderr.write(`${e.message}\n`);
    else if (e && typeof e === "object" && "code" in e && typeof e.code === "string") process.stderr.write(`${cliMsg.cannotRead(String((e as { path?: string }).path ?? files.join(" ")), e)}\n`);
    else throw e;
    setStatus(2);
  }
}

