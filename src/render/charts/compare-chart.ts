// The `chart compare` spec: a grid of calls × kernels, one row per call identity (function,
// target, scenario or kernel, occurrence), each cell coloured by that kernel's outcome and
// naming its return code and step (a call moved to another step stays on its row); below,
// each bank's final linear map per kernel with its leaf-size, invalid and shared lanes.
import type { SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { keyCalls } from "./call-identity.js";
import { baseConfig, chartTitle, MULTILINE_LABEL, plotWidth, totalWidth, type ChartOptions } from "./layout.js";
import { mapColours, spansOf, spanTitle } from "./map-chart.js";
import { chartMsg } from "./messages.js";
import { CELL_COLOURS, CELL_OUTCOMES, outcomeOf, outcomeScale } from "./outcome.js";
import { stripData, type StripRow } from "./strip-data.js";
import { stripPanel } from "./strip-panel.js";
import { callRowLabel, ROW_PX } from "./timeline-chart.js";

export interface CompareCell {
  readonly kernel: string;
  readonly row: string;
  readonly outcome: string;
  readonly text: string;
  readonly call: string;
  readonly target: string;
  readonly step: string;
  readonly rc: string;
  readonly warns: number;
  readonly invalid: number;
  readonly pages: number;
}

const DARK = [chartMsg.ebusy(), chartMsg.einval(), chartMsg.enomem(), chartMsg.otherError(), chartMsg.okLeftInvalid()];

export function compareCells(runs: readonly { version: string; result: SimResult }[]): { cells: CompareCell[]; rows: string[] } {
  const keyed = keyCalls(runs);
  // Two identities can abbreviate to the same label: keep rows apart with a zero-width suffix.
  const rows: string[] = [];
  const cells = keyed.flatMap((k) => {
    // A repeated call says which occurrence it is; the call's arguments are not in the result.
    let row = callRowLabel(k.call, k.occurrence > 0 ? chartMsg.occurrence(k.label, k.occurrence + 1) : k.label, k.origin);
    while (rows.includes(row)) row += "\u200b";
    rows.push(row);
    return k.cells.map((c, i): CompareCell => {
      const kernel = runs[i]!.version;
      if (!c) return { kernel, row, outcome: chartMsg.notMade(), text: `${chartMsg.notMade()}\n`, call: k.call, target: k.label, step: "", rc: "", warns: 0, invalid: 0, pages: 0 };
      const step = `${c.relation} ${c.step}`;
      return {
        kernel,
        row,
        outcome: outcomeOf(c),
        text: `${c.rcName}${c.warns > 0 ? ` · ${c.warns} WARN` : ""}${c.invalidPagesLeft > 0n ? ` · ${c.invalidPagesLeft} invalid` : ""}\n${step}`,
        call: k.call,
        target: k.label,
        step,
        rc: c.rcName,
        warns: c.warns,
        invalid: Number(c.invalidPagesLeft),
        pages: Number(c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic),
      };
    });
  });
  return { cells, rows };
}

const STRIP_LANES = [chartMsg.laneLeaf(), chartMsg.laneInvalid(), chartMsg.laneShared()];

export function compareSpec(runs: readonly { version: string; result: SimResult }[], banks: readonly PhysRange[], opts?: ChartOptions): Record<string, unknown> {
  const total = totalWidth(opts);
  const width = plotWidth(total);
  const versions = runs.map((r) => r.version);
  const { cells, rows } = compareCells(runs);
  const grid = {
    width,
    height: Math.max(1, rows.length) * ROW_PX,
    data: { values: cells },
    encoding: {
      x: { field: "kernel", type: "nominal", sort: versions, scale: { domain: versions }, title: null, axis: { orient: "top", labelAngle: 0, labelFontSize: 11, labelFontWeight: "bold" } },
      y: { field: "row", type: "nominal", title: null, sort: rows, scale: { domain: rows }, axis: { labelExpr: MULTILINE_LABEL, labelFontSize: 10 } },
    },
    layer: [
      {
        mark: { type: "rect", tooltip: true, stroke: "#ffffff", strokeWidth: 2 },
        encoding: {
          fill: { field: "outcome", type: "nominal", title: chartMsg.legendOutcome(), scale: { domain: CELL_OUTCOMES, range: CELL_COLOURS } },
          tooltip: (["kernel", "call", "target", "step", "outcome", "rc", "warns", "invalid", "pages"] as const).map((f) => ({ field: f, title: chartMsg.tip[f] })),
        },
      },
      {
        // Two lines centred on the cell: Vega puts the first line at the baseline.
        mark: { type: "text", fontSize: 10, lineBreak: "\n", lineHeight: 12, baseline: "middle", dy: -6, tooltip: true },
        encoding: {
          text: { field: "text" },
          color: { condition: { test: `indexof(${JSON.stringify(DARK)}, datum.outcome) >= 0`, value: "#ffffff" }, value: "#000000" },
        },
      },
    ],
  };
  const colour = mapColours(runs[0]!.result);
  const spans = spansOf(banks, undefined, runs.flatMap((x) => x.result.calls));
  const strips = spans.map((span, i) => {
    const rowsAll: StripRow[] = [];
    const markers: StripRow[] = [];
    const lanes: string[] = [];
    for (const run of runs) {
      const s = stripData(run.result, run.result.finalMap, span, width, Math.floor(2000 / (spans.length * runs.length)));
      const lane = (l: string) => `${run.version} · ${l}`;
      lanes.push(...STRIP_LANES.map(lane));
      for (const x of s.rows) if (STRIP_LANES.includes(x.lane)) rowsAll.push({ ...x, lane: lane(x.lane) });
      for (const x of s.markers) if (STRIP_LANES.includes(x.lane)) markers.push({ ...x, lane: lane(x.lane) });
    }
    return stripPanel({ name: `bank${i}`, title: `${chartMsg.compareStrips()} · ${spanTitle(banks, span)}`, width, lanes, domain: [Number(span.start), Number(span.end)], rows: rowsAll, calls: [], markers, colour, outcome: outcomeScale });
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: chartTitle(chartMsg.compareTitle(versions.join(", ")), [], total),
    config: baseConfig(total),
    vconcat: [grid, ...strips],
    resolve: { scale: { x: "independent", y: "independent" } },
  };
}
