// The runs of a scenario under several kernels, for `compare` commands and compare charts
// (`linmap run`) and `linmap compare`. Its own module so that a run without a comparison
// does not load the comparison renderers.
import type { TopLevelItem } from "../../lang/index.js";
import { refusalLine, runScenarioText } from "../../pipeline.js";
import { compareView, type CompareRun, type Refusal } from "../../render/compare.js";

/** The runs behind compare charts: the scenario's compare command, else v7.0 and v7.1. */
export function compareRunsFor(text: string, file: string, items: readonly TopLevelItem[]): CompareRun[] {
  if (!items.some((i) => i.kind === "chart" && (i.chart.text === "compare" || i.chart.text === "pagetables"))) return [];
  const named = items.flatMap((i) => (i.kind === "compare" ? i.versions.map((v) => v.text) : []));
  return runsFor(text, file, named.length > 0 ? [...new Set(named)] : ["v7.0", "v7.1"]);
}

export function runsFor(text: string, file: string, versions: readonly string[], refused: Refusal[] = []): CompareRun[] {
  const runs: CompareRun[] = [];
  for (const version of versions) {
    const o = runScenarioText(text, file, { version });
    if (o.kind === "result") runs.push({ version, result: o.result });
    else refused.push({ version, problem: refusalLine(o.diagnostics) });
  }
  return runs;
}

/** The comparison of `versions` (views.ts): a kernel the scenario is invalid for says why. */
export function compareSection(text: string, file: string, versions: readonly string[]): string[] {
  const refused: Refusal[] = [];
  const runs = runsFor(text, file, versions, refused);
  return [compareView(versions, runs, refused).text];
}
