// HTML versions of the text outputs for notebooks: the calls table, ptdump, stats, compare
// and expectations, escaped with escape-html and styled inline (no external CSS), so that
// exported notebooks render them without linmap installed.
import escapeHtml from "escape-html";
import type { SimResult } from "../sim/index.js";
import { callRows } from "./calls-table.js";
import { leafSizeStats } from "./stats.js";
import { sizeText } from "../catalog/index.js";

const TABLE = 'style="border-collapse:collapse;font-family:monospace;font-size:12px"';
const CELL = 'style="border:1px solid #ccc;padding:2px 6px;text-align:left;white-space:nowrap"';

export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th ${CELL}>${escapeHtml(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td ${CELL}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
  return `<table ${TABLE}><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

export function htmlPre(lines: readonly string[]): string {
  return `<pre style="font-size:12px;line-height:1.25">${escapeHtml(lines.join("\n"))}</pre>`;
}

export function htmlCalls(r: SimResult): string {
  return htmlTable(["#", "step", "cpu", "call", "target", "rc", "WARN", "splits", "pgtable pages", "TLB flushes", ""], callRows(r));
}

export function htmlStats(r: SimResult): string {
  const leaves = htmlTable(["leaf", "mapped"], leafSizeStats(r).map((s) => [s.leaf, sizeText(s.bytes)]));
  const steps = htmlTable(
    ["step", "memblock", "buddy", "atomic"],
    r.stats.perStep
      .filter((s) => s.pagetablePages.memblock + s.pagetablePages.buddy + s.pagetablePages.atomic > 0n)
      .map((s) => [s.step, String(s.pagetablePages.memblock), String(s.pagetablePages.buddy), String(s.pagetablePages.atomic)]),
  );
  return `${leaves}<p>page-table pages per step (total ${escapeHtml(String(r.stats.pagetablePages))}):</p>${steps}`;
}

export function htmlExpectations(r: SimResult): string {
  if (r.expectations.length === 0) return "";
  return htmlTable(
    ["", "where", "expectation", "found"],
    r.expectations.map((e) => [e.passed ? "PASS" : "FAIL", `${e.source.source}:${e.source.line}:${e.source.column}`, e.text, e.passed ? "" : e.actual]),
  );
}
