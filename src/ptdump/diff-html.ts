// The HTML report of a diff: the real and the simulated linear map as two strips one above
// the other (the map chart's spec, fed with rows for both), the text report, and the
// simulation's own sections (calls, trace, ptdump).
import escapeHtml from "escape-html";
import { hexRange, sizeText } from "../catalog/index.js";
import { CONT, NG, PXN, RDONLY, TAGGED, VALID, type MapSnapshot, type SimResult } from "../sim/index.js";
import { mapData, mapSpec, type MapData } from "../render/charts/map-chart.js";
import type { StripData, StripRow } from "../render/charts/strip-data.js";
import { chartMsg } from "../render/charts/messages.js";
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
  realStripTitle: (name: string, range: string) => `real · ${range} · ${name} (PA, placed by offset from the linear map's start)`,
} as const;

/** The simulator's leaf bits for a line's attributes (what the chart's classes read). */
export function attrBits(a: PtdumpAttrs | undefined): number {
  if (!a) return 0;
  return 1 | (a.valid ? VALID : 0) | (a.readOnly ? RDONLY : 0) | (a.pxn ? PXN : 0) | (a.cont ? CONT : 0) | (a.memType === "MEM/NORMAL-TAGGED" ? TAGGED : 0) | (a.ng ? NG : 0);
}

/**
 * A real dump as a map strip, placed at the simulation's physical addresses by offset from
 * the linear map's start, with the leaf-size, read-only and invalid lanes of the simulation's.
 */
export function realStrip(real: LinearSection, r: SimResult, title: (range: string) => string): StripData | undefined {
  const g = r.geometry;
  const base = real.geometry?.pageOffset ?? 0n;
  const memstart = r.finalMap.memstart;
  const mapped = real.entries.filter((e) => e.attrs);
  if (mapped.length === 0) return undefined;
  const pa = (va: bigint) => memstart + (va - base);
  const from = mapped[0]!.start;
  const to = mapped[mapped.length - 1]!.end;
  const rows: StripRow[] = [];
  const lanes: StripRow[] = [];
  const inSpan = real.entries.filter((e: PtdumpEntry) => e.end > from && e.start < to);
  for (const e of inSpan) {
    const level = g.levels.findIndex((l) => l.name === e.level);
    const bits = attrBits(e.attrs);
    const [s, t] = [pa(e.start > from ? e.start : from), pa(e.end < to ? e.end : to)];
    const common = { start: Number(s), end: Number(t), range: hexRange(s, t), size: sizeText(t - s) };
    const cls = level >= 0 ? leafClass(g, level, bits) : "hole";
    rows.push({ ...common, lane: chartMsg.laneLeaf(), cls, what: cls, ptdump: formatEntry(e) });
    if (e.attrs?.readOnly) lanes.push({ ...common, lane: chartMsg.laneReadOnly(), cls: chartMsg.laneReadOnly(), what: chartMsg.laneReadOnly() });
    if (e.attrs && !e.attrs.valid) lanes.push({ ...common, lane: chartMsg.laneInvalid(), cls: chartMsg.laneInvalid(), what: chartMsg.laneInvalid() });
  }
  return { span: { start: pa(from), end: pa(to) }, title: title(hexRange(pa(from), pa(to))), rows: [...rows, ...lanes], calls: [], markers: [], binBytes: 0n };
}

/** The simulation's map with real dumps' strips above its banks. */
export function mapWithRealStrips(r: SimResult, snapshot: MapSnapshot, strips: readonly StripData[]): MapData {
  const sim = mapData(r, snapshot, r.banks);
  return { ...sim, banks: [...strips, ...sim.banks] };
}

export function diffReportHtml(d: PtdumpDiff, r: SimResult, real: LinearSection, source: { file: string; text: string }, after?: string): string {
  const snapshot = after ? (r.snapshots.get(after) ?? r.finalMap) : r.finalMap;
  const strip = realStrip(real, r, (range) => diffHtmlMsg.realStripTitle(d.real.name, range));
  const spec = mapSpec(r, mapWithRealStrips(r, snapshot, strip ? [strip] : []), diffHtmlMsg.chartTitle(d.real.name, d.simulated.name));
  return renderReport({
    title: diffHtmlMsg.title(d.real.name, d.simulated.name),
    source,
    results: [r],
    charts: [{ title: diffHtmlMsg.chartHeading(), spec }],
    extra: `<h2>${diffHtmlMsg.diffHeading()}</h2><pre>${escapeHtml(renderDiff(d))}</pre>`,
  });
}
