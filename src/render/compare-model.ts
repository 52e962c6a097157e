// What a comparison of kernels is made of, computed once for every face (the text table, the
// JSON document, the charts): one row per call, matched across kernels by what it is (call,
// target, whether the kernel or the scenario makes it, and which occurrence of that call it
// is), not by position, so a call one kernel makes at another step is still one row.
import type { CallResult, SimResult } from "../sim/index.js";
import { keyCalls } from "./charts/call-identity.js";

export interface CompareRun {
  readonly version: string;
  readonly result: SimResult;
}

export interface CompareRow {
  /** `call target`, with `#N` for the N-th occurrence after the first. */
  readonly key: string;
  readonly call: string;
  readonly target: string;
  readonly origin: CallResult["origin"];
  readonly occurrence: number;
  /** One per run, in run order; undefined where that kernel makes no such call. */
  readonly cells: readonly (CallResult | undefined)[];
}

/** The rows in boot order of the earliest kernel's call (charts/call-identity.ts matches them). */
export function compareRows(runs: readonly CompareRun[]): CompareRow[] {
  return keyCalls(runs).map((k) => {
    const base = `${k.call} ${k.label}`.trimEnd();
    const occurrence = k.occurrence + 1;
    return { key: occurrence > 1 ? `${base} #${occurrence}` : base, call: k.call, target: k.label, origin: k.origin, occurrence, cells: k.cells };
  });
}

/** Page-table pages a call allocated, from every allocator. */
export function callPages(c: CallResult): bigint {
  return c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic;
}
