// One address-strip panel as a Vega-Lite layer: rects for the runs and ranges, fixed-width
// markers for ranges narrower than MIN_PX, an interval selection bound to the x scale (drag
// to pan, wheel to zoom, double-click to reset) and hex ticks on power-of-two boundaries
// that follow the zoom. The panel is named so its scale is `<name>_x` for the tick rule.
import { addressAxis, type AddressSpace } from "./address-axis.js";
import { chartMsg } from "./messages.js";
import { MIN_PX, type StripRow } from "./strip-data.js";
import { MULTILINE_LABEL } from "./layout.js";

export interface PanelInput {
  readonly name: string;
  readonly title: string;
  readonly width: number;
  readonly lanes: readonly string[];
  readonly domain: readonly [number, number];
  readonly rows: readonly StripRow[];
  readonly calls: readonly StripRow[];
  readonly markers: readonly StripRow[];
  /** Colour scale of `rows` (leaf classes and attributes) and of `calls` (outcomes). */
  readonly colour: { readonly domain: readonly string[]; readonly range: readonly string[] };
  readonly outcome: { readonly domain: readonly string[]; readonly range: readonly string[] };
  /** Dashed outlines with a number: where the detail panels are. */
  readonly outlines?: readonly { readonly start: number; readonly end: number; readonly label: string; readonly range: string }[];
  readonly space?: AddressSpace;
}

export const LANE_PX = 18;
const LABEL_GAP_PX = 70;

export function stripPanel(p: PanelInput): Record<string, unknown> {
  const ax = addressAxis(`${p.name}_x`, p.width, p.space);
  const x = { field: "start", type: "quantitative", title: ax.title, axis: ax.axis, scale: { domain: [...p.domain], zero: false, nice: false } };
  const y = { field: "lane", type: "nominal", title: null, sort: [...p.lanes], scale: { domain: [...p.lanes] }, axis: { labelExpr: MULTILINE_LABEL } };
  const colour = { field: "cls", type: "nominal", title: chartMsg.legendMap(), scale: { domain: [...p.colour.domain], range: [...p.colour.range] }, legend: { symbolType: "square" } };
  const fill = { field: "outcome", type: "nominal", title: chartMsg.legendOutcome(), scale: { domain: [...p.outcome.domain], range: [...p.outcome.range] }, legend: { symbolType: "square" } };
  const tip = [
    { field: "range", title: chartMsg.paRange() },
    { field: "size", title: chartMsg.size() },
    { field: "what", title: "" },
    { field: "ptdump", title: chartMsg.vaPtdump() },
    { field: "truth", title: chartMsg.trueState() },
  ];
  const layer: Record<string, unknown>[] = [
    {
      data: { values: p.rows },
      params: [{ name: `${p.name}_zoom`, select: { type: "interval", encodings: ["x"] }, bind: "scales" }],
      mark: { type: "rect", tooltip: true, clip: true },
      encoding: { x, x2: { field: "end" }, y, color: colour, tooltip: tip },
    },
    {
      // Markers: a tick MIN_PX wide at the middle of each small range, in its lane's colour.
      data: { values: p.markers.filter((m) => m.lane !== chartMsg.laneCalls()).map((m) => ({ ...m, mid: (m.start + m.end) / 2 })) },
      mark: { type: "tick", thickness: MIN_PX, tooltip: true, clip: true },
      encoding: { x: { field: "mid", type: "quantitative" }, y: { field: "lane", type: "nominal" }, color: colour, tooltip: tip.slice(0, 3) },
    },
  ];
  // The calls lane has its own colour scale (outcomes); left out where a strip has no calls,
  // so a chart without calls gets no empty outcome legend.
  if (p.calls.length > 0) {
    layer.push(
      {
        data: { values: p.calls.map((c) => ({ ...c, outcome: c.cls })) },
        mark: { type: "rect", tooltip: true, clip: true, stroke: "#333333", strokeWidth: 0.5 },
        encoding: { x: { field: "start", type: "quantitative" }, x2: { field: "end" }, y: { field: "lane", type: "nominal" }, fill, tooltip: tip.slice(0, 3) },
      },
      {
        data: { values: p.markers.filter((m) => m.lane === chartMsg.laneCalls()).map((m) => ({ ...m, outcome: m.cls, mid: (m.start + m.end) / 2 })) },
        mark: { type: "tick", thickness: MIN_PX, tooltip: true, clip: true },
        encoding: { x: { field: "mid", type: "quantitative" }, y: { field: "lane", type: "nominal" }, fill, tooltip: tip.slice(0, 3) },
      },
    );
  }
  if (p.outlines && p.outlines.length > 0) {
    // Outlines closer than LABEL_GAP_PX share one label ("detail 1, 2"), so labels never overlap.
    const span = p.domain[1] - p.domain[0];
    const values: { start: number; end: number; label: string; range: string; mid: number }[] = [];
    for (const o of p.outlines) {
      const mid = (o.start + o.end) / 2;
      const last = values[values.length - 1];
      if (last && ((mid - last.mid) / span) * p.width < LABEL_GAP_PX) last.label += `, ${o.label.replace(/^\D+/, "")}`;
      else values.push({ ...o, mid });
    }
    // The label goes on the side of the rule with room, so it is never clipped at the edge.
    const right = (v: { mid: number }) => v.mid > p.domain[0] + (p.domain[1] - p.domain[0]) * 0.7;
    const label = (vs: typeof values, align: "left" | "right") =>
      ({ data: { values: vs }, mark: { type: "text", baseline: "top", align, dx: align === "left" ? 3 : -3, dy: 2, fontSize: 10, fontWeight: "bold", clip: true }, encoding: { x: { field: "mid", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } } });
    const rules = p.outlines.map((o) => ({ ...o, mid: (o.start + o.end) / 2 }));
    layer.push({ data: { values: rules }, mark: { type: "rule", strokeDash: [3, 2], color: "#000000", clip: true, tooltip: true }, encoding: { x: { field: "mid", type: "quantitative" }, tooltip: [{ field: "label", title: "" }, { field: "range", title: chartMsg.paRange() }] } });
    if (values.some((v) => !right(v))) layer.push(label(values.filter((v) => !right(v)), "left"));
    if (values.some(right)) layer.push(label(values.filter(right), "right"));
  }
  return {
    name: p.name,
    title: { text: p.title, fontSize: 11, fontWeight: "normal", anchor: "start" },
    width: p.width,
    height: LANE_PX * p.lanes.length,
    layer,
  };
}
