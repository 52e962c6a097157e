// The `chart compare` spec: a grid of call × kernel coloured by outcome, and the linear map
// strip of each kernel as small multiples.
import type { SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { OUTCOMES, OUTCOME_COLOURS, outcomeOf } from "./outcome.js";
import { mapData } from "./map-chart.js";
import { CLASS_COLOURS, leafClasses } from "./leaf-classes.js";

export function compareSpec(runs: readonly { version: string; result: SimResult }[], banks: readonly PhysRange[], width = 900): Record<string, unknown> {
  const grid = runs.flatMap((run) =>
    run.result.calls.map((c) => ({
      kernel: run.version,
      call: `${c.id}. ${c.call} ${c.label}`,
      outcome: outcomeOf(c),
      rc: c.rcName,
      warns: c.warns,
      pages: Number(c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic),
    })),
  );
  const strips = runs.flatMap((run) =>
    mapData(run.result, run.result.finalMap, banks).rows.filter((x) => x.lane === "leaf size").map((x) => ({ ...x, kernel: run.version })),
  );
  const classes = runs[0] ? leafClasses(runs[0].result.geometry) : [];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: `compare ${runs.map((r) => r.version).join(", ")}`,
    vconcat: [
      {
        width: Math.min(width, 120 * Math.max(1, runs.length)),
        height: { step: 18 },
        data: { values: grid },
        mark: { type: "rect", tooltip: true },
        encoding: {
          x: { field: "kernel", type: "nominal", sort: runs.map((r) => r.version), title: null, axis: { orient: "top" } },
          y: { field: "call", type: "nominal", title: null, sort: null },
          color: { field: "outcome", type: "nominal", scale: { domain: [...OUTCOMES], range: OUTCOME_COLOURS } },
          tooltip: [{ field: "kernel" }, { field: "call" }, { field: "rc" }, { field: "warns", title: "WARNs" }, { field: "pages", title: "page-table pages" }],
        },
      },
      {
        data: { values: strips },
        facet: { row: { field: "kernel", type: "nominal", sort: runs.map((r) => r.version), title: null } },
        spec: {
          width,
          height: 24,
          mark: { type: "rect", tooltip: true },
          encoding: {
            x: { field: "start", type: "quantitative", title: "physical address (all banks)", scale: { zero: false, nice: false }, axis: { labelExpr: "'0x' + format(datum.value, 'x')" } },
            x2: { field: "end" },
            color: { field: "leaf", type: "nominal", title: "leaf", scale: { domain: classes, range: [...CLASS_COLOURS.slice(0, classes.length - 1), "#eeeeee"] } },
            tooltip: [{ field: "range" }, { field: "leaf" }, { field: "ptdump" }],
          },
        },
      },
    ],
    resolve: { scale: { color: "independent" } },
  };
}
