// What `linmap diff ptdump` does (./diff.ts defines its options): simulate the scenario, read
// the real dump's linear map, align and compare them, and print (and on request write) the report.
import { writeFileSync } from "node:fs";
import { findBootStep, findKernelVersion } from "../../catalog/index.js";
import { runScenarioText } from "../../pipeline.js";
import { parsePtdump, linearSection } from "../../ptdump/parse.js";
import { simulatedSection } from "../../ptdump/simulated.js";
import { diffDumps, diffJson, renderDiff } from "../../ptdump/diff.js";
import { diffMsg } from "../../ptdump/diff-messages.js";
import { diffReportHtml } from "../../ptdump/diff-html.js";
import { cliMsg } from "../messages.js";
import type { SetStatus } from "./index.js";
import type { DiffOptions } from "./diff.js";
import { readInputOrStdin } from "./read-stdin.js";
import { reportOutcome } from "./run-action.js";

export async function diffPtdumpCommand(realFile: string, scenarioFile: string, opts: DiffOptions, setStatus: SetStatus): Promise<void> {
  if (opts.policy && !findKernelVersion(opts.policy)) {
    process.stderr.write(`${cliMsg.unknownVersion(opts.policy)}\n`);
    setStatus(2);
    return;
  }
  if (opts.align && opts.align !== "start" && opts.align !== "memory") {
    process.stderr.write(`${diffMsg.badAlign(opts.align)}\n`);
    setStatus(2);
    return;
  }
  if (opts.after && !findBootStep(opts.after)) {
    process.stderr.write(`${diffMsg.unknownStep(opts.after)}\n`);
    setStatus(2);
    return;
  }
  const realText = await readInputOrStdin(realFile, setStatus);
  if (realText === undefined) return;
  const text = await readInputOrStdin(scenarioFile, setStatus);
  if (text === undefined) return;
  const outcome = runScenarioText(text, scenarioFile, opts.policy ? { version: opts.policy } : {});
  const r = reportOutcome(outcome, text, scenarioFile);
  if (!r) {
    setStatus(1);
    return;
  }
  const parsed = parsePtdump(realText);
  const real = linearSection(parsed, { granule: r.geometry.granule, vaBits: r.geometry.vaBits });
  if (!real.geometry || real.entries.length === 0) {
    for (const s of parsed.skipped) process.stderr.write(`${diffMsg.skipped(realFile, s.line, s.text, s.reason)}\n`);
    process.stderr.write(`${diffMsg.noGeometry(realFile)}\n`);
    setStatus(2);
    return;
  }
  for (const s of parsed.skipped) process.stderr.write(`${diffMsg.skipped(realFile, s.line, s.text, s.reason)}\n`);
  const sim = simulatedSection(r, opts.after);
  if (!sim) {
    process.stderr.write(`${diffMsg.notModelled(opts.after ?? "")}\n`);
    setStatus(2);
    return;
  }
  const simName = `${scenarioFile} (${r.provenance.version}${opts.after ? `, after ${opts.after}` : ""})`;
  const d = diffDumps({ role: "real", name: realFile, section: real }, { role: "simulated", name: simName, section: sim }, { align: opts.align === "memory" ? "memory" : "start" });
  if (!d.agree) setStatus(1);
  if (opts.html) {
    writeFileSync(opts.html, diffReportHtml(d, r, real, { file: scenarioFile, text }, opts.after));
    process.stderr.write(`${cliMsg.reportWritten(opts.html)}\n`);
  }
  process.stdout.write(opts.json ? `${JSON.stringify(diffJson(d), null, 2)}\n` : renderDiff(d));
}

