// The `chart pagetables` spec: page-table pages (and bytes) allocated so far at each boot
// step, by allocator; when comparing, one line per kernel.
import { BOOT_STEPS } from "../../catalog/index.js";
import type { SimResult } from "../../sim/index.js";

export interface PagetableRow {
  readonly step: string;
  readonly order: number;
  readonly series: string;
  readonly pages: number;
  readonly kib: number;
}

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

export function pagetablesSpec(rows: readonly PagetableRow[], title: string, stacked: boolean, width = 900): Record<string, unknown> {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    width,
    height: 220,
    data: { values: rows },
    mark: stacked ? { type: "area", line: true, interpolate: "step-after", tooltip: true } : { type: "line", interpolate: "step-after", point: true, tooltip: true },
    encoding: {
      x: { field: "step", type: "ordinal", sort: BOOT_STEPS.map((s) => s.name), axis: { labelAngle: -60 }, title: "boot step" },
      y: { field: "pages", type: "quantitative", title: "page-table pages so far", ...(stacked ? { stack: "zero" } : { stack: null }) },
      color: { field: "series", type: "nominal", title: stacked ? "allocator" : "kernel" },
      tooltip: [{ field: "series" }, { field: "step" }, { field: "pages", title: "pages" }, { field: "kib", title: "KiB" }],
    },
  };
}
