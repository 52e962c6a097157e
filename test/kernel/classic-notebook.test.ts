// The classic Notebook (Debian's jupyter-notebook 6.4, which sends no cell id) in headless
// Chromium against the linmap kernel: re-running and editing a cell through the page's own
// Jupyter.notebook API (what Shift-Enter calls) replaces the cell instead of adding to it.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PYTHON, ensureJupyter, jupyterEnv, kernelspecPath } from "../../scripts/jupyter-env.mjs";
import { openPage, type OfflinePage } from "../support/headless-chromium.js";
import { eventually } from "./kernel-client.js";

const root = join(import.meta.dirname, "..", "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const SETUP = "machine { granule 4K; memory 0x8000_0000 size 4G }\ncpus { cpu 0..3 neoverse-v3; cpu 4..5 cortex-a720 }\nkernel { version v7.1; realm }";
const DEFS = "buffer dma_ring size 64K align 64K\nboot { at smp_init: set_memory_decrypted dma_ring on cpu 4 }\nexpect set_memory_decrypted dma_ring at smp_init == -EBUSY";

type Page = OfflinePage["page"];

/** Runs cell `i` as Shift-Enter does and resolves once its outputs are complete (iopub idle); returns its text. */
async function runCell(page: Page, i: number, source?: string): Promise<string> {
  return page.evaluate(
    ([index, text]) =>
      new Promise<string>((resolve) => {
        const nb = (window as unknown as { Jupyter: { notebook: any } }).Jupyter.notebook;
        const cell = nb.get_cell(index);
        if (text !== null) cell.set_text(text);
        const done = (_e: unknown, d: { cell: unknown }) => {
          if (d.cell !== cell) return;
          nb.events.off("finished_execute.CodeCell", done);
          resolve(cell.output_area.outputs.map((o: any) => (o.output_type === "error" ? `${o.ename}: ${o.evalue}` : o.text ?? o.data?.["text/plain"] ?? "")).join("\n"));
        };
        nb.events.on("finished_execute.CodeCell", done);
        cell.execute();
      }),
    [i, source ?? null] as const,
  );
}

describe("classic Notebook 6.4 in Chromium (no cell id)", () => {
  let server: ChildProcess;
  let view: OfflinePage;
  let log = "";

  beforeAll(async () => {
    const missing = ensureJupyter();
    if (missing) throw new Error(missing);
    const dir = mkdtempSync(join(tmpdir(), "linmap-classic-"));
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, outputs: [], execution_count: null, source });
    writeFileSync(join(dir, "rerun.ipynb"), JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: { kernelspec: { name: "linmap", display_name: "linmap", language: "linmap" } }, cells: [cell(SETUP), cell(DEFS), cell("run")] }));
    const port = await freePort();
    const env = { ...jupyterEnv(kernelspecPath(root)), LINMAP_KERNEL_STRICT: "1", JUPYTER_CONFIG_DIR: join(dir, ".config"), JUPYTER_RUNTIME_DIR: join(dir, ".runtime"), JUPYTER_DATA_DIR: join(dir, ".data") };
    server = spawn(PYTHON, ["-m", "notebook", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", "--NotebookApp.token=", "--NotebookApp.password=", `--notebook-dir=${dir}`, ...(process.getuid?.() === 0 ? ["--allow-root"] : [])], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    server.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    const base = `http://127.0.0.1:${port}`;
    expect(await eventually(() => log.includes(`${base}/`), 60_000), log).toBe(true);
    view = await openPage(`${base}/notebooks/rerun.ipynb`, (u) => u.startsWith(base));
    await view.page.waitForFunction(() => (window as unknown as { Jupyter?: { notebook?: { kernel?: { info_reply?: { status?: string } } } } }).Jupyter?.notebook?.kernel?.info_reply?.status === "ok", undefined, { timeout: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await view?.close();
    server?.kill("SIGTERM");
  });

  it("re-running and editing the boot cell keeps 3 WARNs, one call, one expectation", async () => {
    const warns = (t: string) => /· (\d+) WARNs? ·/.exec(t)?.[1];
    const rows = (t: string) => t.split("\n").filter((l) => /^\d+\s+smp_init\s/.test(l)).length;
    const passes = (t: string) => t.split("\n").filter((l) => l.trimStart().startsWith("PASS ")).length;
    const page = view.page;
    await runCell(page, 0);
    await runCell(page, 1);
    const first = await runCell(page, 2);
    await runCell(page, 1);
    const again = await runCell(page, 2);
    await runCell(page, 1, DEFS.replace("size 64K align 64K", "size 128K align 64K"));
    const edited = await runCell(page, 2);
    expect([first, again, edited].map(warns)).toEqual(["3", "3", "3"]);
    expect([first, again, edited].map(rows)).toEqual([1, 1, 1]);
    expect([first, again, edited].map(passes)).toEqual([1, 1, 1]);
  }, 120_000);
});
