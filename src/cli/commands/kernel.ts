// `linmap kernel install|uninstall|run`: the Jupyter kernelspec, and the kernel process. The
// kernelspec writer and the kernel load only when their command runs.
import type { Command } from "commander";
import type { InstallTarget } from "../../kernel/kernelspec.js";
import type { SetStatus } from "./index.js";
import { cliMsg } from "../messages.js";

function target(opts: { user?: boolean; prefix?: string; sys?: boolean }): InstallTarget {
  if (opts.prefix) return { kind: "prefix", prefix: opts.prefix };
  if (opts.sys) return { kind: "system" };
  return { kind: "user" };
}

export function register(program: Command, setStatus: SetStatus): void {
  const kernel = program.command("kernel").description("the linmap Jupyter kernel");
  kernel
    .command("install")
    .description("install the kernelspec (default: for this user)")
    .option("--user", "in the user's Jupyter data directory (the default)")
    .option("--prefix <dir>", "under DIR/share/jupyter/kernels (a virtualenv or conda prefix)")
    .option("--sys", "in /usr/local/share/jupyter/kernels")
    .option("--tslab", "also install a tslab (TypeScript) kernelspec that runs with this Node 22")
    .action(async (opts: { user?: boolean; prefix?: string; sys?: boolean; tslab?: boolean }) => {
      const { installKernelspec, installTslabKernelspec } = await import("../../kernel/kernelspec.js");
      const dir = installKernelspec(target(opts));
      process.stdout.write(`${cliMsg.kernelInstalled(dir)}\n`);
      if (opts.tslab) process.stdout.write(`${cliMsg.kernelInstalled(installTslabKernelspec(target(opts)))}\n`);
    });
  kernel
    .command("uninstall")
    .description("remove the kernelspec")
    .option("--user", "from the user's Jupyter data directory (the default)")
    .option("--prefix <dir>", "from DIR/share/jupyter/kernels")
    .option("--sys", "from /usr/local/share/jupyter/kernels")
    .action(async (opts: { user?: boolean; prefix?: string; sys?: boolean }) => {
      const { uninstallKernelspec } = await import("../../kernel/kernelspec.js");
      const dir = uninstallKernelspec(target(opts));
      if (dir) process.stdout.write(`${cliMsg.kernelRemoved(dir)}\n`);
      else {
        process.stderr.write(`${cliMsg.kernelNotInstalled()}\n`);
        setStatus(1);
      }
    });
  kernel
    .command("run")
    .description("run the kernel on a connection file (what kernel.json does)")
    .argument("<connection-file>")
    .action(async (file: string) => {
      // zeromq and the kernel load only for this command.
      const { runKernel } = await import("../../kernel/main.js");
      try {
        await runKernel(file);
      } catch (e) {
        process.stderr.write(`${cliMsg.badConnectionFile(file, e)}\n`);
        setStatus(2);
      }
    });
}
