// The `chart pagetables` spec: page-table pages (and KiB) allocated so far at each boot step,
// by allocator; when comparing, one line per kernel. Kernels with identical counts at every
// step are one series named "v7.1 = fix-v1" (two lines on top of each other would hide one);
// the others differ by dash and marker as well as colour.
import { BOOT_STEPS } from "../../catalog/index.js";
import type { SimResult } from "../../sim/index.js";
import { baseConfig, chartTitle, totalWidth, type ChartOptions } from "./layout.js";
import { chartMsg } from "./messages.js";

export interface PagetableRow {
  readonly step: string;
  readonly order: number;
  readonly series: string;
  readonly pages: number;
  readonly kib: number;
}

const Y_AXIS_PX = 110;
const DASHES = [[1, 0], [6, 3], [2, 2], [10, 3, 2, 3], [4, 4]];
const SHAPES = ["circle", "square", "triangle-up", "diamond", "cross"];

/** Cumulative pages per step; `byAllocator` splits them, else one series named `name`. */
export function pagetableRows(r: SimResult, byAllocator: boolean, name = r.provenance.version): PagetableRow[] {
  const perStep = new Map(r.stats.perStep.map((s) => [s.step, s.pagetablePages]));
  const pageKib = Number(r.geometry.pageSize / 1024n);
  const acc = { memblock: 0, buddy: 0, atomic: 0 };
  const rows: PagetableRow[] = [];
  BOOT_STEPS.forEach((s, order) => {
    const p = perStep.get(s.name);
    if (p) {
      acc.memblock += Number(p.memblock);
      acc.buddy += Number(p.buddy);
      acc.atomic += Number(p.atomic);
    }
    if (byAllocator) {
      for (const a of ["memblock", "buddy", "atomic"] as const) rows.push({ step: s.name, order, series: a, pages: acc[a], kib: acc[a] * pageKib });
    } else {
      const total = acc.memblock + acc.buddy + acc.atomic;
      rows.push({ step: s.name, order, series: name, pages: total, kib: total * pageKib });
    }
  });
  return rows;
}

/** Series with the same values at every step become one series "a = b". */
export function mergeIdentical(rows: readonly PagetableRow[]): PagetableRow[] {
  const bySeries = new Map<string, PagetableRow[]>();
  for (const x of rows) bySeries.set(x.series, [...(bySeries.get(x.series) ?? []), x]);
  const groups: { names: string[]; key: string }[] = [];
  for (const [name, list] of bySeries) {
    const key = list.map((x) => `${x.step}:${x.pages}:${x.kib}`).join(",");
    const g = groups.find((x) => x.key === key);
    if (g) g.names.push(name);
    else groups.push({ names: [name], key });
  }
  const rename = new Map(groups.flatMap((g) => g.names.map((n) => [n, chartMsg.identical(g.names)] as const)));
  const firsts = new Set(groups.map((g) => g.names[0]!));
  return rows.filter((x) => firsts.has(x.series)).map((x) => ({ ...x, series: rename.get(x.series)! }));
}

export function pagetablesSpec(rows: readonly PagetableRow[], title: string, stacked: boolean, opts?: ChartOptions): Record<string, unknown> {
  const total = totalWidth(opts);
  const data = stacked ? [...rows] : mergeIdentical(rows);
  const series = [...new Set(data.map((x) => x.series))];
  const seriesScale = { domain: series };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: chartTitle(title, [], total),
    config: baseConfig(total),
    // A single view: no label column to align with, so the plot takes the room.
    width: total - Y_AXIS_PX,
    height: 220,
    data: { values: data },
    mark: stacked ? { type: "area", line: true, interpolate: "step-after", tooltip: true } : { type: "line", interpolate: "step-after", point: { filled: false, size: 50 }, strokeWidth: 2, tooltip: true },
    encoding: {
      x: { field: "step", type: "ordinal", sort: BOOT_STEPS.map((s) => s.name), scale: { domain: BOOT_STEPS.map((s) => s.name) }, axis: { labelAngle: -60, labelFontSize: 9 }, title: chartMsg.bootStep() },
      y: { field: "pages", type: "quantitative", title: chartMsg.pagesSoFar(), axis: { tickMinStep: 1, minExtent: Y_AXIS_PX - 50, maxExtent: Y_AXIS_PX - 50 }, ...(stacked ? { stack: "zero" } : { stack: null }) },
      color: { field: "series", type: "nominal", title: stacked ? chartMsg.allocator() : chartMsg.kernel(), scale: seriesScale },
      ...(stacked
        ? {}
        : {
            strokeDash: { field: "series", type: "nominal", title: chartMsg.kernel(), scale: { ...seriesScale, range: DASHES.slice(0, series.length) } },
            shape: { field: "series", type: "nominal", title: chartMsg.kernel(), scale: { ...seriesScale, range: SHAPES.slice(0, series.length) } },
          }),
      tooltip: [{ field: "series", title: stacked ? chartMsg.allocator() : chartMsg.kernel() }, { field: "step", title: chartMsg.tip.step }, { field: "pages", title: chartMsg.tip.pagesShort }, { field: "kib", title: chartMsg.tip.kib }],
    },
  };
}
