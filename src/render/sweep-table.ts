// A sweep's results as a table: one row per point, with each scenario call's return code,
// the WARNs, the page-table pages and the expectations that held.
import type { SimResult } from "../sim/index.js";
import type { SweepPoint } from "../compile/sweep.js";
import { textTable } from "./text-table.js";
import { htmlTable } from "./html.js";

export interface SweepRow {
  readonly point: SweepPoint;
  readonly result?: SimResult;
  readonly problem?: string;
}

function rows(sweep: readonly SweepRow[]): { head: string[]; body: string[][] } {
  const axes = sweep[0]?.point.map((s) => s.axis) ?? [];
  const calls: string[] = [];
  for (const r of sweep) for (const c of r.result?.calls ?? []) if (c.origin === "scenario" && !calls.includes(`${c.call} ${c.label}`)) calls.push(`${c.call} ${c.label}`);
  const head = [...axes, ...calls, "WARNs", "page-table pages", "expectations"];
  const body = sweep.map((r) => {
    const values = r.point.map((s) => s.value);
    if (!r.result) return [...values, ...calls.map(() => ""), "", "", r.problem ?? ""];
    const res = r.result;
    const perCall = calls.map((k) => res.calls.find((c) => `${c.call} ${c.label}` === k)?.rcName ?? "not made");
    const passed = res.expectations.filter((e) => e.passed).length;
    return [...values, ...perCall, String(res.warnCount), String(res.stats.pagetablePages), res.expectations.length > 0 ? `${passed}/${res.expectations.length}` : "-"];
  });
  return { head, body };
}

export function renderSweepTable(sweep: readonly SweepRow[]): string {
  const { head, body } = rows(sweep);
  return textTable(head, body);
}

export function htmlSweepTable(sweep: readonly SweepRow[]): string {
  const { head, body } = rows(sweep);
  return htmlTable(head, body);
}
