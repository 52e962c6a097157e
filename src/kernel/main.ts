// Runs the kernel on a connection file until a shutdown request, a SIGTERM or the end of
// the front end that launched it (used by the kernel process entry and by `linmap kernel run`).
import { readConnectionFile } from "./connection.js";
import { JupyterKernel } from "./jupyter-kernel.js";
import { Evaluator, kernelEvaluatorOptions } from "./evaluator.js";
import { parentPid, watchParent } from "./parent-watch.js";

export async function runKernel(connectionFile: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const kernel = new JupyterKernel(readConnectionFile(connectionFile), new Evaluator(kernelEvaluatorOptions(env)));
  // jupyter_client interrupts with SIGINT unless kernel.json asks for messages; ours asks
  // for messages, so a stray SIGINT (a terminal's ^C) must not kill the kernel.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => void kernel.stop());
  const parent = parentPid(env);
  // Nothing is written when the parent goes: its end of our stderr may be gone with it.
  const unwatch = parent === undefined ? () => undefined : watchParent(parent, () => void kernel.stop());
  await kernel.start();
  await kernel.stopped;
  unwatch();
}
