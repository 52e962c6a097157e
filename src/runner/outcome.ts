// The outcome of one simulated call, as the catalogue's expected-results files and the
// sweep records write it: call, target, step, CPU, return code, WARNs, splits, page-table
// pages, TLB flushes and pages left invalid. One line per call, `key=value` words, so that a
// changed outcome is a one-line diff.
import type { CallResult, SimResult } from "../sim/index.js";
import { hexRange } from "../lang/numbers.js";

export interface CallOutcome {
  readonly call: string;
  readonly target: string;
  readonly step: string;
  readonly cpu: number;
  readonly rc: string;
  readonly warns: number;
  readonly splits: readonly string[];
  /** Page-table pages the call allocated, by allocator (only those it used). */
  readonly ptPages: Readonly<Record<string, number>>;
  readonly flushes: number;
  readonly invalid: number;
}

export function callOutcome(c: CallResult): CallOutcome {
  const ptPages: Record<string, number> = {};
  for (const [allocator, pages] of Object.entries(c.pagetablePages)) if (pages > 0n) ptPages[allocator] = Number(pages);
  const target = c.range && !c.label.startsWith("[") ? `${c.label} ${hexRange(c.range.start, c.range.end)}` : c.label;
  return {
    call: c.call,
    target,
    step: `${c.relation} ${c.step}`,
    cpu: c.cpu,
    rc: c.rcName,
    warns: c.warns,
    splits: c.splits,
    ptPages,
    flushes: c.tlbFlushes,
    invalid: Number(c.invalidPagesLeft),
  };
}

export function callOutcomes(r: SimResult): CallOutcome[] {
  return r.calls.map(callOutcome);
}

function ptPagesText(p: Readonly<Record<string, number>>): string {
  const parts = Object.entries(p).map(([a, n]) => `${a}:${n}`);
  return parts.length > 0 ? parts.join(",") : "0";
}

/** `its_alloc_pages_node its_prop [0x182340000..0x182350000) at init_IRQ cpu 0: rc=-EINVAL warns=1 ...` */
export function callOutcomeLine(o: CallOutcome): string {
  return (
    `${o.call} ${o.target} ${o.step} cpu ${o.cpu}: rc=${o.rc} warns=${o.warns} splits=${o.splits.length > 0 ? o.splits.join("+") : "-"}` +
    ` pt_pages=${ptPagesText(o.ptPages)} flushes=${o.flushes} invalid=${o.invalid}`
  );
}

/** What expectations did: `4/4 passed`, or the first failure with its position. */
export interface ExpectationTally {
  readonly passed: number;
  readonly total: number;
  readonly firstFailure?: { readonly at: string; readonly text: string; readonly actual: string };
}

export function expectationTally(r: SimResult): ExpectationTally {
  const failed = r.expectations.find((e) => !e.passed);
  return {
    passed: r.expectations.filter((e) => e.passed).length,
    total: r.expectations.length,
    ...(failed ? { firstFailure: { at: `${failed.source.line}:${failed.source.column}`, text: failed.text, actual: failed.actual } } : {}),
  };
}

/** `expectations 3/4 passed, first failure 24:1 expect ... (returns 0 (expected -EINVAL))` */
export function tallyText(t: ExpectationTally): string {
  const f = t.firstFailure;
  return `expectations ${t.passed}/${t.total} passed${f ? `, first failure ${f.at} ${f.text} (${f.actual})` : ""}`;
}

/** The key points of a sweep are grouped by: every call's return code, the WARNs, the expectations. */
export function outcomeKey(r: SimResult): string {
  // A kernel call's label carries its range (`swiotlb pool [0x..)`): the name is enough here.
  const calls = r.calls.map((c) => `${c.call} ${c.label.replace(/ *\[[^\]]*\)$/, "")} ${c.rcName}`.replace(/  +/g, " ")).join(", ");
  const t = expectationTally(r);
  return `${calls || "no calls"}; ${r.warnCount} WARN${r.warnCount === 1 ? "" : "s"}${t.total > 0 ? `; expectations ${t.passed}/${t.total}` : ""}`;
}
