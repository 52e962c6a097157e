// The runs of a scenario under several kernels, for `compare` commands and compare charts
// (`linmap run`) and `linmap compare`. Its own module so that a run without a comparison
// does not load the comparison renderers.
import type { TopLevelItem } from "../../lang/index.js";
import { refusalLine, runScenarioText } from "../../pipeline.js";
import { renderCompareTable, renderMapDiffs, type CompareRun } from "../../render/compare.js";
import { cliMsg } from "../messages.js";

/** The runs behind compare charts: the scenario's compare command, else v7.0 and v7.1. */
export function compareRunsFor(text: string, file: string, items: readonly TopLevelItem[]): CompareRun[] {
  if (!items.some((i) => i.kind === "chart" && (i.chart.text === "compare" || i.chart.text === "pagetables"))) return [];
  const named = items.flatMap((i) => (i.kind === "compare" ? i.versions.map((v) => v.text) : []));
  return runsFor(text, file, named.length > 0 ? [...new Set(named)] : ["v7.0", "v7.1"]);
}

export function runsFor(text: string, file: string, versions: readonly string[], refused: string[] = []): CompareRun[] {
  const runs: CompareRun[] = [];
  for (const version of versions) {
    const o = runScenarioText(text, file, { version });
    if (o.kind === "result") runs.push({ version, result: o.result });
    else refused.push(cliMsg.refusedUnder(version, refusalLine(o.diagnostics)));
  }
  return runs;
}

/** The compare table and map differences for `versions`; a kernel the scenario is invalid for says why. */
export function compareSection(text: string, file: string, versions: readonly string[]): string[] {
  const refused: string[] = [];
  const runs = runsFor(text, file, versions, refused);
  return [`compare ${versions.join(", ")}:`, ...refused, renderCompareTable(runs), "", ...renderMapDiffs(runs)];
}
