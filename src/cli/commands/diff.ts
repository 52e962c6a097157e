// `linmap diff ptdump REAL SCENARIO`: a real /sys/kernel/debug/kernel_page_tables against the
// scenario's simulated linear map, aligned by offset from the start of the linear map.
// Exit 0 when they agree, 1 when they differ (or the scenario has errors), 2 when an input
// cannot be read, the dump has no linear-map lines or an option is bad.
// This module only defines the command; what it does is in ./diff-action.ts, loaded
// when it runs (start-up, issue 10: a command loads only what it uses).
import type { Command } from "commander";
import type { SetStatus } from "./index.js";

export interface DiffOptions {
  policy?: string;
  after?: string;
  json?: boolean;
  html?: string;
  align?: string;
}

export function register(program: Command, setStatus: SetStatus): void {
  const diff = program.command("diff").description("compare a real kernel artefact with a simulation");
  diff
    .command("ptdump")
    .description("compare a real ptdump (kernel_page_tables) with the scenario's simulated linear map")
    .argument("<real>", "the real dump (a file, or - for standard input)")
    .argument("<scenario>", "scenario file (.linmap)")
    .option("--policy <version>", "simulate under this kernel version or policy name instead of the scenario's")
    .option("--after <step>", "compare with the simulated map after this boot step instead of the end of boot")
    .option("--align <origin>", "offset 0 is the start of the linear map (start, the default) or each side's first mapped byte (memory: for a randomised linear base)")
    .option("--json", "print the report as JSON")
    .option("--html <out>", "also write an HTML report with both maps as strips to OUT")
    .action(async (realFile: string, scenarioFile: string, opts: DiffOptions) => (await import("./diff-action.js")).diffPtdumpCommand(realFile, scenarioFile, opts, setStatus));
}
