// `linmap compare FILE --policies v7.0,v7.1`: the same scenario under several kernels, a
// table of every call's outcome side by side and the differences between the final maps.
import type { Command } from "commander";
import { isKernelName } from "../../compile/index.js";
import { analyzeScenario, hasErrors } from "../../lang/index.js";
import { chartWidthOption, runsFor } from "./run.js";
import { DEFAULT_WIDTH, MIN_WIDTH } from "../../render/charts/layout.js";
import { compareView, type Refusal } from "../../render/compare.js";
import type { SetStatus } from "./index.js";
import { printDiagnostics, readInput, writeOutput } from "../io.js";
import { cliMsg } from "../messages.js";
import { renderCompareJson } from "../../render/compare-json.js";

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("compare")
    .description("run a scenario under several kernels and compare the outcomes")
    .argument("<file>", "scenario file (.linmap)")
    .option("--policies <versions>", "comma-separated kernel versions or policy names (default: the scenario's compare command)")
    .option("--html <out>", "also write a standalone HTML report with the comparison charts to OUT")
    .option("--json", "print the comparison as JSON (schema/compare.schema.json): every kernel's result and the per-call rows")
    .option("--chart-width <px>", `width of each chart in the HTML report, at least ${MIN_WIDTH} (default ${DEFAULT_WIDTH})`)
    .action(async (file: string, opts: { policies?: string; html?: string; json?: boolean; chartWidth?: string }) => {
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
    });
}
