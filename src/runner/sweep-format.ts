// How a streamed sweep is written: JSON Lines (a header, one record per point, a summary)
// or CSV (a header row, one row per point; the summary goes to standard error). Records
// are rendered where they are computed (in the workers), so the main thread only joins
// strings in point order.
import { createHash } from "node:crypto";
import type { SweepSpace } from "../compile/sweep.js";
import { callOutcomeLine } from "./outcome.js";
import type { PointRecord } from "./evaluate.js";

export type SweepFormat = "jsonl" | "csv";
export const SWEEP_FORMATS: readonly SweepFormat[] = ["jsonl", "csv"];

export interface SweepHeader {
  readonly kind: "sweep";
  readonly linmap: string;
  readonly scenario: string;
  /** sha256 of the scenario text, first 16 hex digits. */
  readonly sha256: string;
  /** Which sweep of the scenario (1-based) and how it is written. */
  readonly sweep: number;
  readonly text: string;
  readonly kernel?: string;
  readonly axes: readonly { readonly name: string; readonly values: number }[];
  readonly points: number;
  /** Only in a shard's output: `I/N` and its points [first, end). */
  readonly shard?: string;
  readonly first?: number;
  readonly end?: number;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

export function axesOf(space: SweepSpace): SweepHeader["axes"] {
  return space.axes.map((a) => ({ name: a.name, values: a.count }));
}

export function headerLine(h: SweepHeader): string {
  return `${JSON.stringify(h)}\n`;
}

export function jsonRecord(r: PointRecord): string {
  const values: Record<string, string> = {};
  for (const s of r.values) values[s.axis] = s.value;
  const rec = {
    point: r.point,
    values,
    outcome: r.outcome,
    ...(r.problem !== undefined ? { problem: r.problem } : {}),
    ...(r.calls ? { calls: r.calls.map(callOutcomeLine) } : {}),
    ...(r.warns !== undefined ? { warns: r.warns } : {}),
    ...(r.ptPages !== undefined ? { pt_pages: r.ptPages } : {}),
    ...(r.expectations ? { expectations: `${r.expectations.passed}/${r.expectations.total}` } : {}),
  };
  return `${JSON.stringify(rec)}\n`;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(space: SweepSpace): string {
  return `${["point", ...space.axes.map((a) => a.name), "outcome", "warns", "pt_pages", "expectations", "problem"].map(csvField).join(",")}\n`;
}

export function csvRecord(r: PointRecord): string {
  const e = r.expectations;
  const fields = [String(r.point), ...r.values.map((s) => s.value), r.outcome, r.warns?.toString() ?? "", r.ptPages?.toString() ?? "", e ? `${e.passed}/${e.total}` : "", r.problem ?? ""];
  return `${fields.map(csvField).join(",")}\n`;
}

/** Points grouped by outcome, in order of first appearance: memory grows with outcomes, not points. */
export class OutcomeSummary {
  private readonly groups = new Map<string, { points: number; first: number; last: number }>();
  private count = 0;

  add(outcome: string, point: number): void {
    this.count++;
    const g = this.groups.get(outcome);
    if (g) {
      g.points++;
      g.last = point;
    } else this.groups.set(outcome, { points: 1, first: point, last: point });
  }

  get points(): number {
    return this.count;
  }

  entries(): { outcome: string; points: number; first: number; last: number }[] {
    return [...this.groups].map(([outcome, g]) => ({ outcome, ...g }));
  }

  jsonLine(): string {
    return `${JSON.stringify({ kind: "summary", points: this.count, outcomes: this.entries() })}\n`;
  }
}
