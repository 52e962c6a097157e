// Plain text tables for the terminal and for snapshot tests: cli-table3 with its borders
// reduced to column gaps and no colour, so output is stable and diffs cleanly.
//
// Start-up (issue 10): loading cli-table3 and drawing its first table cost more than the
// rest of rendering a run (its width measure compiles an emoji pattern on first use). For
// the tables linmap prints, cells of printable ASCII in rows of one length, cli-table3's
// output is each cell padded to its column's width (its widest cell, at least 1), the cells
// joined by the two-space gap; that is drawn here directly. Any other table
// (wide or combining characters, escapes, line breaks, ragged rows) still goes to cli-table3,
// loaded then. test/render/text-table.test.ts checks both against cli-table3.
import { createRequire } from "node:module";
import type Table from "cli-table3";

const PLAIN_CHARS = {
  top: "", "top-mid": "", "top-left": "", "top-right": "",
  bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
  left: "", "left-mid": "", mid: "", "mid-mid": "",
  right: "", "right-mid": "", middle: "  ",
};

const GAP = PLAIN_CHARS.middle;
/** Printable ASCII: one column per character, nothing cli-table3 would interpret. */
const PLAIN_CELL = /^[\x20-\x7e]*$/;

let CliTable: typeof Table | undefined;

export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = plainTable(head, rows) ?? cliTable3(head, rows);
  return lines.map((l) => l.replace(/\s+$/, "")).join("\n");
}

/** The lines cli-table3 draws for a table of plain cells in rows of one length; undefined for any other. */
function plainTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] | undefined {
  const all = head.length > 0 ? [head, ...rows] : rows;
  const columns = all[0]?.length ?? 0;
  if (!all.every((r) => r.length === columns && r.every((c) => PLAIN_CELL.test(c)))) return undefined;
  // A column is at least one character wide, as in cli-table3.
  const widths = new Array<number>(columns).fill(1);
  for (const r of all) for (let i = 0; i < columns; i++) widths[i] = Math.max(widths[i]!, r[i]!.length);
  // cli-table3 leaves out a line that is empty before trailing spaces are trimmed (a row without cells).
  return all.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(GAP)).filter((l) => l.length > 0);
}

function cliTable3(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  CliTable ??= createRequire(import.meta.url)("cli-table3") as typeof Table;
  const t = new CliTable({ head: [...head], chars: PLAIN_CHARS, style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true } });
  for (const r of rows) t.push([...r]);
  return t.toString().split("\n");
}
