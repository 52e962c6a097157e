// What a comparison of kernels is made of, computed once for every face (the text table, the
// JSON document, the charts): one row per call, matched across kernels by what it is (call,
// target, whether the kernel or the scenario makes it, and which occurrence of that call it
// is), not by position, so a call one kernel makes at another step is still one row.
import type { CallResult, SimResult } from "../sim/index.js";

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

function identity(c: CallResult): string {
  return `${c.origin}\u0000${c.call}\u0000${c.label}`;
}

/** The rows in order of first appearance over the runs. */
export function compareRows(runs: readonly CompareRun[]): CompareRow[] {
  const order: string[] = [];
  const byKey = new Map<string, { call: CallResult; occurrence: number; cells: (CallResult | undefined)[] }>();
  runs.forEach((run, i) => {
    const seen = new Map<string, number>();
    for (const c of run.result.calls) {
      const id = identity(c);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const key = `${id}\u0000${n}`;
      let row = byKey.get(key);
      if (!row) {
        row = { call: c, occurrence: n, cells: runs.map(() => undefined) };
        byKey.set(key, row);
        order.push(key);
      }
      row.cells[i] = c;
    }
  });
  return order.map((k) => {
    const r = byKey.get(k)!;
    const base = `${r.call.call} ${r.call.label}`.trimEnd();
    return { key: r.occurrence > 1 ? `${base} #${r.occurrence}` : base, call: r.call.call, target: r.call.label, origin: r.call.origin, occurrence: r.occurrence, cells: r.cells };
  });
}

/** Page-table pages a call allocated, from every allocator. */
export function callPages(c: CallResult): bigint {
  return c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic;
}
