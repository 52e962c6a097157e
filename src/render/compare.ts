// The same scenario under several kernels: one row per call with each kernel's outcome, and
// the differences between the final linear maps as a unified diff of their ptdumps.
// The patch functions only (the package's index loads every diff flavour, 19 modules).
import { createTwoFilesPatch } from "diff/lib/patch/create.js";
import type { CallResult, SimResult } from "../sim/index.js";
import { renderPtdump } from "./ptdump.js";
import { textTable } from "./text-table.js";
import { callPages, compareRows, type CompareRun } from "./compare-model.js";

export type { CompareRun } from "./compare-model.js";

/** One kernel's outcome of one call, as the comparison prints it. */
export function compareOutcome(c: CallResult | undefined): string {
  if (!c) return "not made";
  return `${c.rcName} at ${c.step}, ${c.warns} WARN, ${callPages(c)} pages${c.invalidPagesLeft > 0n ? `, ${c.invalidPagesLeft} left invalid` : ""}`;
}

export function renderCompareTable(runs: readonly CompareRun[]): string {
  const rows = compareRows(runs).map((row) => [`${row.key}${row.origin === "kernel" ? " (kernel)" : ""}`, ...row.cells.map(compareOutcome)]);
  rows.push(["WARNs in the boot", ...runs.map((run) => String(run.result.warnCount))]);
  rows.push(["page-table pages", ...runs.map((run) => String(run.result.stats.pagetablePages))]);
  // One row per expectation: its verdict under each kernel, "-" where it is scoped to other
  // kernels (`expect under ...`), so no column fails only because it pins another kernel.
  const expectations = new Map<string, string[]>();
  runs.forEach((run, i) => {
    for (const e of run.result.expectations) {
      const k = `expect ${e.source.line}:${e.source.column}`;
      const row = expectations.get(k) ?? [`${e.text.replace(/^expect\s+/, "expect ")}`, ...runs.map(() => "-")];
      row[i + 1] = e.passed ? "PASS" : `FAIL (${e.actual})`;
      expectations.set(k, row);
    }
  });
  rows.push(...expectations.values());
  return textTable(["call", ...runs.map((r) => r.version)], rows);
}

/** Unified diffs of the final ptdumps, each kernel against the first. */
export function renderMapDiffs(runs: readonly CompareRun[]): string[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  const dump = (r: SimResult) => `${renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks }).join("\n")}\n`;
  const base = dump(first.result);
  return rest.map((run) => {
    const other = dump(run.result);
    if (other === base) return `final linear maps of ${first.version} and ${run.version} are identical`;
    return createTwoFilesPatch(first.version, run.version, base, other, undefined, undefined, { context: 1 }).split("\n").slice(1).join("\n").trimEnd();
  });
}
