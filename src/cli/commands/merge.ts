// `linmap merge SHARD...`: join the outputs of `linmap run --format jsonl --shard I/N` (or of
// `linmap test --json --shard I/N`) into exactly the output of the run done whole.
import type { Command } from "commander";
import { MergeError, mergeShards } from "../../runner/merge.js";
import { catalogFailed } from "../../runner/catalog-render.js";
import { SWEEP_FORMATS, type SweepFormat } from "../../runner/sweep-format.js";
import { cliMsg, runnerMsg } from "../messages.js";
import { summaryTable } from "./sweep-stream.js";
import { writeStdout } from "./runner-options.js";
import type { SetStatus } from "./index.js";

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("merge")
    .description("join the outputs of the shards of a sweep or a catalogue into the output of one run")
    .argument("<shards...>", "the shards' output files, in any order")
    .option("--format <format>", "for sweeps: write jsonl (default) or csv (its summary on standard error)")
    .action(async (files: string[], opts: { format?: string }) => {
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
    });
}
