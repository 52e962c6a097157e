// `linmap sweep FILE`: one sweep of a scenario on its own. The table `linmap run` prints (past
// SWEEP_POINT_LIMIT points, the points grouped by outcome), `--json` as one document with every
// point's full result and the per-call rows (schema/sweep.schema.json), or `--format
// jsonl|csv` streamed on the worker pool as `linmap run --format` does.
// This module only defines the command; what it does is in ./sweep-action.ts, loaded
// when it runs (start-up, issue 10: a command loads only what it uses).
import { Option, type Command } from "commander";
import { SWEEP_POINT_LIMIT } from "../../lang/check/outputs.js";
import type { StreamOptions } from "./sweep-stream.js";
import type { SetStatus } from "./index.js";

export type SweepOptions = { json?: boolean } & StreamOptions;

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("sweep")
    .description("run one sweep of a scenario: a table, one JSON document, or a stream of points")
    .argument("<file>", "scenario file (.linmap; - for standard input)")
    .option("--sweep <n>", "which sweep of the scenario (default 1)")
    .option("--policy <version>", "the kernel of points that do not sweep the policy")
    .addOption(new Option("--json", `print the sweep as one JSON document (schema/sweep.schema.json; at most ${SWEEP_POINT_LIMIT} points)`).conflicts("format"))
    .option("--format <format>", "stream one record per point instead: jsonl or csv")
    .option("--jobs <n>", "with --format: worker threads (default: the number of cores)")
    .option("--shard <i/n>", "with --format: run only the i-th of n slices of the points (join them with linmap merge)")
    .option("--no-progress", "no progress bar on standard error (there is none unless it is a terminal)")
    .action(async (file: string, opts: SweepOptions) => (await import("./sweep-action.js")).sweepCommand(file, opts, setStatus));
}
