// Makes sure Debian's Jupyter tools are present for the kernel suites, installing them with
// apt-get when they are missing (CI machines start without them), and writes a kernelspec
// for this checkout under a temporary JUPYTER_PATH.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PYTHON = "/usr/bin/python3";
const PACKAGES = ["jupyter-client", "jupyter-console", "jupyter-notebook", "python3-jupyter-kernel-test", "jupyter-nbconvert", "python3-nbclient", "python3-ipykernel"];
const PROBE = "import jupyter_client, jupyter_console, jupyter_kernel_test, nbclient, nbconvert, nbformat, notebook";

function pythonHasJupyter() {
  return spawnSync(PYTHON, ["-c", PROBE], { stdio: "ignore" }).status === 0;
}

/** Returns undefined when Jupyter is usable, else the reason it is not. */
export function ensureJupyter() {
  if (pythonHasJupyter()) return undefined;
  const apt = spawnSync("sh", ["-c", "command -v apt-get"], { encoding: "utf8" });
  if (apt.status !== 0) return `Debian's Jupyter packages are missing and apt-get is not available: install ${PACKAGES.join(" ")}`;
  const sudo = process.getuid && process.getuid() !== 0 ? ["sudo"] : [];
  console.log(`jupyter: installing ${PACKAGES.join(" ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), "update"], { stdio: "inherit", env });
  if (update.status !== 0) return "apt-get update failed";
  const install = spawnSync(sudo[0] ?? "apt-get", [...(sudo.length ? ["apt-get"] : []), "install", "-y", "--no-install-recommends", ...PACKAGES], { stdio: "inherit", env });
  if (install.status !== 0) return "apt-get install failed";
  return pythonHasJupyter() ? undefined : "Jupyter packages installed but not importable by /usr/bin/python3";
}

/** A fresh JUPYTER_PATH with kernels/linmap (this checkout's kernel) and kernels/tslab (Node 22). */
export function kernelspecPath(root) {
  const prefix = mkdtempSync(join(tmpdir(), "linmap-jupyter-"));
  const r = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "kernel", "install", "--tslab", "--prefix", prefix], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`kernel install failed: ${r.stderr}`);
  return join(prefix, "share", "jupyter");
}

export function jupyterEnv(jupyterPath) {
  return { ...process.env, JUPYTER_PATH: jupyterPath, PYDEVD_DISABLE_FILE_VALIDATION: "1", JUPYTER_PLATFORM_DIRS: "1" };
}
