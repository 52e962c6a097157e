// `linmap merge SHARD...`: join the outputs of `linmap run --format jsonl --shard I/N` (or of
// `linmap test --json --shard I/N`) into exactly the output of the run done whole.
// This module only defines the command; what it does is in ./merge-action.ts, loaded
// when it runs (start-up, issue 10: a command loads only what it uses).
import type { Command } from "commander";
import type { SetStatus } from "./index.js";

export type MergeOptions = { format?: string };

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("merge")
    .description("join the outputs of the shards of a sweep or a catalogue into the output of one run")
    .argument("<shards...>", "the shards' output files, in any order")
    .option("--format <format>", "for sweeps: write jsonl (default) or csv (its summary on standard error)")
    .action(async (files: string[], opts: MergeOptions) => (await import("./merge-action.js")).mergeCommand(files, opts, setStatus));
}
