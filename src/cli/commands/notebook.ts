// `linmap notebook run NOTEBOOK...` runs notebooks headless (failing on any error or failed
// expectation, reporting outputs that changed) and `linmap notebook export NOTEBOOK --html
// OUT` writes one standalone page for sharing.
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import type { Notebook } from "../../notebook/notebook-file.js";
import type { SetStatus } from "./index.js";
import { cliMsg } from "../messages.js";
import { readInput, writeOutput } from "../io.js";

/** What is wrong with `data` as an nbformat 4 notebook, if anything. */
function notNbformat4(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return "not a JSON object";
  const nb = data as Partial<Notebook>;
  if (nb.nbformat !== 4) return `nbformat is ${nb.nbformat === undefined ? "missing" : JSON.stringify(nb.nbformat)}, not 4`;
  if (!Array.isArray(nb.cells)) return "no cells list";
  if (nb.cells.some((c) => typeof c !== "object" || c === null || !["code", "markdown", "raw"].includes((c as { cell_type?: string }).cell_type ?? ""))) return "a cell without a cell_type";
  if (typeof nb.metadata !== "object" || nb.metadata === null) return "no metadata";
  return undefined;
}

async function loadNotebook(file: string, setStatus: SetStatus): Promise<Notebook | undefined> {
  const text = await readInput(file, setStatus);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    process.stderr.write(`${cliMsg.notNotebook(file, e instanceof Error ? e.message : String(e))}\n`);
    setStatus(2);
    return undefined;
  }
  const why = notNbformat4(data);
  if (why) {
    process.stderr.write(`${cliMsg.notNotebook(file, why)}\n`);
    setStatus(2);
    return undefined;
  }
  return data as Notebook;
}

export function register(program: Command, setStatus: SetStatus): void {
  const nb = program.command("notebook").description("run or export linmap notebooks");
  nb.command("run")
    .description("execute notebooks headless; exit 1 on any error or failed expectation")
    .argument("<notebooks...>")
    .option("--write", "store the new outputs in the notebooks")
    .action(async (files: string[], opts: { write?: boolean }) => {
      const { runNotebook } = await import("../../notebook/notebook-runner.js");
      for (const file of files) {
        const notebook = await loadNotebook(file, setStatus);
        if (!notebook) continue;
        const kernel = (notebook.metadata["kernelspec"] as { name?: string } | undefined)?.name;
        if (kernel === "tslab" || kernel === "jslab") {
          // TypeScript notebooks run on tslab's kernel (npm test executes them with nbconvert).
          process.stdout.write(`${cliMsg.tslabSkipped(file)}\n`);
          continue;
        }
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
        if (opts.write) await writeOutput(file, `${JSON.stringify(run.notebook, null, 1)}\n`, setStatus);
      }
    });
  nb.command("export")
    .description("run a notebook and write it as one standalone HTML page (charts interactive, offline)")
    .argument("<notebook>")
    .requiredOption("--html <out>", "the page to write")
    .action(async (file: string, opts: { html: string }) => {
      const notebook = await loadNotebook(file, setStatus);
      if (!notebook) return;
      const [{ runNotebook }, { notebookHtml }] = await Promise.all([import("../../notebook/notebook-runner.js"), import("../../notebook/notebook-export.js")]);
      const run = await runNotebook(notebook, dirname(resolve(file)));
      if (await writeOutput(opts.html, notebookHtml(run.notebook, basename(file)), setStatus)) process.stderr.write(`${cliMsg.reportWritten(opts.html)}\n`);
      if (run.errors.length > 0) setStatus(1);
    });
}
