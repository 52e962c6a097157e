// `linmap sweep FILE`: one sweep of a scenario on its own. The table `linmap run` prints (past
// SWEEP_POINT_LIMIT points, the points grouped by outcome), `--json` as one document with every
// point's full result and the per-call rows (schema/sweep.schema.json), or `--format
// jsonl|csv` streamed on the worker pool as `linmap run --format` does.
import { Option, type Command } from "commander";
import { findKernelVersion } from "../../catalog/index.js";
import { isKernelName } from "../../compile/index.js";
import { analyzeScenario, SWEEP_POINT_LIMIT } from "../../lang/index.js";
import { runSweep } from "../../pipeline.js";
import { prepareSweep } from "../../runner/evaluate.js";
import { renderSweepJson } from "../../render/sweep-json.js";
import { diagnosticsJson, printDiagnostics, readInput } from "../io.js";
import { cliMsg, runnerMsg } from "../messages.js";
import type { SetStatus } from "./index.js";
import { sweepSection } from "./run.js";
import { runStreamedSweep, type StreamOptions } from "./sweep-stream.js";

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
    .action(async (file: string, opts: { json?: boolean } & StreamOptions) => {
      const text = await readInput(file, setStatus);
      if (text === undefined) return;
      if (opts.policy && !findKernelVersion(opts.policy) && !isKernelName(analyzeScenario(text, file).ast, opts.policy)) {
        process.stderr.write(`${cliMsg.unknownVersion(opts.policy)}\n`);
        return setStatus(2);
      }
      if (opts.format !== undefined || opts.jobs !== undefined || opts.shard !== undefined) return runStreamedSweep(file, text, opts, setStatus);
      if (opts.sweep !== undefined && !(/^\d+$/.test(opts.sweep) && Number(opts.sweep) >= 1)) {
        process.stderr.write(`${runnerMsg.badSweepIndex(opts.sweep)}\n`);
        return setStatus(2);
      }
      const index = Number(opts.sweep ?? "1");
      const prepared = prepareSweep(text, file, index, opts.policy);
      if (!prepared.ok) {
        if (opts.json && prepared.diagnostics.length > 0) process.stdout.write(diagnosticsJson(prepared.diagnostics));
        else printDiagnostics(prepared.diagnostics, text);
        if (prepared.diagnostics.length === 0) process.stderr.write(`${runnerMsg.noSweep(file, index, prepared.sweeps)}\n`);
        return setStatus(prepared.diagnostics.length > 0 ? 1 : 2);
      }
      const { ast, item, space } = prepared.sweep;
      if (!opts.json) {
        process.stdout.write(`${await sweepSection(file, text, ast, item, opts.policy)}\n`);
        return;
      }
      if (space.total > SWEEP_POINT_LIMIT) {
        process.stderr.write(`${runnerMsg.sweepTooLargeForJson(space.total, SWEEP_POINT_LIMIT)}\n`);
        return setStatus(2);
      }
      process.stdout.write(renderSweepJson(item, index, runSweep(ast, item, opts.policy ? { version: opts.policy } : {}), file));
    });
}
