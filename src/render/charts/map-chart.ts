// The `chart map` spec: one panel per memory bank (so a hole between banks never dominates),
// lanes for the leaf size (coloured by level and contiguity), read-only, invalid, shared
// (decrypted) and the calls' target ranges (coloured by outcome), and automatic detail
// panels around call ranges too small to read at bank scale, outlined in the overview.
// Maps with more runs than a chart can draw are aggregated into bins, and the chart says so.
import { hexRange, sizeText } from "../../catalog/index.js";
import type { MapSnapshot, SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { ATTRIBUTE_COLOURS, leafClassList } from "./leaf-classes.js";
import { baseConfig, chartTitle, plotWidth, totalWidth, type ChartOptions } from "./layout.js";
import { chartMsg } from "./messages.js";
import { outcomeScale } from "./outcome.js";
import { LANES, MAX_MARKS, stripData, type StripData } from "./strip-data.js";
import { stripPanel } from "./strip-panel.js";
import { detailWindows, type DetailWindow } from "./details.js";

export { MAX_MARKS } from "./strip-data.js";

export interface MapData {
  readonly banks: StripData[];
  readonly details: { readonly window: DetailWindow; readonly strip: StripData }[];
  /** Small call ranges without a detail panel of their own (beyond MAX_DETAILS). */
  readonly smallCalls: number;
  /** Bytes each leaf-size mark stands for when aggregated; 0 when every run is drawn. */
  readonly binBytes: bigint;
}

/** The colour scale of leaf classes and attribute lanes for this granule. */
export function mapColours(r: SimResult): { domain: string[]; range: string[] } {
  const classes = leafClassList(r.geometry);
  return {
    domain: [...classes.map((c) => c.label), chartMsg.laneReadOnly(), chartMsg.laneInvalid(), chartMsg.laneShared()],
    range: [...classes.map((c) => c.colour), ATTRIBUTE_COLOURS.readOnly, ATTRIBUTE_COLOURS.invalid, ATTRIBUTE_COLOURS.shared],
  };
}

/**
 * The spans to draw: the boot banks plus memory calls reached outside them (hot-added with
 * add_memory), each merged and sorted, cut to `range` when given.
 */
export function spansOf(banks: readonly PhysRange[], range?: PhysRange, calls: SimResult["calls"] = []): PhysRange[] {
  const inBank = (x: PhysRange) => banks.some((b) => x.start < b.end && x.end > b.start);
  // Boot banks stay one panel each, even where they touch; only the extra ranges merge.
  const extra: PhysRange[] = [];
  for (const c of calls) for (const t of c.touched) if (!inBank(t)) extra.push(t);
  extra.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: PhysRange[] = [];
  for (const x of extra) {
    const last = merged[merged.length - 1];
    if (last && x.start <= last.end) merged[merged.length - 1] = { start: last.start, end: x.end > last.end ? x.end : last.end };
    else merged.push(x);
  }
  merged.push(...banks);
  merged.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return (range ? merged.map((b) => ({ start: b.start > range.start ? b.start : range.start, end: b.end < range.end ? b.end : range.end })) : merged).filter((b) => b.start < b.end);
}

/** A panel's title: numbered as the machine's banks, saying when it shows part of one. */
export function spanTitle(banks: readonly PhysRange[], span: PhysRange): string {
  const k = banks.findIndex((x) => span.start < x.end && span.end > x.start);
  const bank = banks[k];
  const text = [hexRange(span.start, span.end), sizeText(span.end - span.start)] as const;
  if (!bank) return chartMsg.hotAddedPanel(...text);
  return bank.start === span.start && bank.end === span.end ? chartMsg.bankPanel(k, ...text) : chartMsg.bankPartPanel(k, ...text);
}

export function mapData(r: SimResult, snapshot: MapSnapshot, banks: readonly PhysRange[], range?: PhysRange, opts?: ChartOptions): MapData {
  const width = plotWidth(totalWidth(opts));
  const spans = spansOf(banks, range, r.calls);
  const banksData = spans.map((s) => stripData(r, snapshot, s, width, Math.floor(MAX_MARKS / spans.length)));
  const found = detailWindows(r, spans, width);
  const details = found.windows.map((w) => ({ window: w, strip: stripData(r, snapshot, w.span, width, Math.floor(MAX_MARKS / 4)) }));
  const binBytes = banksData.reduce((m, b) => (b.binBytes > m ? b.binBytes : m), 0n);
  return { banks: banksData, details, smallCalls: found.small, binBytes };
}

export function mapSpec(r: SimResult, data: MapData, when: string | undefined, opts?: ChartOptions): Record<string, unknown> {
  const total = totalWidth(opts);
  const width = plotWidth(total);
  const colour = mapColours(r);
  const p = r.provenance;
  const subtitle: string[] = [];
  if (data.binBytes > 0n) subtitle.push(chartMsg.aggregated(sizeText(data.binBytes)));
  if (data.details.length > 0) {
    subtitle.push(chartMsg.detailsWhere(data.details.map((d, i) => `${i + 1} at ${hexRange(d.window.span.start, d.window.span.end)} (${d.window.why})`).join(", ")));
    if (data.smallCalls > 0) subtitle.push(chartMsg.detailsMore(data.smallCalls));
  }
  if (data.banks.some((b) => b.markers.length > 0) || data.details.some((d) => d.strip.markers.length > 0)) subtitle.push(chartMsg.markerNote());
  const panel = (name: string, title: string, s: StripData, outlines?: Parameters<typeof stripPanel>[0]["outlines"]) =>
    stripPanel({ name, title, width, lanes: LANES, domain: [Number(s.span.start), Number(s.span.end)], rows: s.rows, calls: s.calls, markers: s.markers, colour, outcome: outcomeScale, ...(outlines ? { outlines } : {}) });
  const panels = data.banks.map((b, i) => {
    const outlines = data.details
      .map((d, k) => ({ d, k }))
      .filter(({ d }) => d.window.span.start >= b.span.start && d.window.span.end <= b.span.end)
      .map(({ d, k }) => ({ start: Number(d.window.span.start), end: Number(d.window.span.end), label: chartMsg.detailLabel(k + 1), range: hexRange(d.window.span.start, d.window.span.end) }));
    return panel(`bank${i}`, b.title ?? spanTitle(r.banks, b.span), b, outlines);
  });
  data.details.forEach((d, k) => panels.push(panel(`detail${k + 1}`, chartMsg.detailPanel(k + 1, hexRange(d.window.span.start, d.window.span.end), sizeText(d.window.span.end - d.window.span.start), d.window.why), d.strip)));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: chartTitle(chartMsg.mapTitle(p.version, p.granule, when), subtitle, total),
    config: baseConfig(total),
    vconcat: panels,
    resolve: { scale: { x: "independent" } },
  };
}

export function mapSummary(data: MapData): string {
  const runs = data.banks.flatMap((b) => b.rows.filter((x) => x.lane === chartMsg.laneLeaf()));
  const byClass = new Map<string, number>();
  for (const x of runs) byClass.set(x.cls, (byClass.get(x.cls) ?? 0) + 1);
  const parts = [...byClass].map(([c, n]) => `${n} × ${c}`);
  return chartMsg.summaryMap(runs.length, parts.join(", "), data.binBytes > 0n ? sizeText(data.binBytes) : "", data.details.length);
}

export function mapMarks(data: MapData): number {
  const n = (s: StripData) => s.rows.length + s.calls.length + s.markers.length;
  return data.banks.reduce((k, b) => k + n(b), 0) + data.details.reduce((k, d) => k + n(d.strip), 0);
}
