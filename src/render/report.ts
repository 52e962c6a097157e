// The standalone HTML report (`linmap run FILE --html OUT`, `linmap compare ... --html`): one
// page that works offline, with vega, vega-lite and vega-embed inlined from the installed
// packages, the scenario source highlighted by our own lexer, the calls table, the trace,
// ptdump, and every chart interactive.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import escapeHtml from "escape-html";
import { highlightTokens } from "../lang/index.js";
import type { SimResult } from "../sim/index.js";
import { expectationsView, notesView, resultView, type View } from "./views.js";
import { LINMAP_VERSION } from "../version.js";

const COLOURS: Record<string, string> = {
  keyword: "#0033b3", call: "#7a3e9d", step: "#067d17", name: "#000000", number: "#1750eb", string: "#067d17", comment: "#8c8c8c", version: "#9e880d", errno: "#c7222d", operator: "#444444",
};

export function highlightedSource(text: string): string {
  let out = "";
  let at = 0;
  for (const s of highlightTokens(text)) {
    out += escapeHtml(text.slice(at, s.start));
    out += `<span style="color:${COLOURS[s.category]}" class="tok-${s.category}">${escapeHtml(text.slice(s.start, s.end))}</span>`;
    at = s.end;
  }
  return `<pre style="font-size:12px;line-height:1.3;background:#f8f8f8;padding:8px">${out}${escapeHtml(text.slice(at))}</pre>`;
}

/** The installed package's directory (its `exports` hide package.json from require.resolve). */
function packageDir(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (dirname(dir) !== dir) {
    if (existsSync(join(dir, "package.json")) && (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === name) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find the ${name} package`);
}

export function vendorScripts(): string {
  const file = (pkg: string, rel: string) => readFileSync(join(packageDir(pkg), rel), "utf8");
  // Inlined (not linked) so the page needs no network; `</script` cannot occur inside them.
  return [file("vega", "build/vega.min.js"), file("vega-lite", "build/vega-lite.min.js"), file("vega-embed", "build/vega-embed.min.js")]
    .map((src) => `<script>${src.replace(/<\/script/gi, "<\\/script")}</script>`)
    .join("\n");
}

export interface ReportChart {
  readonly title: string;
  readonly spec: Record<string, unknown>;
}

export interface ReportInput {
  readonly title: string;
  readonly source: { readonly file: string; readonly text: string };
  readonly results: readonly SimResult[];
  readonly charts: readonly ReportChart[];
  readonly extra?: string;
  /** A result's views that the scenario's `show` commands ask for (a ptdump over a range, after a step), by title. */
  readonly shown?: ReadonlyMap<SimResult, readonly { readonly title: string; readonly view: View }[]>;
}

export function renderReport(input: ReportInput): string {
  const sections: string[] = [`<h2>Scenario <code>${escapeHtml(input.source.file)}</code></h2>`, highlightedSource(input.source.text)];
  if (input.extra) sections.push(input.extra);
  input.charts.forEach((c, i) => sections.push(`<h2>${escapeHtml(c.title)}</h2><div class="linmap-chart" id="chart-${i}"></div>`));
  for (const r of input.results) {
    const p = r.provenance;
    sections.push(`<h2>${escapeHtml(`${p.version} (policy ${p.policy}: ${p.policyTitle})`)}</h2>`);
    sections.push(`<h3>Calls</h3>${resultView("calls", r).html}${expectationsView(r).html}`);
    for (const s of input.shown?.get(r) ?? []) sections.push(`<h3>${escapeHtml(s.title)}</h3>${s.view.html}`);
    sections.push(`<h3>Trace</h3>${resultView("trace", r).html}`);
    sections.push(`<h3>ptdump</h3>${resultView("ptdump", r).html}`);
    const notes = notesView(r.notes);
    if (notes.html) sections.push(`<h3>Notes</h3>${notes.html}`);
  }
  const specs = JSON.stringify(input.charts.map((c) => c.spec)).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<meta name="generator" content="linmap ${LINMAP_VERSION}">
${vendorScripts()}
</head><body style="font-family:sans-serif;max-width:1200px;margin:auto">
<h1>${escapeHtml(input.title)}</h1>
${sections.join("\n")}
<script>
const specs = ${specs};
window.linmapCharts = Promise.all(specs.map((s, i) => vegaEmbed("#chart-" + i, s, { renderer: "svg", actions: false })));
</script>
</body></html>
`;
}
