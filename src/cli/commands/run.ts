// `linmap run FILE`: simulate a scenario and print what its output commands ask for (or
// --show), the expectations and the notes; --json prints the result as JSON instead.
// Exit 0 when every expectation holds, 1 when one fails or the scenario has errors.
// This module only defines the command: what it does is in ./run-action.ts, loaded when it
// runs (start-up, issue 10: a command loads only what it uses).
import { Option, type Command } from "commander";
import { DEFAULT_WIDTH, MIN_WIDTH } from "../../render/charts/layout.js";
import type { StreamOptions } from "./sweep-stream.js";
import type { SetStatus } from "./index.js";
import { RESULT_VIEWS as VIEWS } from "../../render/result-views.js";

export type RunOptions = { policy?: string; json?: boolean; show?: string; html?: string; chartWidth?: string } & StreamOptions;

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("run")
    .description("simulate a scenario and print its results")
    .argument("<file>", "scenario file (.linmap; - for standard input)")
    .option("--policy <version>", "run under this kernel version or policy name instead of the scenario's")
    .addOption(new Option("--json", "print the result as JSON (schema/result.schema.json)").conflicts("show"))
    .option("--show <views>", `comma-separated views instead of the scenario's show commands: ${VIEWS.join(",")}`)
    .option("--html <out>", "also write a standalone HTML report (charts, calls, trace, ptdump) to OUT")
    .option("--chart-width <px>", `width of each chart in the HTML report, at least ${MIN_WIDTH} (default ${DEFAULT_WIDTH})`)
    .option("--format <format>", "stream the scenario's sweep instead, one record per point: jsonl or csv")
    .option("--sweep <n>", "with --format: which sweep of the scenario (default 1)")
    .option("--jobs <n>", "with --format: worker threads (default: the number of cores)")
    .option("--shard <i/n>", "with --format: run only the i-th of n slices of the points (join them with linmap merge)")
    .option("--no-progress", "with --format: no progress bar on standard error (there is none unless it is a terminal)")
    .action(async (file: string, opts: RunOptions) => (await import("./run-action.js")).runCommand(file, opts, setStatus));
}
