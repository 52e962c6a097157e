// `linmap test DIR`: every scenario of a folder under the kernels it names (or those given),
// on the worker pool, each compared with its committed expected outcomes. The report is
// data (rendered as a matrix or as JSON by the CLI), and a shard's report merges with the
// others' into the report of the whole run.
import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { analyzeScenario } from "../lang/index.js";
import { LINMAP_VERSION } from "../version.js";
import { KERNEL_VERSIONS } from "../catalog/index.js";
import type { CellResult } from "./evaluate.js";
import { compareWithExpected, expectedPath, parseBlocks, renderExpected, updatedBlocks, type OutcomeStatus } from "./expected-file.js";
import { namedKernels, ownKernel } from "./kernels.js";
import { runPool } from "./pool.js";
import { shardSlice, shardText, type Shard } from "./shard.js";
import { contentHash } from "./sweep-format.js";
import type { CatalogTask } from "./tasks.js";

export interface CatalogCell {
  readonly kernel: string;
  readonly status: "pass" | "fail" | "error";
  readonly passed?: number;
  readonly total?: number;
  /** `24:1 expect its_alloc_pages_node its_prop == -EINVAL` */
  readonly failure?: string;
  readonly actual?: string;
  readonly error?: string;
}

export interface CatalogRow {
  readonly file: string;
  /** The kernel the scenario was written for: its expectations must hold there. */
  readonly own: string;
  readonly cells: readonly CatalogCell[];
  readonly outcomes: OutcomeStatus | "updated";
  readonly diff?: string;
  /** A failed expectation or an error under the scenario's own kernel. */
  readonly failed: boolean;
}

export interface CatalogReport {
  readonly kind: "catalog";
  readonly linmap: string;
  readonly dir: string;
  readonly policies: readonly string[] | null;
  /** Scenarios in the whole catalogue (all shards). */
  readonly scenarios: number;
  readonly shard?: string;
  readonly first?: number;
  readonly end?: number;
  readonly kernels: readonly string[];
  readonly rows: readonly CatalogRow[];
  readonly summary: CatalogSummary;
}

export interface CatalogSummary {
  readonly scenarios: number;
  readonly runs: number;
  readonly failed: number;
  readonly changed: number;
  readonly missing: number;
}

export interface CatalogOptions {
  readonly dir: string;
  readonly policies?: readonly string[];
  readonly jobs: number;
  readonly shard?: Shard;
  readonly update: boolean;
  readonly progress?: (done: number, total: number) => void;
  /** Writes an expected-outcome file (atomically, by the CLI). */
  readonly writeExpected: (path: string, text: string) => void;
}

/** The scenarios of a folder, sorted by name (bytewise, so every machine agrees). */
export function catalogFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".linmap"))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function cellOf(c: CellResult): CatalogCell {
  if (c.kind === "error") return { kernel: c.kernel, status: "error", error: c.error };
  const f = c.tally.firstFailure;
  return {
    kernel: c.kernel,
    status: f ? "fail" : "pass",
    passed: c.tally.passed,
    total: c.tally.total,
    ...(f ? { failure: `${f.at} ${f.text}`, actual: f.actual } : {}),
  };
}

/** The kernels in order of first appearance, and the summary, from the rows. */
export function summarize(rows: readonly CatalogRow[]): { kernels: string[]; summary: CatalogSummary } {
  const seen: string[] = [];
  for (const r of rows) for (const c of r.cells) if (!seen.includes(c.kernel)) seen.push(c.kernel);
  // Releases in release order, then other names (policies) as they first appear.
  const rank = (k: string) => {
    const i = KERNEL_VERSIONS.findIndex((v) => v.name === k);
    return i < 0 ? KERNEL_VERSIONS.length + seen.indexOf(k) : i;
  };
  const kernels = [...seen].sort((a, b) => rank(a) - rank(b));
  return {
    kernels,
    summary: {
      scenarios: rows.length,
      runs: rows.reduce((n, r) => n + r.cells.length, 0),
      failed: rows.filter((r) => r.failed).length,
      changed: rows.filter((r) => r.outcomes === "changed").length,
      missing: rows.filter((r) => r.outcomes === "missing").length,
    },
  };
}

export async function runCatalog(o: CatalogOptions): Promise<CatalogReport> {
  const all = catalogFiles(o.dir);
  const { first, end } = shardSlice(all.length, o.shard);
  const scenarios = all.slice(first, end).map((name) => {
    const path = join(o.dir, name);
    const text = readFileSync(path, "utf8");
    const { ast } = analyzeScenario(text, path);
    const kernels = o.policies ? [...o.policies] : namedKernels(ast);
    return { path, text, own: ownKernel(ast), kernels };
  });
  const tasks: CatalogTask[] = scenarios.flatMap((s) => s.kernels.map((kernel) => ({ text: s.text, file: s.path, kernel })));
  const results: CellResult[] = [];
  await runPool<CatalogTask, CellResult>({
    jobs: Math.min(o.jobs, Math.max(1, tasks.length)),
    setup: { mode: "catalog" },
    tasks,
    onResult: (r) => {
      results.push(r);
      o.progress?.(results.length, tasks.length);
    },
  });
  let k = 0;
  const rows: CatalogRow[] = scenarios.map((s) => {
    const cells = results.slice(k, (k += s.kernels.length));
    const xpath = expectedPath(s.path);
    let expected: string | undefined;
    try {
      expected = readFileSync(xpath, "utf8");
    } catch {
      expected = undefined;
    }
    const cmp = compareWithExpected(expected, cells);
    const own = cells.find((c) => c.kernel === s.own);
    const failed = own !== undefined && (own.kind === "error" || own.tally.firstFailure !== undefined);
    if (o.update) {
      // Rewritten when the outcomes or the provenance (the scenario's hash) changed.
      const blocks = updatedBlocks(expected === undefined ? new Map() : parseBlocks(expected), cells);
      const text = renderExpected(basename(s.path), contentHash(s.text), blocks);
      if (text !== expected) o.writeExpected(xpath, text);
      if (cmp.status !== "same") return { file: s.path, own: s.own, cells: cells.map(cellOf), outcomes: "updated", failed };
    }
    return { file: s.path, own: s.own, cells: cells.map(cellOf), outcomes: cmp.status, ...(cmp.diff ? { diff: cmp.diff } : {}), failed };
  });
  return {
    kind: "catalog",
    linmap: LINMAP_VERSION,
    dir: o.dir,
    policies: o.policies ? [...o.policies] : null,
    scenarios: all.length,
    ...(o.shard ? { shard: shardText(o.shard), first, end } : {}),
    ...summarize(rows),
    rows,
  };
}
