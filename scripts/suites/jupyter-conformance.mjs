// Suite: the Jupyter project's conformance tests (jupyter_kernel_test) against the built
// kernel, run with Debian's python. Counts come from unittest's verbose output.
import { spawnSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PYTHON, ensureJupyter, jupyterEnv, kernelspecPath } from "../jupyter-env.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function run() {
  const missing = ensureJupyter();
  if (missing) {
    console.error(`jupyter-conformance: ${missing}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const env = jupyterEnv(kernelspecPath(root));
  const r = spawnSync(PYTHON, ["-m", "unittest", "-v", "conformance"], { cwd: join(root, "test", "kernel"), env, encoding: "utf8", timeout: 300_000 });
  process.stdout.write(r.stderr ?? "");
  const lines = (r.stderr ?? "").split("\n");
  const passed = lines.filter((l) => /^test_\w+ .*\.\.\. ok$/.test(l)).length;
  const skipped = lines.filter((l) => /\.\.\. skipped/.test(l)).length;
  const ran = Number(/^Ran (\d+) tests?/m.exec(r.stderr ?? "")?.[1] ?? 0);
  const failed = Math.max(ran - passed - skipped, r.status === 0 ? 0 : 1);
  return { passed, failed, skipped };
}
