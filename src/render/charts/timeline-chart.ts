// The `chart timeline` spec: boot steps in order with bands for window 1 (before the page
// allocator, until mem_init), window 2 (secondaries online, caps not final) and caps
// finalized; the number of online CPUs; and every call as a mark coloured by its outcome.
import { BOOT_STEPS, bootStepIndex } from "../../catalog/index.js";
import type { SimResult } from "../../sim/index.js";
import { OUTCOMES, OUTCOME_COLOURS, outcomeOf } from "./outcome.js";

const REL = { before: -0.3, at: 0, after: 0.3 } as const;

export function timelineSpec(r: SimResult, width = 900): Record<string, unknown> {
  const idx = (s: string) => bootStepIndex(s) ?? 0;
  const bands = [
    { band: "window 1: no page allocator yet", from: idx("paging_init"), to: idx("mem_init") },
    { band: "window 2: secondaries online, caps not final", from: idx("smp_init"), to: idx("setup_system_features") },
    { band: "caps finalized", from: idx("setup_system_features"), to: BOOT_STEPS.length - 1 },
  ];
  const calls = r.calls.map((c) => ({
    x: idx(c.step) + REL[c.relation],
    step: `${c.relation === "at" ? "" : `${c.relation} `}${c.step}`,
    call: c.call,
    // One row per call and target, so calls of one function at one step stay apart.
    row: `${c.call} ${c.label}`.trim(),
    target: c.label,
    outcome: outcomeOf(c),
    rc: c.rcName,
    warns: c.warns,
    pages: Number(c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic),
    cpu: `CPU${c.cpu}`,
  }));
  const online = r.onlinePerStep.map((o) => ({ x: idx(o.step), cpus: o.online }));
  const axis = { values: BOOT_STEPS.map((_, i) => i), labelExpr: `[${BOOT_STEPS.map((s) => `'${s.name}'`).join(",")}][datum.value]`, labelAngle: -60, labelOverlap: false, labelFontSize: 9, title: "boot step" };
  const x = { type: "quantitative", scale: { domain: [-0.5, BOOT_STEPS.length - 0.5] }, axis };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: `boot timeline · ${r.provenance.version} · ${r.calls.length} calls · ${r.warnCount} WARNs`,
    vconcat: [
      {
        width,
        height: 160,
        layer: [
          {
            data: { values: bands },
            mark: { type: "rect", opacity: 0.18 },
            encoding: { x: { ...x, field: "from" }, x2: { field: "to" }, color: { field: "band", type: "nominal", title: "phase", scale: { range: ["#1f77b4", "#ff7f0e", "#2ca02c"] } } },
          },
          {
            data: { values: calls },
            mark: { type: "point", filled: true, size: 90, tooltip: true },
            encoding: {
              x: { ...x, field: "x" },
              y: { field: "row", type: "nominal", title: null, axis: { labelLimit: 260 } },
              shape: { field: "outcome", type: "nominal", scale: { domain: [...OUTCOMES] }, legend: null },
              fill: { field: "outcome", type: "nominal", title: "outcome", scale: { domain: [...OUTCOMES], range: OUTCOME_COLOURS } },
              tooltip: [{ field: "call" }, { field: "target" }, { field: "step" }, { field: "cpu" }, { field: "rc" }, { field: "warns", title: "WARNs" }, { field: "pages", title: "page-table pages" }],
            },
          },
        ],
        resolve: { scale: { color: "independent" } },
      },
      {
        width,
        height: 60,
        data: { values: online },
        mark: { type: "line", interpolate: "step-after", point: true },
        encoding: { x: { ...x, field: "x" }, y: { field: "cpus", type: "quantitative", title: "CPUs online" } },
      },
    ],
  };
}

export function timelineSummary(r: SimResult): string {
  const counts = new Map<string, number>();
  for (const c of r.calls) counts.set(outcomeOf(c), (counts.get(outcomeOf(c)) ?? 0) + 1);
  return `chart: boot timeline, ${r.calls.length} calls (${[...counts].map(([o, n]) => `${n} ${o}`).join(", ")})`;
}
