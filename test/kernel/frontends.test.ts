// The kernel under Jupyter's own clients (Debian's packages, run with /usr/bin/python3; the
// test installs them with apt-get when missing): a re-run cell replaces itself in front ends
// that send no cell id (jupyter console, nbclient), and a chart survives nbconvert 6.5's HTML
// export, checked in headless Chromium.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PYTHON, ensureJupyter, jupyterEnv, kernelspecPath } from "../../scripts/jupyter-env.mjs";
import { openOffline } from "../support/headless-chromium.js";

const root = join(import.meta.dirname, "..", "..");
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  const missing = ensureJupyter();
  if (missing) throw new Error(missing);
  env = { ...jupyterEnv(kernelspecPath(root)), LINMAP_KERNEL_STRICT: "1" };
}, 300_000);

// Window 2 on v7.1: the call on CPU 4 fails with -EBUSY and WARNs three times.
const MACHINE = "machine { granule 4K; memory 0x8000_0000 size 4G }";
const CPUS = "cpus { cpu 0..3 neoverse-v3; cpu 4..5 cortex-a720 }";
const KERNEL = "kernel { version v7.1; realm }";
const BUFFER = "buffer dma_ring size 64K align 64K";
const BOOT = "boot { at smp_init: set_memory_decrypted dma_ring on cpu 4 }";

/** The calls-table rows of a `run` result that are the notebook's own call. */
const smpRows = (text: string) => text.split("\n").filter((l) => /^\d+\s+smp_init\s/.test(l)).length;
const warns = (text: string) => /· (\d+) WARNs? ·/.exec(text)?.[1];

describe("jupyter console (no cell id)", () => {
  it("re-running a boot line replaces it: 3 WARNs stay 3, one call", () => {
    const lines = [MACHINE, CPUS, KERNEL, BUFFER, BOOT, "run", BOOT, "run"];
    const r = spawnSync(PYTHON, ["-m", "jupyter_console", "--kernel", "linmap", "--simple-prompt"], { input: `${lines.join("\n")}\n`, env, encoding: "utf8", timeout: 120_000 });
    expect(r.status).toBe(0);
    const runs = r.stdout.split(/Out\[\d+\]: /).slice(1);
    expect(runs).toHaveLength(2);
    expect(runs.map(warns)).toEqual(["3", "3"]);
    expect(runs.map(smpRows)).toEqual([1, 1]);
    expect(r.stdout).not.toContain("error");
  }, 120_000);
});

describe("nbclient (no cell id)", () => {
  function rerun(cells: string[], steps: [number, string | null][]): { status: string; text: string }[] {
    const r = spawnSync(PYTHON, [join(root, "test", "kernel", "nbclient_rerun.py"), "linmap"], { input: JSON.stringify({ cells, steps }), env, encoding: "utf8", timeout: 180_000 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout) as { status: string; text: string }[];
  }

  it("re-running a cell replaces it, and an edit of the same subjects replaces it too", () => {
    const setup = [MACHINE, CPUS, KERNEL].join("\n");
    const defs = `${BUFFER}\n${BOOT}\nexpect set_memory_decrypted dma_ring at smp_init == -EBUSY`;
    const edited = defs.replace("size 64K align 64K", "size 128K align 64K");
    const results = rerun([setup, defs, "run"], [
      [0, null], [1, null], [2, null],
      [1, null], [2, null],
      [1, edited], [2, null],
    ]);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok", "ok", "ok", "ok"]);
    const runs = [results[2]!.text, results[4]!.text, results[6]!.text];
    expect(runs.map(warns)).toEqual(["3", "3", "3"]);
    expect(runs.map(smpRows)).toEqual([1, 1, 1]);
    // One expectation, not one per run of its cell.
    expect(runs.map((t) => t.split("\n").filter((l) => l.trimStart().startsWith("PASS ")).length)).toEqual([1, 1, 1]);
  }, 180_000);
});

describe("nbconvert 6.5 HTML export of a chart", () => {
  it("shows the chart as the PNG, not an emptied SVG", async () => {
    const dir = mkdtempSync(join(tmpdir(), "linmap-nbconvert-"));
    const cell = (source: string) => ({ cell_type: "code", metadata: {}, outputs: [], execution_count: null, source });
    const nb = {
      nbformat: 4,
      nbformat_minor: 4,
      metadata: { kernelspec: { name: "linmap", display_name: "linmap", language: "linmap" } },
      cells: [cell([MACHINE, CPUS, KERNEL, BUFFER, BOOT].join("\n")), cell("chart timeline")],
    };
    writeFileSync(join(dir, "chart.ipynb"), JSON.stringify(nb));
    const r = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "html", "--execute", "--ExecutePreprocessor.timeout=120", "chart.ipynb"], { cwd: dir, env, encoding: "utf8", timeout: 180_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = join(root, "test", "output");
    mkdirSync(out, { recursive: true });
    const view = await openOffline(join(dir, "chart.html"));
    try {
      const images = await view.page.$$eval(".jp-OutputArea-output img", (imgs) =>
        (imgs as HTMLImageElement[]).map((i) => ({ png: i.src.startsWith("data:image/png;base64,"), width: i.naturalWidth, shown: i.getBoundingClientRect().height })),
      );
      expect(images).toHaveLength(1);
      expect(images[0]!.png).toBe(true);
      expect(images[0]!.width).toBeGreaterThan(200);
      expect(images[0]!.shown).toBeGreaterThan(50);
      expect(await view.page.$$eval(".jp-OutputArea-output svg", (s) => s.length)).toBe(0);
      await view.page.screenshot({ path: join(out, "nbconvert-chart.png"), fullPage: true });
    } finally {
      await view.close();
    }
  }, 240_000);
});
