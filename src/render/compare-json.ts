// The machine-readable comparison (`linmap compare --json`): each kernel's full result (as
// `run --json` gives it, with its content hash) and the per-call comparison rows of
// compare-model.ts, with the unified diffs of the final maps. Shape:
// schema/compare.schema.json.
import { hex } from "../catalog/index.js";
import type { CallResult } from "../sim/index.js";
import { callPages, compareRows, type CompareRun } from "./compare-model.js";
import { renderMapDiffs } from "./compare.js";
import { resultWithHash, withContentHash } from "./json-result.js";

export const COMPARE_SCHEMA_VERSION = 1;

/** One kernel's (or point's) outcome of one call, as the JSON documents give it. */
export function callOutcomeJson(c: CallResult | undefined): Record<string, unknown> | null {
  if (!c) return null;
  return {
    step: c.step,
    relation: c.relation,
    cpu: c.cpu,
    rc: c.rc,
    rcName: c.rcName,
    warns: c.warns,
    splits: [...c.splits],
    pagetablePages: Number(callPages(c)),
    invalidPagesLeft: Number(c.invalidPagesLeft),
    ...(c.range ? { range: { start: hex(c.range.start), end: hex(c.range.end) } } : {}),
  };
}

/** The per-call rows of compare-model.ts: `outcomes` one per run, in order. */
export function callRowsJson(runs: readonly CompareRun[]): Record<string, unknown>[] {
  return compareRows(runs).map((row) => ({
    key: row.key,
    call: row.call,
    target: row.target,
    origin: row.origin,
    occurrence: row.occurrence,
    outcomes: row.cells.map(callOutcomeJson),
  }));
}

export function compareJson(runs: readonly CompareRun[], scenario: string, refused: readonly { version: string; problem: string }[] = []): Record<string, unknown> {
  return {
    schema: COMPARE_SCHEMA_VERSION,
    kind: "compare",
    scenario,
    versions: runs.map((r) => r.version),
    ...(refused.length > 0 ? { refused: refused.map((r) => ({ ...r })) } : {}),
    results: runs.map((r) => resultWithHash(r.result, scenario)),
    calls: callRowsJson(runs),
    mapDiffs: renderMapDiffs(runs),
  };
}

export function renderCompareJson(runs: readonly CompareRun[], scenario: string, refused: readonly { version: string; problem: string }[] = []): string {
  return withContentHash(compareJson(runs, scenario, refused));
}
