// HTML versions of the text outputs for notebooks: the calls table, ptdump, stats, compare
// and expectations, escaped with escape-html and styled inline (no external CSS), so that
// exported notebooks render them without linmap installed.
import escapeHtml from "escape-html";
import type { SimResult } from "../sim/index.js";
import { callRows } from "./calls-table.js";
import { statsTables } from "./stats.js";

export const TABLE = 'style="border-collapse:collapse;font-family:monospace;font-size:12px"';
const CELL = 'style="border:1px solid #ccc;padding:2px 6px;text-align:left;white-space:nowrap"';

export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th ${CELL}>${escapeHtml(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td ${CELL}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
  return `<table ${TABLE}><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`;
}

export function htmlPre(lines: readonly string[]): string {
  return htmlScroll(`<pre style="font-size:12px;line-height:1.25">${escapeHtml(lines.join("\n"))}</pre>`);
}

export function htmlCalls(r: SimResult): string {
  return htmlTable(["#", "step", "cpu", "call", "target", "rc", "WARN", "splits", "pgtable pages", "TLB flushes", ""], callRows(r));
}

export function htmlStats(r: SimResult): string {
  const t = statsTables(r);
  return `${htmlTable(t.leaves.head, t.leaves.rows)}<p>${escapeHtml(t.caption)}</p>${htmlTable(t.steps.head, t.steps.rows)}`;
}

export function htmlExpectations(r: SimResult): string {
  if (r.expectations.length === 0) return "";
  return htmlTable(
    ["", "where", "expectation", "found"],
    r.expectations.map((e) => [e.passed ? "PASS" : "FAIL", `${e.source.source}:${e.source.line}:${e.source.column}`, e.text, e.passed ? "" : e.actual]),
  );
}

/** A wide table or block in its own scrolling box, so a page or notebook cell keeps its width. */
export function htmlScroll(inner: string): string {
  return `<div style="overflow-x:auto;max-width:100%">${inner}</div>`;
}

/** Unified diffs coloured as diffs: removed lines red, added green, hunk headers blue. */
export function htmlDiff(diff: string): string {
  const line = (l: string): string => {
    const colour = l.startsWith("+++") || l.startsWith("---") ? "#555" : l.startsWith("+") ? "#116329" : l.startsWith("-") ? "#a40e26" : l.startsWith("@@") ? "#0550ae" : "";
    const bg = l.startsWith("+") && !l.startsWith("+++") ? "#e6ffec" : l.startsWith("-") && !l.startsWith("---") ? "#ffebe9" : "";
    return colour ? `<span style="color:${colour}${bg ? `;background:${bg}` : ""};display:block">${escapeHtml(l)}</span>` : `<span style="display:block">${escapeHtml(l)}</span>`;
  };
  return htmlScroll(`<pre style="font-size:12px;line-height:1.25;margin:4px 0">${diff.split("\n").map(line).join("")}</pre>`);
}

/** The model's notes that apply to a result, collapsed when there are more than a few. */
export function htmlNotes(notes: readonly string[]): string {
  if (notes.length === 0) return "";
  const list = `<ul style="margin:4px 0">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
  if (notes.length <= 3) return `<div><strong>notes</strong>${list}</div>`;
  return `<details><summary><strong>notes</strong> (${notes.length})</summary>${list}</details>`;
}
