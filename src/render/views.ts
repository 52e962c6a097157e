// One rendering per view. Each view of a result (calls, trace, ptdump over a range and at a
// step, stats, expectations, notes) and of several results (compare, sweep) is made here once,
// as text and as HTML from the same rows, and every face shows it: the CLI prints `text`, the
// Jupyter kernel sends both as `text/plain` and `text/html`, the HTML report and the library
// use `html`. A front end picks a face of a view; none renders a view of its own. The
// comparison of kernels is in compare.ts (it brings the diff package, loaded when used).
import escapeHtml from "escape-html";
import { sweepAxisText, type SweepItem, type Target } from "../lang/index.js";
import type { SimResult } from "../sim/index.js";
import type { PhysRange } from "../sim/program.js";
import { renderCallsTable } from "./calls-table.js";
import { renderTrace } from "./trace.js";
import { renderPtdump } from "./ptdump.js";
import { mapAt } from "./snapshot.js";
import { renderStats } from "./stats.js";
import { htmlCalls, htmlNotes, htmlPre, htmlStats, htmlExpectations, htmlTable } from "./html.js";
import { textTable } from "./text-table.js";
import { htmlSweepTable, renderSweepTable, type SweepRow } from "./sweep-table.js";
import { viewMsg } from "./messages.js";

export interface View {
  readonly text: string;
  readonly html: string;
}

export { RESULT_VIEWS, type ResultViewName } from "./result-views.js";
import { RESULT_VIEWS, type ResultViewName } from "./result-views.js";

/** Where and when a ptdump is taken: `show ptdump [RANGE] after STEP`. */
export interface PtdumpRequest {
  readonly range?: PhysRange;
  readonly when?: { readonly relation: "before" | "at" | "after"; readonly step: string };
}

/** The physical range an output command's target names: a region, or the range of the call on a buffer. */
export function targetRange(t: Target, r: SimResult): PhysRange | undefined {
  if (t.kind === "region") {
    const reg = t.region;
    return reg.kind === "bounds" ? { start: reg.start.value, end: reg.end.value } : { start: reg.start.value, end: reg.start.value + reg.size.value };
  }
  return r.calls.find((x) => x.label === t.name.text && x.range)?.range;
}

/** The ptdump request of a `show` command's target and step. */
export function ptdumpRequestOf(item: { readonly target?: Target | undefined; readonly when?: { readonly relation: "before" | "at" | "after"; readonly step: { readonly text: string } } | undefined }, r: SimResult): PtdumpRequest {
  const range = item.target ? targetRange(item.target, r) : undefined;
  return { ...(range ? { range } : {}), ...(item.when ? { when: { relation: item.when.relation, step: item.when.step.text } } : {}) };
}

export function ptdumpText(r: SimResult, req: PtdumpRequest = {}): string[] {
  return renderPtdump(mapAt(r, req.when), r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks, ...(req.range ? { range: req.range } : {}) });
}

export function resultView(view: ResultViewName, r: SimResult, req: PtdumpRequest = {}): View {
  switch (view) {
    case "calls":
      return { text: renderCallsTable(r), html: htmlCalls(r) };
    case "trace": {
      const lines = renderTrace(r);
      return { text: lines.join("\n"), html: htmlPre(lines) };
    }
    case "ptdump": {
      const lines = ptdumpText(r, req);
      return { text: lines.join("\n"), html: htmlPre(lines) };
    }
    case "stats":
      return { text: renderStats(r), html: htmlStats(r) };
  }
}

/** One line per expectation: `PASS file:line:col: text`, or FAIL with what was found. */
export function expectationLines(r: SimResult): string[] {
  return r.expectations.map((e) => `${e.passed ? "PASS" : "FAIL"} ${e.source.source}:${e.source.line}:${e.source.column}: ${e.text}${e.passed ? "" : ` (${e.actual})`}`);
}

/** The expectations block; empty when there are none. */
export function expectationsView(r: SimResult): View {
  if (r.expectations.length === 0) return { text: "", html: "" };
  return { text: [viewMsg.expectationsTitle(), ...expectationLines(r).map((l) => `  ${l}`)].join("\n"), html: htmlExpectations(r) };
}

/** The model's notes that apply; empty when there are none (collapsed in HTML when long). */
export function notesView(notes: readonly string[]): View {
  if (notes.length === 0) return { text: "", html: "" };
  return { text: [viewMsg.notesTitle(), ...notes.map((n) => `  - ${n}`)].join("\n"), html: htmlNotes(notes) };
}

/** The headline of one result: kernel, policy, granule and VA size. */
export function provenanceLine(r: SimResult): string {
  const p = r.provenance;
  return `${p.version} (policy ${p.policy}: ${p.policyTitle}) · ${p.granule} granule, ${p.vaBits}-bit VA`;
}

/** A `run`'s result in a notebook: the headline, the calls, the expectations and the notes. */
export function runView(r: SimResult): View {
  const head = `${provenanceLine(r)} · ${r.warnCount} WARN${r.warnCount === 1 ? "" : "s"} · ${r.stats.pagetablePages} page-table pages`;
  const parts = [resultView("calls", r), expectationsView(r), notesView(r.notes)].filter((v) => v.text !== "");
  return {
    text: [head, ...parts.map((v) => v.text)].join("\n\n"),
    html: `<p>${escapeHtml(head)}</p>${parts.map((v) => v.html).join("")}`,
  };
}

/** A sweep command as its heading: `sweep AXIS VALUES by ...`. */
export function sweepHeading(item: SweepItem): string {
  return `sweep ${item.axes.map(sweepAxisText).join(" by ")}`;
}

/** A sweep's table, one row per point. */
export function sweepView(heading: string, rows: readonly SweepRow[]): View {
  return { text: `${heading}:\n${renderSweepTable(rows)}`, html: `<p>${escapeHtml(heading)}:</p>${htmlSweepTable(rows)}` };
}

/** A sweep's points grouped by outcome (runner/sweep-format.ts), for sweeps past a table's size. */
export interface OutcomeGroup {
  readonly outcome: string;
  readonly points: number;
  readonly first: number;
  readonly last: number;
}

export function sweepSummaryView(points: number, groups: readonly OutcomeGroup[], heading?: string, limit?: number): View {
  const rows = groups.map((e) => [e.outcome, String(e.points), String(e.first), String(e.last)]);
  const lead = [...(heading ? [`${heading}:`] : []), ...(limit !== undefined ? [viewMsg.summaryInsteadOfTable(limit)] : [])];
  const title = viewMsg.summaryTitle(points, rows.length);
  const head = [...viewMsg.summaryHead()];
  return {
    text: [...lead, title, textTable(head, rows)].join("\n"),
    html: `${lead.map((l) => `<p>${escapeHtml(l)}</p>`).join("")}<p>${escapeHtml(title)}</p>${htmlTable(head, rows)}`,
  };
}
