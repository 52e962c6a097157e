// What `linmap compare` does (./compare.ts defines its options): run the scenario under each
// kernel, print the table and the map differences (or JSON), and the HTML report on request.
import { isKernelName } from "../../compile/index.js";
import { analyzeScenario, hasErrors } from "../../lang/index.js";
import { chartWidthOption } from "./run-action.js";
import { runsFor } from "./compare-section.js";
import { MIN_WIDTH } from "../../render/charts/layout.js";
import { compareView, type Refusal } from "../../render/compare.js";
import type { SetStatus } from "./index.js";
import { printDiagnostics, readInput, writeOutput } from "../io.js";
import { cliMsg } from "../messages.js";
import { renderCompareJson } from "../../render/compare-json.js";
import type { CompareOptions } from "./compare.js";

export async function compareCommand(file: string, opts: CompareOptions, setStatus: SetStatus): Promise<void> {
  const text = await readInput(file, setStatus);
  if (text === undefined) return;
  const { ast, diagnostics } = analyzeScenario(text, file);
  printDiagnostics(diagnostics, text);
  if (hasErrors(diagnostics)) {
    setStatus(1);
    return;
  }
  const chartOpts = chartWidthOption(opts.chartWidth);
  if (!chartOpts) {
    process.stderr.write(`${cliMsg.badChartWidth(opts.chartWidth ?? "", MIN_WIDTH)}\n`);
    setStatus(2);
    return;
  }
  const fromScenario = ast.items.flatMap((i) => (i.kind === "compare" ? i.versions.map((v) => v.text) : []));
  const versions = opts.policies ? opts.policies.split(",").map((v) => v.trim()).filter((v) => v) : fromScenario;
  if (versions.length < 2) {
    process.stderr.write(`${cliMsg.compareNeedsTwo()}\n`);
    setStatus(2);
    return;
  }
  const unknown = versions.find((v) => !isKernelName(ast, v));
  if (unknown) {
    process.stderr.write(`${cliMsg.unknownVersion(unknown)}\n`);
    setStatus(2);
    return;
  }
  const refused: Refusal[] = [];
  const runs = runsFor(text, file, versions, refused);
  const view = compareView(versions, runs, refused);
  if (opts.json) process.stdout.write(renderCompareJson(runs, file, refused));
  else process.stdout.write(`${view.text}\n`);
  if (opts.html) {
    const first = runs[0]?.result;
    if (!first) return;
    const [{ buildChart }, { renderReport }] = await Promise.all([import("../../render/charts/index.js"), import("../../render/report.js")]);
    const charts = [
      { title: "chart compare", spec: buildChart({ chart: "compare" }, first, runs, chartOpts).spec },
      { title: "chart pagetables", spec: buildChart({ chart: "pagetables" }, first, runs, chartOpts).spec },
      ...runs.map((x) => ({ title: `chart map · ${x.version}`, spec: buildChart({ chart: "map" }, x.result, [], chartOpts).spec })),
    ];
    const page = renderReport({ title: `linmap compare · ${file} · ${versions.join(", ")}`, source: { file, text }, results: runs.map((x) => x.result), charts, extra: view.html });
    if (await writeOutput(opts.html, page, setStatus)) process.stderr.write(`${cliMsg.reportWritten(opts.html)}\n`);
  }
}

