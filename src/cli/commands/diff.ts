// `linmap diff ptdump REAL SCENARIO`: a real /sys/kernel/debug/kernel_page_tables against the
// scenario's simulated linear map, aligned by offset from the start of the linear map.
// Exit 0 when they agree, 1 when they differ (or the scenario has errors), 2 when an input
// cannot be read, the dump has no linear-map lines or an option is bad.
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { findBootStep, findKernelVersion } from "../../catalog/index.js";
import { runScenarioText } from "../../index.js";
import { parsePtdump, linearSection } from "../../ptdump/parse.js";
import { simulatedSection } from "../../ptdump/simulated.js";
import { diffDumps, diffJson, renderDiff } from "../../ptdump/diff.js";
import { diffMsg } from "../../ptdump/diff-messages.js";
import { diffReportHtml } from "../../ptdump/diff-html.js";
import { cliMsg } from "../messages.js";
import type { SetStatus } from "./index.js";
import { readInputOrStdin } from "./read-stdin.js";
import { reportOutcome } from "./run.js";

interface DiffOptions {
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
    .action(async (realFile: string, scenarioFile: string, opts: DiffOptions) => {
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
    });
}
