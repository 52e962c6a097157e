// Kernel latency (issue 4 bars): launch to the first kernel_info_reply (median of 10) and a
// trivial execute, request to idle (median of 100), measured with jupyter_client, for the
// linmap kernel and, on the same machine, for tslab. Bars: startup < 300 ms, exec < 2 ms.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installKernelspec } from "../src/kernel/kernelspec.js";
import type { BenchFigure } from "./run.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function measure(jupyterPath: string, kernel: string, code: string): { startup_ms: number; exec_ms: number } {
  const r = spawnSync("/usr/bin/python3", [join(root, "bench", "kernel_client.py"), kernel, code], {
    encoding: "utf8",
    env: { ...process.env, JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1", JUPYTER_PLATFORM_DIRS: "1" },
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`kernel bench for ${kernel} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as { startup_ms: number; exec_ms: number };
}

export async function bench(): Promise<BenchFigure[]> {
  const prefix = mkdtempSync(join(tmpdir(), "linmap-kbench-"));
  installKernelspec({ kind: "prefix", prefix });
  const tslabDir = join(prefix, "share", "jupyter", "kernels", "tslab");
  mkdirSync(tslabDir, { recursive: true });
  writeFileSync(
    join(tslabDir, "kernel.json"),
    JSON.stringify({ argv: [process.execPath, join(root, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"], display_name: "TypeScript", language: "typescript" }),
  );
  const jupyterPath = join(prefix, "share", "jupyter");
  const linmap = measure(jupyterPath, "linmap", 'print "x"');
  const tslab = measure(jupyterPath, "tslab", "1");
  return [
    { name: "kernel_startup_ms", value: linmap.startup_ms, unit: "ms" },
    { name: "kernel_exec_ms", value: linmap.exec_ms, unit: "ms" },
    { name: "tslab_startup_ms", value: tslab.startup_ms, unit: "ms" },
    { name: "tslab_exec_ms", value: tslab.exec_ms, unit: "ms" },
  ];
}
