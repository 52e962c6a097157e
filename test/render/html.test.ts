// The HTML views shared by the report, the notebook outputs and the export: comparisons that
// wrap inside their own scrolling box, unified diffs coloured as diffs, notes collapsed
// when long.
import { describe, expect, it } from "vitest";
import { htmlDiff, htmlNotes } from "../../src/render/html.js";
import { htmlCompare, renderCompareTable } from "../../src/render/compare.js";
import { simulateText } from "../support/run-scenario.js";

const SCENARIO = `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { cmdline "rodata=on"; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }`;

describe("HTML views", () => {
  it("a comparison is one row per call in a scrolling box, cells wrapping", () => {
    const runs = ["v7.0", "v7.1"].map((version) => ({ version, result: simulateText(SCENARIO, version) }));
    const html = htmlCompare(runs);
    expect(html.startsWith('<div style="overflow-x:auto;max-width:100%"><table')).toBe(true);
    expect(html).toContain("white-space:normal;overflow-wrap:anywhere");
    expect(html).toContain("<td");
    const rows = html.match(/<tr>/g)!.length;
    // header + swiotlb (kernel) + its_alloc_pages_node + WARNs and page-table pages (no expectations)
    expect(rows).toBe(5);
    expect(html).toContain(">its_alloc_pages_node its_prop</td><td");
    expect(html).toContain(">-EINVAL at init_IRQ, 1 WARN, 0 pages</td>");
  });

  it("the HTML comparison has the text table's cells: an expectation scoped to one kernel reads - under the other", () => {
    const text = `${SCENARIO}\nexpect under v7.0: its_alloc_pages_node its_prop == -EINVAL\n`;
    const runs = ["v7.0", "v7.1"].map((version) => ({ version, result: simulateText(text, version) }));
    const cells = [...htmlCompare(runs).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(cells.slice(-3)).toEqual(["expect under v7.0: its_alloc_pages_node its_prop == -EINVAL", "PASS", "-"]);
    const last = renderCompareTable(runs).split("\n").at(-1)!;
    expect(last.split(/\s{2,}/)).toEqual(["expect under v7.0: its_alloc_pages_node its_prop == -EINVAL", "PASS", "-"]);
  });

  it("a unified diff colours removed lines red, added green and hunks blue, escaped", () => {
    const html = htmlDiff("--- v7.0\n+++ v7.1\n@@ -1,2 +1,2 @@\n a<b\n-old\n+new");
    expect(html).toContain('<span style="color:#a40e26;background:#ffebe9;display:block">-old</span>');
    expect(html).toContain('<span style="color:#116329;background:#e6ffec;display:block">+new</span>');
    expect(html).toContain('<span style="color:#0550ae;display:block">@@ -1,2 +1,2 @@</span>');
    expect(html).toContain('<span style="display:block"> a&lt;b</span>');
  });

  it("notes are listed, and collapsed in a details element past three", () => {
    expect(htmlNotes([])).toBe("");
    expect(htmlNotes(["a", "b"])).toBe('<div><strong>notes</strong><ul style="margin:4px 0"><li>a</li><li>b</li></ul></div>');
    expect(htmlNotes(["a", "b", "c", "<d>"])).toBe('<details><summary><strong>notes</strong> (4)</summary><ul style="margin:4px 0"><li>a</li><li>b</li><li>c</li><li>&lt;d&gt;</li></ul></details>');
  });
});
