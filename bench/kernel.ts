// Kernel latency (issue 4 bars): launch to the first kernel_info_reply (median of 10), a
// trivial execute, request to idle (median of 100), and launch to the first cell done (a
// scenario with `run`, median of 5; issue 11), measured with jupyter_client, for the linmap
// kernel and, on the same machine, for tslab (its first cell a trivial expression); and a
// pathological history search over a long history, in process.
// Bars: startup < 300 ms, exec < 2 ms, first cell < 500 ms.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { installKernelspec } from "../src/kernel/kernelspec.js";
import { historyFor } from "../src/kernel/history.js";
import type { BenchFigure } from "./run.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The first cell of notebooks/realm-its.ipynb and its `run`, in one cell. */
const FIRST_CELL = [
  "machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }",
  "cpus { cpu 0..7 neoverse-v3 }",
  'kernel { version v7.0; cmdline "rodata=on"; realm }',
  "buffer its_prop at 0x1_8234_0000 size 64K",
  "boot { at init_IRQ: its_alloc_pages_node its_prop }",
  "run",
].join("\n");

type Latency = { startup_ms: number; exec_ms: number; first_cell_ms: number };

function measure(jupyterPath: string, kernel: string, code: string, first: string): Latency {
  const r = spawnSync("/usr/bin/python3", [join(root, "bench", "kernel_client.py"), kernel, code, first], {
    encoding: "utf8",
    env: { ...process.env, JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1", JUPYTER_PLATFORM_DIRS: "1" },
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`kernel bench for ${kernel} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Latency;
}

/**
 * A history search as the protocol thread runs it: 10,000 entries of ~220 characters and a
 * pattern that makes a backtracking matcher take exponential time (median of 5).
 */
function historySearchMs(): number {
  const history = Array.from({ length: 10_000 }, (_, i) => ({ line: i + 1, input: `print "${"a".repeat(200 + (i % 50))}"`, output: "" }));
  const request = { hist_access_type: "search", pattern: `${"*a".repeat(12)}*b`, unique: true, n: 10 };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    historyFor(history, request);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2]!;
}

export async function bench(): Promise<BenchFigure[]> {
  // Installs Debian's Jupyter packages when missing, as the test command does.
  const { ensureJupyter } = (await import(pathToFileURL(join(root, "scripts", "jupyter-env.mjs")).href)) as { ensureJupyter: () => string | undefined };
  const missing = ensureJupyter();
  if (missing) throw new Error(`kernel bench: ${missing}`);
  const prefix = mkdtempSync(join(tmpdir(), "linmap-kbench-"));
  installKernelspec({ kind: "prefix", prefix });
  const tslabDir = join(prefix, "share", "jupyter", "kernels", "tslab");
  mkdirSync(tslabDir, { recursive: true });
  writeFileSync(
    join(tslabDir, "kernel.json"),
    JSON.stringify({ argv: [process.execPath, join(root, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"], display_name: "TypeScript", language: "typescript" }),
  );
  const jupyterPath = join(prefix, "share", "jupyter");
  const linmap = measure(jupyterPath, "linmap", 'print "x"', FIRST_CELL);
  const tslab = measure(jupyterPath, "tslab", "1", "1");
  return [
    { name: "kernel_startup_ms", value: linmap.startup_ms, unit: "ms" },
    { name: "kernel_exec_ms", value: linmap.exec_ms, unit: "ms" },
    { name: "kernel_first_cell_ms", value: linmap.first_cell_ms, unit: "ms" },
    { name: "tslab_startup_ms", value: tslab.startup_ms, unit: "ms" },
    { name: "tslab_exec_ms", value: tslab.exec_ms, unit: "ms" },
    { name: "tslab_first_cell_ms", value: tslab.first_cell_ms, unit: "ms" },
    { name: "kernel_history_search_ms", value: historySearchMs(), unit: "ms" },
  ];
}
