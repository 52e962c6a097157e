// The `chart timeline` spec: boot steps in order; bands for the black-out windows this run's
// kernel has (none before the fix), each named by its rule; the caps finalization, the
// repaint and page_alloc_available as events; every call as a mark whose colour and shape
// give its outcome (a call that returned 0 but left pages invalid is not "ok"); and the
// number of CPUs online above.
import { BOOT_STEPS, bootStepIndex } from "../../catalog/index.js";
import type { SimResult } from "../../sim/index.js";
import { baseConfig, chartTitle, MULTILINE_LABEL, plotWidth, totalWidth, twoLines, type ChartOptions } from "./layout.js";
import { chartMsg } from "./messages.js";
import { OUTCOME_SHAPES, outcomeOf, outcomeScale } from "./outcome.js";
import { blackoutBands, bootEvents, REL } from "./windows.js";

const WINDOW_COLOURS: Readonly<Record<1 | 2, string>> = { 1: "#fee391", 2: "#c7c1e6" };
const EVENT_DASHES = [[6, 3], [2, 2], [10, 2, 2, 2]];
export const ROW_PX = 30;
/** Offset in steps between calls drawn at one point of one row. */
const SPREAD = 0.22;

/** A call's row: function and target on two lines; the kernel's own calls say so. */
export function callRowLabel(call: string, label: string, origin: "scenario" | "kernel"): string {
  return twoLines(call, origin === "kernel" ? chartMsg.kernelTarget(label) : label);
}

export function timelineSpec(r: SimResult, opts?: ChartOptions): Record<string, unknown> {
  const total = totalWidth(opts);
  const width = plotWidth(total);
  const idx = (s: string) => bootStepIndex(s) ?? 0;
  const bands = blackoutBands(r);
  const events = bootEvents(r);
  const calls = r.calls.map((c) => ({
    x: idx(c.step) + REL[c.relation],
    step: `${c.relation === "at" ? "at" : c.relation} ${c.step}`,
    call: c.call,
    row: callRowLabel(c.call, c.label, c.origin),
    target: c.label,
    origin: c.origin === "kernel" ? chartMsg.kernelCall() : chartMsg.scenarioCall(),
    outcome: outcomeOf(c),
    rc: c.rcName,
    warns: c.warns,
    invalid: Number(c.invalidPagesLeft),
    pages: Number(c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic),
    cpu: `CPU${c.cpu}`,
  }));
  // Calls on one row at one point (set_memory_valid 0 then 1 after userspace) side by side, in
  // call order, so none hides another; the tooltip still names the step.
  const atPoint = new Map<string, number[]>();
  calls.forEach((c, i) => atPoint.set(`${c.row}@${c.x}`, [...(atPoint.get(`${c.row}@${c.x}`) ?? []), i]));
  for (const list of atPoint.values()) {
    if (list.length < 2) continue;
    const step = Math.min(SPREAD, 0.5 / list.length);
    list.forEach((i, j) => (calls[i]!.x += (j - (list.length - 1) / 2) * step));
  }
  const rows = [...new Set(calls.map((c) => c.row))];
  const online = r.onlinePerStep.map((o) => ({ x: idx(o.step), cpus: o.online, step: o.step }));
  const stepAxis = { values: BOOT_STEPS.map((_, i) => i), labelExpr: `[${BOOT_STEPS.map((s) => `'${s.name}'`).join(",")}][datum.value]`, labelAngle: -60, labelFontSize: 9, labelOverlap: false, title: chartMsg.bootStep(), grid: true };
  const scale = { domain: [-0.5, BOOT_STEPS.length - 0.5] };
  const x = { type: "quantitative", scale, axis: stepAxis };
  const layer: Record<string, unknown>[] = [];
  if (bands.length > 0) {
    layer.push(
      {
        data: { values: bands },
        mark: { type: "rect", opacity: 0.6, tooltip: true },
        encoding: {
          x: { ...x, field: "from" },
          x2: { field: "to" },
          color: { field: "rule", type: "nominal", title: chartMsg.legendWindow(), scale: { domain: bands.map((b) => b.rule), range: bands.map((b) => WINDOW_COLOURS[b.window]) } },
          tooltip: [{ field: "rule", title: "" }, { field: "fromStep", title: chartMsg.tip.from }, { field: "toStep", title: chartMsg.tip.until }],
        },
      },
      {
        data: { values: bands.map((b) => ({ ...b, label: chartMsg.windowLabel(b.window) })) },
        mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 3, fontSize: 10, fontWeight: "bold" },
        encoding: { x: { ...x, field: "from" }, y: { value: 0 }, text: { field: "label" } },
      },
    );
  }
  layer.push(
    {
      data: { values: events },
      mark: { type: "rule", color: "#000000", strokeWidth: 1.5, tooltip: true },
      encoding: {
        x: { ...x, field: "x" },
        strokeDash: { field: "event", type: "nominal", title: chartMsg.legendEvent(), scale: { domain: events.map((e) => e.event), range: EVENT_DASHES.slice(0, events.length) } },
        tooltip: [{ field: "event", title: "" }, { field: "step", title: chartMsg.bootStep() }],
      },
    },
    {
      data: { values: calls },
      mark: { type: "point", filled: true, size: 110, opacity: 1, stroke: "#222222", strokeWidth: 0.5, tooltip: true },
      encoding: {
        x: { ...x, field: "x" },
        y: { field: "row", type: "nominal", title: null, sort: rows, scale: { domain: rows }, axis: { labelExpr: MULTILINE_LABEL, labelFontSize: 10 } },
        fill: { field: "outcome", type: "nominal", title: chartMsg.legendOutcome(), scale: outcomeScale },
        shape: { field: "outcome", type: "nominal", title: chartMsg.legendOutcome(), scale: { domain: outcomeScale.domain, range: OUTCOME_SHAPES } },
        tooltip: (["call", "target", "origin", "step", "cpu", "outcome", "rc", "warns", "invalid", "pages"] as const).map((f) => ({ field: f, title: chartMsg.tip[f] })),
      },
    },
  );
  const p = r.provenance;
  const subtitle = bands.length === 0 ? [chartMsg.noWindows(p.version)] : [];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: chartTitle(chartMsg.timelineTitle(p.version, p.policy, r.calls.length, r.warnCount), subtitle, total),
    config: baseConfig(total),
    vconcat: [
      {
        width,
        height: 40,
        data: { values: online },
        mark: { type: "line", interpolate: "step-after", point: true, tooltip: true },
        encoding: {
          x: { ...x, field: "x", axis: { ...stepAxis, labels: false, title: null, ticks: false } },
          y: { field: "cpus", type: "quantitative", title: chartMsg.cpusOnline(), axis: { values: [0, Math.max(1, ...online.map((o) => o.cpus))], format: "d", titleAngle: 0, titleAlign: "right", titleBaseline: "middle", titleX: -30, titleY: 20 } },
          tooltip: [{ field: "step", title: chartMsg.bootStep() }, { field: "cpus", title: chartMsg.cpusOnline() }],
        },
      },
      { width, height: Math.max(1, rows.length) * ROW_PX, layer, resolve: { scale: { color: "independent" } } },
    ],
  };
}

export function timelineSummary(r: SimResult): string {
  const counts = new Map<string, number>();
  for (const c of r.calls) counts.set(outcomeOf(c), (counts.get(outcomeOf(c)) ?? 0) + 1);
  const bands = blackoutBands(r);
  const w = bands.length === 0 ? chartMsg.summaryNoWindows() : bands.map((b) => chartMsg.windowLabel(b.window)).join(" and ");
  return chartMsg.summaryTimeline(r.calls.length, [...counts].map(([o, n]) => `${n} ${o}`).join(", "), w);
}
