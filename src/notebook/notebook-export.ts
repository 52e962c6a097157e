// A notebook as one standalone page for sharing: the prose (Markdown), the code highlighted
// by our lexer, and the outputs, with charts interactive (vega inlined, no network). It does
// not go through nbconvert, whose 6.5 templates strip SVG. Markdown and HTML outputs are the
// notebook author's text and go through safeHtml: the page must be safe to open.
import escapeHtml from "escape-html";
import { marked } from "marked";
import { highlightedSource, vendorScripts } from "../render/report.js";
import { VEGALITE_MIME } from "../render/charts/index.js";
import { cellSource, type Notebook, type NotebookOutput } from "./notebook-file.js";
import { LINMAP_VERSION } from "../version.js";
import { safeHtml } from "./safe-html.js";

function text(v: unknown): string {
  return Array.isArray(v) ? v.join("") : String(v ?? "");
}

function outputHtml(o: NotebookOutput, charts: unknown[]): string {
  if (o.output_type === "stream") return `<pre class="out stream-${escapeHtml(String(o["name"]))}">${escapeHtml(text(o["text"]))}</pre>`;
  if (o.output_type === "error") return `<pre class="out error" style="color:#b00">${escapeHtml(Array.isArray(o["traceback"]) ? o["traceback"].join("\n") : text(o["traceback"]))}</pre>`;
  const data = (o["data"] ?? {}) as Record<string, unknown>;
  if (typeof data[VEGALITE_MIME] === "object") {
    charts.push(data[VEGALITE_MIME]);
    return `<div class="linmap-chart" id="chart-${charts.length - 1}"></div>`;
  }
  if (data["text/html"]) return `<div class="out html">${safeHtml(text(data["text/html"]))}</div>`;
  if (data["image/png"]) return `<img class="out" alt="chart" src="data:image/png;base64,${escapeHtml(text(data["image/png"]).replace(/[^A-Za-z0-9+/=]/g, ""))}">`;
  return `<pre class="out">${escapeHtml(text(data["text/plain"]))}</pre>`;
}

export function notebookHtml(nb: Notebook, title: string): string {
  const charts: unknown[] = [];
  const parts = nb.cells.map((c) => {
    const src = cellSource(c);
    if (c.cell_type === "markdown") return `<div class="md">${safeHtml(marked.parse(src, { async: false }))}</div>`;
    if (c.cell_type !== "code") return `<pre>${escapeHtml(src)}</pre>`;
    const count = typeof c.execution_count === "number" ? String(c.execution_count) : " ";
    return `<div class="cell"><div class="prompt">In [${count}]:</div>${highlightedSource(src)}${(c.outputs ?? []).map((o) => outputHtml(o, charts)).join("\n")}</div>`;
  });
  const specs = JSON.stringify(charts).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="generator" content="linmap ${LINMAP_VERSION}">
${vendorScripts()}
<style>body{font-family:sans-serif;max-width:1100px;margin:auto}.prompt{color:#888;font:12px monospace}pre.out{font-size:12px;border-left:3px solid #ddd;padding-left:8px}.cell{margin:12px 0}</style>
</head><body>
${parts.join("\n")}
<script>
const specs = ${specs};
window.linmapCharts = Promise.all(specs.map((s, i) => vegaEmbed("#chart-" + i, s, { renderer: "svg", actions: false })));
</script>
</body></html>
`;
}
