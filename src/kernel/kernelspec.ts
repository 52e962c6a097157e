// The kernelspec: kernel.json (absolute paths to this Node 22 and to the kernel entry point,
// interrupt by message) and the logos, installed where Jupyter looks for kernels.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const KERNEL_NAME = "linmap";

/** The project root (dist/src/kernel → three levels up). */
function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
}

export function kernelJson(): Record<string, unknown> {
  return {
    argv: [process.execPath, join(projectRoot(), "dist", "src", "kernel", "kernel-process.js"), "{connection_file}"],
    display_name: "linmap",
    language: "linmap",
    interrupt_mode: "message",
    metadata: { debugger: false },
  };
}

export type InstallTarget = { readonly kind: "user" } | { readonly kind: "prefix"; readonly prefix: string } | { readonly kind: "system" };

/** Where Jupyter finds kernels for each kind of install (jupyter.md §1.2). */
export function kernelsDir(target: InstallTarget): string {
  switch (target.kind) {
    case "user":
      return process.platform === "darwin" ? join(homedir(), "Library", "Jupyter", "kernels") : join(process.env["XDG_DATA_HOME"] ?? join(homedir(), ".local", "share"), "jupyter", "kernels");
    case "prefix":
      return join(resolve(target.prefix), "share", "jupyter", "kernels");
    case "system":
      return "/usr/local/share/jupyter/kernels";
  }
}

/** Writes the kernelspec; returns its directory. */
export function installKernelspec(target: InstallTarget): string {
  const dir = join(kernelsDir(target), KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(kernelJson(), null, 2)}\n`);
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
    const from = join(projectRoot(), "kernelspec", logo);
    if (existsSync(from)) copyFileSync(from, join(dir, logo));
  }
  return dir;
}

/** Removes the kernelspec; returns the directory removed, or undefined if there was none. */
export function uninstallKernelspec(target: InstallTarget): string | undefined {
  const dir = join(kernelsDir(target), KERNEL_NAME);
  if (!existsSync(dir)) return undefined;
  rmSync(dir, { recursive: true, force: true });
  return dir;
}

/** A kernelspec for tslab that starts it with this Node 22 (tslab's own installer uses the first node on PATH). */
export function installTslabKernelspec(target: InstallTarget): string {
  const dir = join(kernelsDir(target), "tslab");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, join(projectRoot(), "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab, Node 22)",
    language: "typescript",
  };
  writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}
