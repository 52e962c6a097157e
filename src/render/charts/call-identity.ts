// Calls matched across kernels by what they are, not by position: the function, its target
// and who makes it (the scenario or the kernel itself), plus which occurrence of that it is.
// v7.0 makes swiotlb_update_mem_attributes() at arch_mm_preinit and v7.1 at mem_init: one
// identity, so one row with the step in each cell (keyed by index, 6 calls became 9 rows).
import { bootStepIndex } from "../../catalog/index.js";
import type { CallResult, SimResult } from "../../sim/index.js";
import { REL } from "./windows.js";

export interface KeyedCall {
  readonly key: string;
  readonly call: string;
  readonly label: string;
  readonly origin: CallResult["origin"];
  /** 0 for the first call of this identity, 1 for the second, ... */
  readonly occurrence: number;
  /** Each kernel's call of this identity, or undefined when that kernel does not make it. */
  readonly cells: readonly (CallResult | undefined)[];
}

export function identityOf(c: CallResult): string {
  return `${c.origin}\u0000${c.call}\u0000${c.label}`;
}

function position(c: CallResult): number {
  return (bootStepIndex(c.step) ?? 0) + REL[c.relation];
}

/** One entry per identity and occurrence, in boot order of the earliest kernel's call. */
export function keyCalls(runs: readonly { readonly result: Pick<SimResult, "calls"> }[]): KeyedCall[] {
  const rows = new Map<string, { call: string; label: string; origin: CallResult["origin"]; occurrence: number; cells: (CallResult | undefined)[]; first: number; id: number }>();
  runs.forEach((run, k) => {
    const seen = new Map<string, number>();
    for (const c of run.result.calls) {
      const id = identityOf(c);
      const n = seen.get(id) ?? 0;
      seen.set(id, n + 1);
      const key = `${id}\u0000${n}`;
      let row = rows.get(key);
      if (!row) {
        row = { call: c.call, label: c.label, origin: c.origin, occurrence: n, cells: runs.map(() => undefined), first: position(c), id: c.id };
        rows.set(key, row);
      }
      row.cells[k] = c;
      row.first = Math.min(row.first, position(c));
    }
  });
  return [...rows]
    .sort(([, a], [, b]) => a.first - b.first || a.id - b.id)
    .map(([key, r]) => ({ key, call: r.call, label: r.label, origin: r.origin, occurrence: r.occurrence, cells: r.cells }));
}
