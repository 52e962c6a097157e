// The machine-readable sweep (`linmap sweep FILE --json`): one document with every point's
// values and full result (as `run --json` gives it) or why the point is invalid, and the
// per-call rows of compare-model.ts across the points that ran, so a sweep by policy reads as
// a comparison of kernels. Shape: schema/sweep.schema.json. Streams of any size are JSON
// Lines (`--format jsonl`); this document holds at most SWEEP_POINT_LIMIT points.
import type { SweepItem } from "../lang/index.js";
import { callOutcomeJson } from "./compare-json.js";
import { compareRows } from "./compare-model.js";
import { resultWithHash, withContentHash } from "./json-result.js";
import type { SweepRow } from "./sweep-table.js";
import { sweepHeading } from "./views.js";

export const SWEEP_SCHEMA_VERSION = 1;

/** A point's name in the per-call rows: its values, `v7.0, its_prop at 0x1_0000_0000`. */
function pointLabel(row: SweepRow): string {
  return row.point.map((s) => (s.axis === "policy" ? s.value : `${s.axis} ${s.value}`)).join(", ");
}

export function sweepJson(item: SweepItem, sweep: number, rows: readonly SweepRow[], scenario: string): Record<string, unknown> {
  const ran = rows.flatMap((r, i) => (r.result ? [{ index: i, run: { version: pointLabel(r), result: r.result } }] : []));
  const callRows = compareRows(ran.map((x) => x.run));
  return {
    schema: SWEEP_SCHEMA_VERSION,
    kind: "sweep",
    scenario,
    sweep,
    text: sweepHeading(item),
    axes: (rows[0]?.point ?? []).map((s, k) => ({ name: s.axis, values: [...new Set(rows.map((r) => r.point[k]!.value))] })),
    points: rows.map((r, i) => ({
      point: i,
      label: pointLabel(r),
      values: Object.fromEntries(r.point.map((s) => [s.axis, s.value])),
      ...(r.result ? { result: resultWithHash(r.result, scenario) } : { problem: r.problem ?? "" }),
    })),
    calls: callRows.map((row) => {
      // One outcome per point: null where the point is invalid or makes no such call.
      const outcomes: (Record<string, unknown> | null)[] = rows.map(() => null);
      ran.forEach((x, k) => (outcomes[x.index] = callOutcomeJson(row.cells[k])));
      return { key: row.key, call: row.call, target: row.target, origin: row.origin, occurrence: row.occurrence, outcomes };
    }),
  };
}

export function renderSweepJson(item: SweepItem, sweep: number, rows: readonly SweepRow[], scenario: string): string {
  return withContentHash(sweepJson(item, sweep, rows, scenario));
}
