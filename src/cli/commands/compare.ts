// `linmap compare FILE --policies v7.0,v7.1`: the same scenario under several kernels, a
// table of every call's outcome side by side and the differences between the final maps.
// This module only defines the command; what it does is in ./compare-action.ts, loaded
// when it runs (start-up, issue 10: a command loads only what it uses).
import type { Command } from "commander";
import { DEFAULT_WIDTH, MIN_WIDTH } from "../../render/charts/layout.js";
import type { SetStatus } from "./index.js";

export type CompareOptions = { policies?: string; html?: string; json?: boolean; chartWidth?: string };

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("compare")
    .description("run a scenario under several kernels and compare the outcomes")
    .argument("<file>", "scenario file (.linmap)")
    .option("--policies <versions>", "comma-separated kernel versions or policy names (default: the scenario's compare command)")
    .option("--html <out>", "also write a standalone HTML report with the comparison charts to OUT")
    .option("--json", "print the comparison as JSON (schema/compare.schema.json): every kernel's result and the per-call rows")
    .option("--chart-width <px>", `width of each chart in the HTML report, at least ${MIN_WIDTH} (default ${DEFAULT_WIDTH})`)
    .action(async (file: string, opts: CompareOptions) => (await import("./compare-action.js")).compareCommand(file, opts, setStatus));
}
