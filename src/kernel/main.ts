// Runs the kernel on a connection file until a shutdown request (used by the kernel
// process entry and by `linmap kernel run`).
import { readConnectionFile } from "./connection.js";
import { JupyterKernel } from "./jupyter-kernel.js";

export async function runKernel(connectionFile: string): Promise<void> {
  const kernel = new JupyterKernel(readConnectionFile(connectionFile));
  // jupyter_client interrupts with SIGINT unless kernel.json asks for messages; ours asks
  // for messages, so a stray SIGINT (a terminal's ^C) must not kill the kernel.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => void kernel.stop());
  await kernel.start();
  await kernel.stopped;
}

