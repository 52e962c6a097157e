// The HTML report of a diff: the real and the simulated linear map as two strips one above
// the other (the map chart's spec, fed with rows for both), the text report, and the
// simulation's own sections (calls, trace, ptdump).
import escapeHtml from "escape-html";
import { hexRange } from "../catalog/index.js";
import { CONT, NG, PXN, RDONLY, TAGGED, VALID, type SimResult } from "../sim/index.js";
import { mapData, mapSpec, type MapRow } from "../render/charts/map-chart.js";
import { leafClass } from "../render/charts/leaf-classes.js";
import { renderReport } from "../render/report.js";
import type { LinearSection, PtdumpAttrs, PtdumpEntry } from "./parse.js";
import { formatEntry } from "./parse.js";
import { renderDiff, type PtdumpDiff } from "./diff.js";

export const diffHtmlMsg = {
  title: (real: string, sim: string) => `linmap diff ptdump · ${real} · ${sim}`,
  chartTitle: (real: string, sim: string) => `real ${real} (top) and simulated ${sim} (below)`,
  chartHeading: () => "the two linear maps",
  diffHeading: () => "Diff",
} as const;

/** The simulator's leaf bits for a line's attributes (what the chart's classes read). */
export function attrBits(a: PtdumpAttrs | undefined): number {
  if (!a) return 0;
  return 1 | (a.valid ? VALID : 0) | (a.readOnly ? RDONLY : 0) | (a.pxn ? PXN : 0) | (a.cont ? CONT : 0) | (a.memType === "MEM/NORMAL-TAGGED" ? TAGGED : 0) | (a.ng ? NG : 0);
}

/** Chart rows for a real dump, placed at the simulation's physical addresses by offset. */
export function realMapRows(real: LinearSection, r: SimResult): MapRow[] {
  const g = r.geometry;
  const base = real.geometry?.pageOffset ?? 0n;
  const memstart = r.finalMap.memstart;
  const mapped = real.entries.filter((e) => e.attrs);
  if (mapped.length === 0) return [];
  const pa = (va: bigint) => memstart + (va - base);
  const from = mapped[0]!.start;
  const to = mapped[mapped.length - 1]!.end;
  const bank = `real · ${hexRange(pa(from), pa(to))}`;
  const rows: MapRow[] = [];
  const inSpan = real.entries.filter((e: PtdumpEntry) => e.end > from && e.start < to);
  for (const e of inSpan) {
    const level = g.levels.findIndex((l) => l.name === e.level);
    const bits = attrBits(e.attrs);
    const common = { bank, start: Number(pa(e.start)), end: Number(pa(e.end)), range: hexRange(pa(e.start), pa(e.end)), ptdump: formatEntry(e) };
    rows.push({ ...common, lane: "leaf size", leaf: level >= 0 ? leafClass(g, level, bits) : "hole" });
    if (e.attrs?.readOnly) rows.push({ ...common, lane: "read-only", leaf: "read-only" });
    if (e.attrs && !e.attrs.valid) rows.push({ ...common, lane: "invalid", leaf: "invalid" });
  }
  return rows;
}

export function diffReportHtml(d: PtdumpDiff, r: SimResult, real: LinearSection, source: { file: string; text: string }, after?: string): string {
  const snapshot = after ? (r.snapshots.get(after) ?? r.finalMap) : r.finalMap;
  const sim = mapData(r, snapshot, r.banks);
  const rows = [...realMapRows(real, r), ...sim.rows.map((x) => ({ ...x, bank: `simulated · ${x.bank}` }))];
  const spec = mapSpec(r, { rows, binBytes: sim.binBytes }, diffHtmlMsg.chartTitle(d.real.name, d.simulated.name));
  return renderReport({
    title: diffHtmlMsg.title(d.real.name, d.simulated.name),
    source,
    results: [r],
    charts: [{ title: diffHtmlMsg.chartHeading(), spec }],
    extra: `<h2>${diffHtmlMsg.diffHeading()}</h2><pre>${escapeHtml(renderDiff(d))}</pre>`,
  });
}
