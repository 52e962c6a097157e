// Fixed buffers accepted so far, for the checker's overlap test (./buffers.ts).
import { overlaps } from "./context.js";

export interface Accepted {
  readonly name: string;
  readonly span: [bigint, bigint];
}

/**
 * Accepted fixed buffers, disjoint and sorted by start: an overlap check is two comparisons,
 * with the spans just before and just after. They are kept in sorted runs of at most
 * runLimit, so that accepting one moves the rest of its run, not of all the spans (one
 * sorted array made 100,000 buffers declared from the top down quadratic).
 */
export class DisjointSpans {
  private readonly runs: Accepted[][] = [];

  /** `runLimit`: how many spans a run holds before it is cut in two. */
  constructor(private readonly runLimit = 512) {}

  /** The accepted span `span` overlaps, if any; otherwise `span` is accepted. */
  addOrClash(name: string, span: [bigint, bigint]): Accepted | undefined {
    const runs = this.runs;
    if (runs.length === 0) {
      runs.push([{ name, span }]);
      return undefined;
    }
    // Past every accepted span (buffers declared in address order): one comparison.
    const lastRun = runs[runs.length - 1]!;
    const last = lastRun[lastRun.length - 1]!;
    if (last.span[0] < span[0] && last.span[1] <= span[0]) {
      lastRun.push({ name, span });
      if (lastRun.length > this.runLimit) runs.splice(runs.length - 1, 1, lastRun.slice(0, lastRun.length >> 1), lastRun.slice(lastRun.length >> 1));
      return undefined;
    }
    // The first run that ends at or after span's start (else the last run, at its end).
    let r = 0;
    let hi = runs.length - 1;
    while (r < hi) {
      const mid = (r + hi) >> 1;
      const run = runs[mid]!;
      if (run[run.length - 1]!.span[0] < span[0]) r = mid + 1;
      else hi = mid;
    }
    const run = runs[r]!;
    let i = 0;
    let j = run.length;
    while (i < j) {
      const mid = (i + j) >> 1;
      if (run[mid]!.span[0] < span[0]) i = mid + 1;
      else j = mid;
    }
    const before = i > 0 ? run[i - 1] : r > 0 ? runs[r - 1]![runs[r - 1]!.length - 1] : undefined;
    // i is past the end of its run only in the last run: nothing comes after.
    const after = run[i];
    if (before && overlaps(before.span, span)) return before;
    if (after && overlaps(after.span, span)) return after;
    run.splice(i, 0, { name, span });
    if (run.length > this.runLimit) {
      const half = run.length >> 1;
      runs.splice(r, 1, run.slice(0, half), run.slice(half));
    }
    return undefined;
  }
}
