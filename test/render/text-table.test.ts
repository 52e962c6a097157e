// text-table.ts draws plain tables itself and hands any other to cli-table3: both must be
// exactly what cli-table3 draws with the same options.
import { createRequire } from "node:module";
import { describe, expect } from "vitest";
import { fc, it } from "@fast-check/vitest";
import type Table from "cli-table3";
import { textTable } from "../../src/render/text-table.js";

const CliTable = createRequire(import.meta.url)("cli-table3") as typeof Table;
const CHARS = {
  top: "", "top-mid": "", "top-left": "", "top-right": "", bottom: "", "bottom-mid": "", "bottom-left": "", "bottom-right": "",
  left: "", "left-mid": "", mid: "", "mid-mid": "", right: "", "right-mid": "", middle: "  ",
};

/** The table as cli-table3 itself draws it, lines trimmed as textTable trims them. */
function reference(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const t = new CliTable({ head: [...head], chars: CHARS, style: { head: [], border: [], "padding-left": 0, "padding-right": 0, compact: true } });
  for (const r of rows) t.push([...r]);
  return t.toString().split("\n").map((l) => l.replace(/\s+$/, "")).join("\n");
}

const plainCell = fc.stringMatching(/^[\x20-\x7e]{0,12}$/);
const anyCell = fc.oneof(plainCell, fc.string({ maxLength: 8 }), fc.constantFrom("·", "…", "漢字", "a\nb", "\x1b[31mred\x1b[0m", "e\u0301", "😀", "\t"));

describe("textTable", () => {
  it.prop([fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(fc.array(plainCell, { minLength: n, maxLength: n }), fc.array(fc.array(plainCell, { minLength: n, maxLength: n }), { maxLength: 6 })))])(
    "draws plain tables as cli-table3 does",
    ([head, rows]) => {
      expect(textTable(head, rows)).toBe(reference(head, rows));
    },
  );

  it.prop([fc.array(anyCell, { maxLength: 4 }), fc.array(fc.array(anyCell, { maxLength: 4 }), { maxLength: 5 })])("draws any other table as cli-table3 does", (head, rows) => {
    expect(textTable(head, rows)).toBe(reference(head, rows));
  });

  it("keeps the edge cases: no head, empty cells, one empty column", () => {
    for (const [head, rows] of [[[], []], [[], [["a", "bb"], ["ccc", ""]]], [["x"], [[""], ["y"]]], [[""], [[""]]], [["a", ""], [["", ""]]]] as [string[], string[][]][]) {
      expect(textTable(head, rows)).toBe(reference(head, rows));
    }
  });
});
