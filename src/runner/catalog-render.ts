// A catalogue report as the terminal shows it (the matrix of scenarios × kernels, the changed
// outcomes as diffs, a summary line) and as CI reads it (JSON, the same for a merged run).
import { basename } from "node:path";
import { textTable } from "../render/text-table.js";
import { runnerMsg } from "../cli/messages.js";
import type { CatalogCell, CatalogReport, CatalogRow } from "./catalog.js";

function cellText(c: CatalogCell | undefined, own: boolean): string {
  if (!c) return "";
  const mark = own ? ` ${runnerMsg.ownMark()}` : "";
  if (c.status === "error") return `${runnerMsg.cellError((c.error ?? "").split(":")[0]!)}${mark}`;
  if (c.status === "fail") return `${runnerMsg.cellFail((c.failure ?? "").split(" ")[0]!)}${mark}`;
  return `${runnerMsg.cellPass(c.passed ?? 0, c.total ?? 0)}${mark}`;
}

function outcomesText(r: CatalogRow): string {
  switch (r.outcomes) {
    case "same":
      return runnerMsg.outcomeSame();
    case "changed":
      return runnerMsg.outcomeChanged();
    case "missing":
      return runnerMsg.outcomeMissing();
    default:
      return runnerMsg.outcomeUpdated();
  }
}

export function renderCatalogText(report: CatalogReport): string {
  const head = [runnerMsg.scenarioHead(), ...report.kernels, runnerMsg.outcomeHead()];
  const body = report.rows.map((r) => [basename(r.file), ...report.kernels.map((k) => cellText(r.cells.find((c) => c.kernel === k), k === r.own)), outcomesText(r)]);
  const out = [textTable(head, body), "", runnerMsg.matrixLegend()];
  const failures = report.rows.flatMap((r) => {
    const c = r.cells.find((x) => x.kernel === r.own);
    if (!r.failed || !c) return [];
    return [runnerMsg.ownFailure(r.file, c.kernel, c.status === "error" ? (c.error ?? "") : `${c.failure ?? ""} (${c.actual ?? ""})`)];
  });
  if (failures.length > 0) out.push("", ...failures);
  const missing = report.rows.filter((r) => r.outcomes === "missing").map((r) => runnerMsg.expectedMissingHint(r.file));
  if (missing.length > 0) out.push("", ...missing);
  for (const r of report.rows) if (r.diff) out.push("", runnerMsg.changedHeading(r.file), r.diff);
  const s = report.summary;
  out.push("", runnerMsg.testSummary(s.scenarios, s.runs, s.failed, s.changed, s.missing));
  return `${out.join("\n")}\n`;
}

export function renderCatalogJson(report: CatalogReport): string {
  const { kind, linmap, dir, policies, scenarios, shard, first, end, kernels, summary, rows } = report;
  return `${JSON.stringify({ kind, linmap, dir, policies, scenarios, ...(shard !== undefined ? { shard, first, end } : {}), kernels, summary, rows }, null, 2)}\n`;
}

/** Exit status 1: an expectation failed under a scenario's own kernel, or an outcome changed or is not recorded. */
export function catalogFailed(report: CatalogReport): boolean {
  return report.rows.some((r) => r.failed || r.outcomes === "changed" || r.outcomes === "missing");
}
