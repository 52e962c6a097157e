// What `linmap sweep` does (./sweep.ts defines its options): the table, one JSON document,
// or the points streamed on the worker pool.
import { findKernelVersion } from "../../catalog/index.js";
import { isKernelName } from "../../compile/index.js";
import { analyzeScenario, SWEEP_POINT_LIMIT } from "../../lang/index.js";
import { runSweep } from "../../pipeline.js";
import { prepareSweep } from "../../runner/evaluate.js";
import { renderSweepJson } from "../../render/sweep-json.js";
import { diagnosticsJson, printDiagnostics, readInput } from "../io.js";
import { cliMsg, runnerMsg } from "../messages.js";
import type { SetStatus } from "./index.js";
import { sweepSection } from "./run-action.js";
import { runStreamedSweep } from "./sweep-stream.js";
import type { SweepOptions } from "./sweep.js";

export async function sweepCommand(file: string, opts: SweepOptions, setStatus: SetStatus): Promise<void> {
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
}

