// `linmap notebook run NOTEBOOK...` runs notebooks headless (failing on any error or failed
// expectation, reporting outputs that changed) and `linmap notebook export NOTEBOOK --html
// OUT` writes one standalone page for sharing.
import { writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import { readNotebook, writeNotebook, type Notebook } from "../../notebook/notebook-file.js";
import { runNotebook } from "../../notebook/notebook-runner.js";
import { notebookHtml } from "../../notebook/notebook-export.js";
import type { SetStatus } from "./index.js";
import { cliMsg } from "../messages.js";

function loadNotebook(file: string, setStatus: SetStatus): Notebook | undefined {
  try {
    return readNotebook(file);
  } catch (e) {
    process.stderr.write(`${cliMsg.cannotRead(file, e)}\n`);
    setStatus(2);
    return undefined;
  }
}

export function register(program: Command, setStatus: SetStatus): void {
  const nb = program.command("notebook").description("run or export linmap notebooks");
  nb.command("run")
    .description("execute notebooks headless; exit 1 on any error or failed expectation")
    .argument("<notebooks...>")
    .option("--write", "store the new outputs in the notebooks")
    .action(async (files: string[], opts: { write?: boolean }) => {
      for (const file of files) {
        const notebook = loadNotebook(file, setStatus);
        if (!notebook) continue;
        const kernel = (notebook.metadata["kernelspec"] as { name?: string } | undefined)?.name;
        if (kernel !== undefined && kernel !== "linmap") {
          process.stderr.write(`${cliMsg.notLinmapNotebook(file, kernel)}\n`);
          setStatus(2);
          continue;
        }
        const run = await runNotebook(notebook, dirname(resolve(file)));
        for (const c of run.errors) {
          const o = c.outcome as { ename: string; evalue: string; traceback: string[] };
          process.stdout.write(`${cliMsg.notebookCellError(file, c.count, o.ename, o.evalue)}\n${o.traceback.map((l) => `    ${l}`).join("\n")}\n`);
        }
        const changed = run.cells.filter((c) => c.changed);
        for (const c of changed) process.stdout.write(`${cliMsg.notebookOutputChanged(file, c.count)}\n`);
        process.stdout.write(`${cliMsg.notebookSummary(file, run.cells.length, run.errors.length, changed.length)}\n`);
        if (run.errors.length > 0) setStatus(1);
        if (opts.write) writeNotebook(file, run.notebook);
      }
    });
  nb.command("export")
    .description("run a notebook and write it as one standalone HTML page (charts interactive, offline)")
    .argument("<notebook>")
    .requiredOption("--html <out>", "the page to write")
    .action(async (file: string, opts: { html: string }) => {
      const notebook = loadNotebook(file, setStatus);
      if (!notebook) return;
      const run = await runNotebook(notebook, dirname(resolve(file)));
      writeFileSync(opts.html, notebookHtml(run.notebook, basename(file)));
      process.stderr.write(`${cliMsg.reportWritten(opts.html)}\n`);
      if (run.errors.length > 0) setStatus(1);
    });
}
