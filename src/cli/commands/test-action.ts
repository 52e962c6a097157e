// What `linmap test` does (./test.ts defines its options): run the catalogue on the worker
// pool, compare (or update) the expected files, and print the report.
import { renameSync, statSync, writeFileSync } from "node:fs";
import { catalogFiles, runCatalog, type CatalogReport } from "../../runner/catalog.js";
import { catalogFailed, renderCatalogJson, renderCatalogText } from "../../runner/catalog-render.js";
import { cliMsg, runnerMsg } from "../messages.js";
import { poolOptions, progressBar } from "./runner-options.js";
import type { SetStatus } from "./index.js";
import type { TestOptions } from "./test.js";

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** --policies names that no scenario's checker accepted (every cell of theirs VERSION-UNKNOWN). */
function unknownPolicies(report: CatalogReport, policies: readonly string[]): string[] {
  return policies.filter((p) => {
    const cells = report.rows.flatMap((r) => r.cells.filter((c) => c.kernel === p));
    return cells.length > 0 && cells.every((c) => c.status === "error" && (c.error ?? "").startsWith("VERSION-UNKNOWN"));
  });
}

export async function testCommand(dir: string, opts: TestOptions, setStatus: SetStatus): Promise<void> {
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
  } catch (e) {
    process.stderr.write(`${(e as { code?: string }).code === "ENOTDIR" ? runnerMsg.notADirectory(dir) : cliMsg.cannotRead(dir, e)}\n`);
    return setStatus(2);
  }
  if (catalogFiles(dir).length === 0) {
    process.stderr.write(`${runnerMsg.noScenarios(dir)}\n`);
    return setStatus(2);
  }
  const pool = poolOptions(opts, setStatus);
  if (!pool) return;
  const policies = opts.policies?.split(",").map((p) => p.trim()).filter((p) => p);
  const bar = progressBar(opts.progress !== false && !opts.json);
  let updated = 0;
  let report: CatalogReport;
  try {
    report = await runCatalog({
      dir, jobs: pool.jobs, update: opts.update === true, progress: bar.update,
      writeExpected: (path, text) => {
        writeAtomic(path, text);
        updated++;
      },
      ...(policies ? { policies } : {}),
      ...(pool.shard ? { shard: pool.shard } : {}),
    });
  } finally {
    bar.stop();
  }
  const unknown = unknownPolicies(report, policies ?? []);
  if (unknown.length > 0) {
    for (const p of unknown) process.stderr.write(`${cliMsg.unknownVersion(p)}\n`);
    return setStatus(2);
  }
  process.stdout.write(opts.json ? renderCatalogJson(report) : renderCatalogText(report));
  if (updated > 0) process.stderr.write(`${runnerMsg.updatedSummary(updated)}\n`);
  if (catalogFailed(report)) setStatus(1);
}

