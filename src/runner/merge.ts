// `linmap merge`: the outputs of the shards of one run joined into exactly the output of the
// run done whole. Sweep shards (JSON Lines) are streamed record by record, so merging a
// million points needs no more memory than one; catalogue shards (`linmap test --json`) are
// joined row by row. Every shard is checked: same run, each of 1..N once, complete.
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { runnerMsg } from "../cli/messages.js";
import { summarize, type CatalogReport } from "./catalog.js";
import { renderCatalogJson } from "./catalog-render.js";
import { parseShard } from "./shard.js";
import { OutcomeSummary, type SweepFormat, type SweepHeader } from "./sweep-format.js";

/** A shard set that cannot be merged; the message says why. */
export class MergeError extends Error {}

async function firstLine(file: string): Promise<string> {
  const rl = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return "";
}

interface Shardable {
  readonly shard?: string;
  readonly first?: number;
  readonly end?: number;
}

/** Orders the shards and checks they are one run's 1..N, each once; returns the run's own header text. */
function orderShards<T extends Shardable>(inputs: readonly { file: string; header: T }[], strip: (h: T) => unknown): { file: string; header: T }[] {
  const slots = new Map<number, { file: string; header: T }>();
  let count: number | undefined;
  let reference: { file: string; text: string } | undefined;
  for (const x of inputs) {
    const shard = x.header.shard !== undefined ? parseShard(x.header.shard) : undefined;
    if (!shard) throw new MergeError(runnerMsg.mergeNotShard(x.file));
    const text = JSON.stringify(strip(x.header));
    if (!reference) reference = { file: x.file, text };
    else if (text !== reference.text) throw new MergeError(runnerMsg.mergeMismatch(x.file, "header", reference.file));
    if (count !== undefined && shard.count !== count) throw new MergeError(runnerMsg.mergeMismatch(x.file, "number of shards", reference.file));
    count = shard.count;
    const other = slots.get(shard.index);
    if (other) throw new MergeError(runnerMsg.mergeShardTwice(x.header.shard!, other.file, x.file));
    slots.set(shard.index, x);
  }
  const missing = Array.from({ length: count ?? 0 }, (_, i) => i + 1).filter((i) => !slots.has(i)).map((i) => `${i}/${count}`);
  if (missing.length > 0) throw new MergeError(runnerMsg.mergeShardMissing(missing));
  return [...slots.keys()].sort((a, b) => a - b).map((i) => slots.get(i)!);
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface JsonRecord {
  point: number;
  values: Record<string, string>;
  outcome: string;
  problem?: string;
  warns?: number;
  pt_pages?: number;
  expectations?: string;
}

function csvFromJson(r: JsonRecord, axes: readonly string[]): string {
  const fields = [String(r.point), ...axes.map((a) => r.values[a] ?? ""), r.outcome, r.warns?.toString() ?? "", r.pt_pages?.toString() ?? "", r.expectations ?? "", r.problem ?? ""];
  return `${fields.map(csvField).join(",")}\n`;
}

function stripSweep(h: SweepHeader): Omit<SweepHeader, "shard" | "first" | "end"> {
  const { shard: _s, first: _f, end: _e, ...rest } = h;
  return rest;
}

async function mergeSweeps(inputs: { file: string; header: SweepHeader }[], format: SweepFormat, write: (s: string) => void | Promise<void>): Promise<OutcomeSummary> {
  const ordered = orderShards(inputs, stripSweep);
  const whole = stripSweep(ordered[0]!.header);
  const axes = whole.axes.map((a) => a.name);
  await write(format === "jsonl" ? `${JSON.stringify(whole)}\n` : `${["point", ...axes, "outcome", "warns", "pt_pages", "expectations", "problem"].map(csvField).join(",")}\n`);
  const summary = new OutcomeSummary();
  let expectedPoint = 0;
  for (const { file, header } of ordered) {
    const rl = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
    let n = 0;
    let got = 0;
    let sawSummary = false;
    for await (const line of rl) {
      n++;
      if (n === 1) continue;
      let rec: JsonRecord & { kind?: string };
      try {
        rec = JSON.parse(line) as JsonRecord & { kind?: string };
      } catch {
        throw new MergeError(runnerMsg.mergeBadLine(file, n));
      }
      if (rec.kind === "summary") {
        sawSummary = true;
        continue;
      }
      if (sawSummary || typeof rec.point !== "number" || rec.point !== expectedPoint) throw new MergeError(runnerMsg.mergeBadLine(file, n));
      expectedPoint++;
      got++;
      summary.add(rec.outcome, rec.point);
      await write(format === "jsonl" ? `${line}\n` : csvFromJson(rec, axes));
    }
    const want = (header.end ?? 0) - (header.first ?? 0);
    if (got !== want || !sawSummary) throw new MergeError(runnerMsg.mergeTruncated(file, want, got));
  }
  if (format === "jsonl") await write(summary.jsonLine());
  return summary;
}

function mergeCatalogs(inputs: { file: string; header: CatalogReport }[]): string {
  const ordered = orderShards(inputs, (h) => ({ kind: h.kind, linmap: h.linmap, dir: h.dir, policies: h.policies, scenarios: h.scenarios }));
  const rows = ordered.flatMap((x) => x.header.rows);
  const h = ordered[0]!.header;
  const report: CatalogReport = { kind: "catalog", linmap: h.linmap, dir: h.dir, policies: h.policies, scenarios: h.scenarios, ...summarize(rows), rows };
  return renderCatalogJson(report);
}

export type MergeResult = { readonly kind: "sweep"; readonly summary: OutcomeSummary } | { readonly kind: "catalog"; readonly report: CatalogReport };

/** Merges the shard outputs `files`; throws MergeError when they are not one run's shards. */
export async function mergeShards(files: readonly string[], format: SweepFormat, write: (s: string) => void | Promise<void>): Promise<MergeResult> {
  if (files.length === 0) throw new MergeError(runnerMsg.mergeNeedsInput());
  const sweeps: { file: string; header: SweepHeader }[] = [];
  const catalogs: { file: string; header: CatalogReport }[] = [];
  for (const file of files) {
    const line = await firstLine(file);
    if (line === "{") {
      let report: CatalogReport;
      try {
        report = JSON.parse(readFileSync(file, "utf8")) as CatalogReport;
      } catch {
        throw new MergeError(runnerMsg.mergeBadLine(file, 1));
      }
      if (report.kind !== "catalog") throw new MergeError(runnerMsg.mergeBadLine(file, 1));
      catalogs.push({ file, header: report });
      continue;
    }
    let header: SweepHeader;
    try {
      header = JSON.parse(line) as SweepHeader;
    } catch {
      throw new MergeError(runnerMsg.mergeBadLine(file, 1));
    }
    if (header.kind !== "sweep") throw new MergeError(runnerMsg.mergeBadLine(file, 1));
    sweeps.push({ file, header });
  }
  if (sweeps.length > 0 && catalogs.length > 0) throw new MergeError(runnerMsg.mergeMixed());
  if (catalogs.length > 0) {
    const text = mergeCatalogs(catalogs);
    await write(text);
    return { kind: "catalog", report: JSON.parse(text) as CatalogReport };
  }
  return { kind: "sweep", summary: await mergeSweeps(sweeps, format, write) };
}
