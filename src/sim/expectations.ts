// Evaluates a scenario's expectations against the simulated state: leaf sizes and attributes
// over a range at a point of the boot, page-table pages and WARNs so far, and call outcomes.
import type { LinuxKernel } from "./kernel-state.js";
import type { ExpectationCheck } from "./program.js";
import type { CallResult } from "./result.js";
import { CONT, NS_SHARED, PXN, RDONLY, VALID } from "./tables/page-table.js";
import { errnoName } from "./errno.js";
import { sizeText } from "../catalog/index.js";

export interface Verdict {
  readonly passed: boolean;
  readonly actual: string;
}

const ATTRIBUTE_TESTS: Readonly<Record<string, (bits: number) => boolean>> = {
  valid: (b) => (b & VALID) !== 0,
  invalid: (b) => (b & VALID) === 0,
  ro: (b) => (b & RDONLY) !== 0,
  rw: (b) => (b & RDONLY) === 0,
  x: (b) => (b & PXN) === 0,
  nx: (b) => (b & PXN) !== 0,
  shared: (b) => (b & NS_SHARED) !== 0,
  private: (b) => (b & NS_SHARED) === 0,
  cont: (b) => (b & CONT) !== 0,
  nocont: (b) => (b & CONT) === 0,
};

export function evaluateExpectation(k: LinuxKernel, check: Exclude<ExpectationCheck, { kind: "call-result" }>): Verdict {
  switch (check.kind) {
    case "pagetables": {
      const n = k.map.pagetablePages;
      return { passed: n === check.count, actual: `${n} page-table pages` };
    }
    case "warns":
      return { passed: k.warnCount === check.count, actual: `${k.warnCount} WARN${k.warnCount === 1 ? "" : "s"}` };
    case "leaf": {
      const segs = k.map.leafSegments(check.range.start, check.range.end, true);
      const sizes = new Set<string>();
      let holes = false;
      for (const s of segs) {
        if (s.bits === 0) holes = true;
        else sizes.add(sizeText(k.geometry.levels[s.level]!.entrySize));
      }
      const want = sizeText(check.size);
      const passed = !holes && sizes.size === 1 && sizes.has(want);
      return { passed, actual: `leaves ${[...sizes].join(", ") || "none"}${holes ? " and unmapped holes" : ""}` };
    }
    case "attributes": {
      const segs = k.map.leafSegments(check.range.start, check.range.end, true);
      const failing = check.attributes.filter((a) => segs.some((s) => !ATTRIBUTE_TESTS[a]!(s.bits)));
      return { passed: failing.length === 0, actual: failing.length === 0 ? "as expected" : `not ${failing.join(", not ")} everywhere` };
    }
  }
}

/** `calls`: the results of the calls made, by id. */
export function evaluateCallExpectation(calls: ReadonlyMap<number, CallResult>, check: Extract<ExpectationCheck, { kind: "call-result" }>, pageSize: bigint): Verdict {
  void pageSize;
  // The ids are in plan order, as the results are; an interrupted run has no result for the later ones.
  const matched = check.callIds.map((id) => calls.get(id)).filter((c): c is CallResult => c !== undefined);
  if (matched.length === 0) return { passed: false, actual: "the call was not made" };
  const problems: string[] = [];
  for (const c of matched) {
    for (const o of check.outcomes) {
      const pages = Number(c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic);
      const actual = o.field === "returns" ? c.rc : o.field === "warns" ? c.warns : o.field === "pages" ? pages : o.field === "flushes" ? c.tlbFlushes : c.splits.length;
      if (actual !== o.value) {
        const show = (v: number) => (o.field === "returns" ? errnoName(v) : String(v));
        problems.push(`${o.field} ${show(actual)} (expected ${show(o.value)})`);
      }
    }
  }
  return { passed: problems.length === 0, actual: problems.length === 0 ? "as expected" : problems.join(", ") };
}
