// `linmap test DIR [--policies v7.0,v7.1] [--update] [--json] [--jobs N] [--shard I/N]`: run a
// catalogue of scenarios and compare each call's outcome with the expected file beside it.
// Exit 0 when everything holds, 1 on a failed expectation or a changed or missing outcome,
// 2 on bad input.
// This module only defines the command; what it does is in ./test-action.ts, loaded
// when it runs (start-up, issue 10: a command loads only what it uses).
import type { Command } from "commander";
import type { SetStatus } from "./index.js";

export type TestOptions = { policies?: string; update?: boolean; json?: boolean; jobs?: string; shard?: string; progress?: boolean };

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("test")
    .description("run every scenario of a folder under its kernels and compare the outcomes with the expected files")
    .argument("<dir>", "folder of .linmap scenarios, each with NAME.expected beside it")
    .option("--policies <versions>", "comma-separated kernels to run every scenario under (default: each scenario's compare kernels, else its version)")
    .option("--update", "rewrite the expected files with the outcomes of this run")
    .option("--json", "print the report as JSON")
    .option("--jobs <n>", "worker threads (default: the number of cores)")
    .option("--shard <i/n>", "run only the i-th of n slices of the scenarios (join the --json outputs with linmap merge)")
    .option("--no-progress", "no progress bar on standard error (there is none unless it is a terminal, nor with --json)")
    .action(async (dir: string, opts: TestOptions) => (await import("./test-action.js")).testCommand(dir, opts, setStatus));
}
