// The same scenario under several kernels: one row per call with each kernel's outcome, and
// the differences between the final linear maps as a unified diff of their ptdumps.
// The patch functions only (the package's index loads every diff flavour, 19 modules).
import { createTwoFilesPatch } from "diff/lib/patch/create.js";
import type { CallResult, SimResult } from "../sim/index.js";
import { renderPtdump } from "./ptdump.js";
import { textTable } from "./text-table.js";
import { callPages, compareRows, type CompareRun } from "./compare-model.js";
import escapeHtml from "escape-html";
import { htmlDiff, htmlPre, htmlScroll, TABLE } from "./html.js";
import { notesView, type View } from "./views.js";
import { viewMsg } from "./messages.js";

export type { CompareRun } from "./compare-model.js";

/** A kernel a scenario is invalid for, and the checker's first error as one line. */
export interface Refusal {
  readonly version: string;
  readonly problem: string;
}

/** One kernel's outcome of one call, as the comparison prints it. */
export function compareOutcome(c: CallResult | undefined): string {
  if (!c) return "not made";
  return `${c.rcName} at ${c.step}, ${c.warns} WARN, ${callPages(c)} pages${c.invalidPagesLeft > 0n ? `, ${c.invalidPagesLeft} left invalid` : ""}`;
}

/** The comparison table's heading and rows, shared by its text and HTML faces. */
export function compareTable(runs: readonly CompareRun[]): { head: string[]; rows: string[][] } {
  const rows = compareRows(runs).map((row) => [`${row.key}${row.origin === "kernel" ? " (kernel)" : ""}`, ...row.cells.map(compareOutcome)]);
  rows.push(["WARNs in the boot", ...runs.map((run) => String(run.result.warnCount))]);
  rows.push(["page-table pages", ...runs.map((run) => String(run.result.stats.pagetablePages))]);
  // One row per expectation: its verdict under each kernel, "-" where it is scoped to other
  // kernels (`expect under ...`), so no column fails only because it pins another kernel.
  const expectations = new Map<string, string[]>();
  runs.forEach((run, i) => {
    for (const e of run.result.expectations) {
      const k = `expect ${e.source.line}:${e.source.column}`;
      const row = expectations.get(k) ?? [`${e.text.replace(/^expect\s+/, "expect ")}`, ...runs.map(() => "-")];
      row[i + 1] = e.passed ? "PASS" : `FAIL (${e.actual})`;
      expectations.set(k, row);
    }
  });
  rows.push(...expectations.values());
  return { head: ["call", ...runs.map((r) => r.version)], rows };
}

export function renderCompareTable(runs: readonly CompareRun[]): string {
  const { head, rows } = compareTable(runs);
  return textTable(head, rows);
}

/** Unified diffs of the final ptdumps, each kernel against the first. */
export function renderMapDiffs(runs: readonly CompareRun[]): string[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  const dump = (r: SimResult) => `${renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks }).join("\n")}\n`;
  const base = dump(first.result);
  return rest.map((run) => {
    const other = dump(run.result);
    if (other === base) return `final linear maps of ${first.version} and ${run.version} are identical`;
    return createTwoFilesPatch(first.version, run.version, base, other, undefined, undefined, { context: 1 }).split("\n").slice(1).join("\n").trimEnd();
  });
}

const WRAP_CELL = 'style="border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top;white-space:normal;overflow-wrap:anywhere;max-width:28em"';

/** The comparison of kernels (compare.ts's table): one row per call, long names wrapped. */
export function htmlCompare(runs: readonly CompareRun[]): string {
  const { head, rows } = compareTable(runs);
  const th = head.map((h) => `<th ${WRAP_CELL}>${escapeHtml(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td ${WRAP_CELL}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
  return htmlScroll(`<table ${TABLE}><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`);
}

/**
 * The notes of several kernels' results, each once: a note every kernel gives as it is, one
 * only some give prefixed with those kernels (`v7.0, v7.1: ...`).
 */
export function compareNotes(runs: readonly CompareRun[]): string[] {
  const by = new Map<string, string[]>();
  for (const run of runs) for (const n of run.result.notes) by.set(n, [...(by.get(n) ?? []), run.version]);
  return [...by].map(([n, versions]) => (versions.length === runs.length ? n : `${versions.join(", ")}: ${n}`));
}

/**
 * The comparison of kernels: the refusals (a kernel the scenario is invalid for, and why),
 * the per-call table, the differences between the final maps and the notes of every kernel.
 */
export function compareView(versions: readonly string[], runs: readonly CompareRun[], refusals: readonly Refusal[]): View {
  const refused = refusals.map((r) => viewMsg.refusedUnder(r.version, r.problem));
  const table = renderCompareTable(runs);
  const diffs = renderMapDiffs(runs);
  const notes = notesView(compareNotes(runs));
  const text = [`compare ${versions.join(", ")}:`, ...refused, table, "", ...diffs, ...(notes.text ? ["", notes.text] : [])].join("\n");
  const html = [
    refused.length > 0 ? htmlPre(refused) : "",
    htmlCompare(runs),
    ...diffs.map(htmlDiff),
    notes.html,
  ].join("");
  return { text, html };
}
