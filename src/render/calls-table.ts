// The per-call table: where each call ran, what it returned, the WARNs, the splits, the
// page-table pages by allocator and the TLB flushes (the `show calls` view).
import type { CallResult, SimResult } from "../sim/index.js";
import { textTable } from "./text-table.js";

function pages(c: CallResult): string {
  const parts: string[] = [];
  if (c.pagetablePages.memblock) parts.push(`${c.pagetablePages.memblock} memblock`);
  if (c.pagetablePages.buddy) parts.push(`${c.pagetablePages.buddy} buddy`);
  if (c.pagetablePages.atomic) parts.push(`${c.pagetablePages.atomic} atomic`);
  if (c.pagetablePagesFreed) parts.push(`-${c.pagetablePagesFreed} freed`);
  return parts.join(", ") || "0";
}

/**
 * The split steps in order, or, past a handful, how many of each (a vmalloc alias update over
 * a large area makes millions of steps).
 */
function splitsText(splits: readonly string[]): string {
  if (splits.length === 0) return "-";
  if (splits.length <= 8) return splits.join("+");
  const counts = new Map<string, number>();
  for (const op of splits) counts.set(op, (counts.get(op) ?? 0) + 1);
  return [...counts].map(([op, n]) => `${op}×${n}`).join(", ");
}

export function callRows(r: SimResult): string[][] {
  return r.calls.map((c) => [
    String(c.id),
    `${c.relation === "at" ? "" : `${c.relation} `}${c.step}`,
    `CPU${c.cpu}`,
    c.origin === "kernel" ? `${c.call} (kernel)` : c.call,
    c.label,
    c.rcName,
    String(c.warns),
    splitsText(c.splits),
    pages(c),
    String(c.tlbFlushes),
    c.invalidPagesLeft > 0n ? `${c.invalidPagesLeft} pages left invalid` : "",
  ]);
}

export function renderCallsTable(r: SimResult): string {
  if (r.calls.length === 0) return "(no calls)";
  return textTable(["#", "step", "cpu", "call", "target", "rc", "WARN", "splits", "pgtable pages", "TLB flushes", ""], callRows(r));
}
