// What `linmap run FILE` does (./run.ts defines its options): simulate, then print what the
// scenario's output commands ask for (or --show), the expectations and the notes; --json
// prints the result as JSON instead. Loaded only when the command runs (start-up, issue
// 10), so that `linmap --help` or another command does not load the language, the simulator
// and the renderers; comparisons, charts, sweeps on the pool, --json and --html load their
// modules when asked for. Also the helpers that diff and sweep share (reportOutcome,
// sweepSection).
import { MIN_WIDTH } from "../../render/charts/layout.js";
import type { ChartOptions, ChartRequest } from "../../render/charts/index.js";
import { isKernelName } from "../../compile/index.js";
import { findKernelVersion } from "../../catalog/index.js";
import { analyzeScenario, SWEEP_POINT_LIMIT, type Scenario, type SweepItem, type TopLevelItem } from "../../lang/index.js";
import { sweepSpace } from "../../compile/sweep.js";
import { runScenarioText, runSweep, type RunOutcome } from "../../pipeline.js";
import type { SimResult } from "../../sim/index.js";
import { expectationsView, notesView, provenanceLine, ptdumpRequestOf, resultView, sweepHeading, sweepSummaryView, sweepView, targetRange, type ResultViewName, type View } from "../../render/views.js";
import { RESULT_VIEWS } from "../../render/result-views.js";
import type { SetStatus } from "./index.js";
import type { RunOptions } from "./run.js";
import { diagnosticsJson, printDiagnostics, readInput, writeOutput } from "../io.js";
import { cliMsg } from "../messages.js";
import { loadedDumpReports, scenarioDir } from "../../ptdump/scenario-dumps.js";

/** A view's text, for a `show` command's target and step when it has them. */
export function renderView(view: string, r: SimResult, item?: TopLevelItem): string {
  if (!(RESULT_VIEWS as readonly string[]).includes(view)) return "";
  return resultView(view as ResultViewName, r, item?.kind === "show" ? ptdumpRequestOf(item, r) : {}).text;
}

/** Prints the outcome's diagnostics; returns the result when there is one. */
export function reportOutcome(outcome: RunOutcome, text: string, file: string): SimResult | undefined {
  void file;
  printDiagnostics(outcome.diagnostics, text);
  return outcome.kind === "result" ? outcome.result : undefined;
}

export function headline(r: SimResult, file: string): string {
  return `linmap ${r.provenance.linmap} · ${file} · ${provenanceLine(r)}`;
}

/** The action of `linmap run`. */
export async function runCommand(file: string, opts: RunOptions, setStatus: SetStatus): Promise<void> {
  const text = await readInput(file, setStatus);
  if (text === undefined) return;
  // A built-in version needs no parse here; only a scenario's own policy names do.
  if (opts.policy && !findKernelVersion(opts.policy) && !isKernelName(analyzeScenario(text, file).ast, opts.policy)) {
    process.stderr.write(`${cliMsg.unknownVersion(opts.policy)}\n`);
    setStatus(2);
    return;
  }
  if (opts.format !== undefined || opts.sweep !== undefined || opts.jobs !== undefined || opts.shard !== undefined) {
    // The worker pool, its formats and the progress bar load only for a streamed sweep.
    const { runStreamedSweep } = await import("./sweep-stream.js");
    return runStreamedSweep(file, text, opts, setStatus);
  }
  const chartOpts = chartWidthOption(opts.chartWidth);
  if (!chartOpts) {
    process.stderr.write(`${cliMsg.badChartWidth(opts.chartWidth ?? "", MIN_WIDTH)}\n`);
    setStatus(2);
    return;
  }
  const views = opts.show?.split(",").map((v) => v.trim()).filter((v) => v);
  const badView = views?.find((v) => !(RESULT_VIEWS as readonly string[]).includes(v));
  if (badView) {
    process.stderr.write(`${cliMsg.unknownView(badView, RESULT_VIEWS)}\n`);
    setStatus(2);
    return;
  }
  const outcome = runScenarioText(text, file, opts.policy ? { version: opts.policy } : {});
  if (opts.json && outcome.kind !== "result") {
    // --json always prints one JSON object: without a result, the diagnostics.
    process.stdout.write(diagnosticsJson(outcome.diagnostics));
    setStatus(1);
    return;
  }
  const r = reportOutcome(outcome, text, file);
  if (!r) {
    setStatus(1);
    return;
  }
  if (r.expectations.some((e) => !e.passed)) setStatus(1);
  if (opts.html) {
    // Charts and the report load only when asked for (they bring vega).
    const [{ buildChart }, { renderReport }, { mapSpecWithDumps }, { compareRunsFor }] = await Promise.all([
      import("../../render/charts/index.js"), import("../../render/report.js"), import("../../ptdump/scenario-dump-charts.js"), import("./compare-section.js"),
    ]);
    const charts = chartRequests(outcome.ast.items, r);
    const runs = compareRunsFor(text, file, outcome.ast.items);
    const page = renderReport({
      title: `linmap · ${file} · ${r.provenance.version}`,
      source: { file, text },
      results: [r],
      shown: new Map([[r, shownViews(outcome.ast.items, r, text)]]),
      charts: charts.map((req) => ({ title: chartTitle(req), spec: (req.chart === "map" && !req.range && !req.when ? mapSpecWithDumps(outcome.ast, r, scenarioDir(file), chartTitle(req)) : undefined) ?? buildChart(req, r, runs, chartOpts).spec })),
    });
    if (await writeOutput(opts.html, page, setStatus)) process.stderr.write(`${cliMsg.reportWritten(opts.html)}\n`);
  }
  if (opts.json) {
    // The JSON renderer (a stable stringify and a content hash) loads only for --json.
    const { renderJson } = await import("../../render/json-result.js");
    process.stdout.write(renderJson(r, file));
    return;
  }
  const out: string[] = [headline(r, file), ""];
  if (views) {
    for (const v of views) out.push(renderView(v, r), "");
  } else {
    const items = outcome.ast.items.filter((i) => ["show", "print", "compare", "chart", "sweep"].includes(i.kind));
    if (items.length === 0) out.push(renderView("calls", r), "", renderView("trace", r), "");
    // Comparisons and charts load their modules when the scenario has one.
    for (const item of items) {
      if (item.kind === "print") out.push(item.text, "");
      else if (item.kind === "show") {
        for (const v of item.views) {
          out.push(renderView(v.text, r, item), "");
          // Loaded real dumps, beside the simulated one.
          if (v.text === "ptdump") for (const rep of loadedDumpReports(outcome.ast, r, scenarioDir(file), item.target ? targetRange(item.target, r) : undefined)) out.push(rep, "");
        }
      }
      else if (item.kind === "compare") {
        const { compareSection } = await import("./compare-section.js");
        out.push(...compareSection(text, file, item.versions.map((v) => v.text)), "");
      } else if (item.kind === "chart") {
        const [{ buildChart }, { compareRunsFor }] = await Promise.all([import("../../render/charts/index.js"), import("./compare-section.js")]);
        const req = chartRequests([item], r)[0]!;
        out.push(`${buildChart(req, r, compareRunsFor(text, file, outcome.ast.items)).summary} (${cliMsg.chartsInHtml()})`, "");
      } else if (item.kind === "sweep") {
        out.push(await sweepSection(file, text, outcome.ast, item, opts.policy), "");
      }
    }
  }
  for (const v of [expectationsView(r), notesView(r.notes)]) if (v.text) out.push(v.text, "");
  process.stdout.write(`${out.join("\n").trimEnd()}\n`);
}

/** The views the scenario's `show` commands ask for, titled by their own text, for the HTML report. */
function shownViews(items: readonly TopLevelItem[], r: SimResult, text: string): { title: string; view: View }[] {
  return items.flatMap((item) => {
    if (item.kind !== "show") return [];
    const req = ptdumpRequestOf(item, r);
    const title = text.slice(item.range.start.offset, item.range.end.offset).trim();
    return item.views.filter((v) => (RESULT_VIEWS as readonly string[]).includes(v.text)).map((v) => ({ title: `${title}: ${v.text}`, view: resultView(v.text as ResultViewName, r, req) }));
  });
}

/**
 * A sweep command's output: its table, or past SWEEP_POINT_LIMIT points (a range sweep) its
 * points grouped by outcome, run on the worker pool.
 */
export async function sweepSection(file: string, text: string, ast: Scenario, item: SweepItem, policy: string | undefined): Promise<string> {
  const total = sweepSpace(item).total;
  if (total <= SWEEP_POINT_LIMIT) return sweepView(sweepHeading(item), runSweep(ast, item, policy ? { version: policy } : {})).text;
  const index = ast.items.filter((i) => i.kind === "sweep").indexOf(item) + 1;
  // The worker pool loads only for a sweep too large for a table.
  const { pooledSweepSummary } = await import("./sweep-stream.js");
  const summary = await pooledSweepSummary(file, text, index, policy, true);
  return summary ? sweepSummaryView(summary.points, summary.entries(), sweepHeading(item), SWEEP_POINT_LIMIT).text : "";
}

/** `--chart-width`: undefined when it is not a whole number of pixels >= MIN_WIDTH. */
export function chartWidthOption(text: string | undefined): ChartOptions | undefined {
  if (text === undefined) return {};
  const n = Number(text);
  return Number.isInteger(n) && n >= MIN_WIDTH ? { width: n } : undefined;
}

/** The charts a scenario asks for; without chart commands, the map, timeline and page tables. */
export function chartRequests(items: readonly TopLevelItem[], r: SimResult): ChartRequest[] {
  const asked = items.filter((i): i is Extract<TopLevelItem, { kind: "chart" }> => i.kind === "chart");
  if (asked.length === 0) return [{ chart: "map" }, { chart: "timeline" }, { chart: "pagetables" }];
  return asked.map((i) => {
    const range = i.target ? targetRange(i.target, r) : undefined;
    return {
      chart: i.chart.text as ChartRequest["chart"],
      ...(range ? { range } : {}),
      ...(i.when ? { when: { relation: i.when.relation, step: i.when.step.text } } : {}),
    };
  });
}

export function chartTitle(req: ChartRequest): string {
  return `chart ${req.chart}${req.when ? ` ${req.when.relation} ${req.when.step}` : ""}`;
}
