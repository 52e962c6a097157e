// What a comparison of kernels is made of, computed once for every face (the text table, the
// JSON document, the charts): one row per call, matched across kernels by what it is (call,
// target, whether the kernel or the scenario makes it, and which occurrence of that call it
// is), not by position, so a call one kernel makes at another step is still one row.
import type { CallResult, SimResult } from "../sim/index.js";
import { keyCalls, type KeyedCall } from "./charts/call-identity.js";

export interface CompareRun {
  readonly version: string;
  readonly result: SimResult;
}

/** A keyed call (charts/call-identity.ts) as the comparison names it. */
export interface CompareRow extends Pick<KeyedCall, "call" | "origin" | "cells"> {
  /** `call target`, with `#N` for the N-th occurrence after the first. */
  readonly key: string;
  readonly target: string;
  /** 1 for the first call of this identity. */
  readonly occurrence: number;
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
