// The kernel process as kernel.json starts it: `node dist/src/kernel/kernel-process.js FILE`.
// Kept apart from the CLI so that starting a kernel loads nothing it does not need.
import { runKernel } from "./main.js";
import { kernelMsg } from "./messages.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: kernel-process.js CONNECTION_FILE\n");
  process.exit(2);
}
// A rejection nobody handles is a kernel bug. Node would end the process and the notebook's
// session with it; the kernel logs it and goes on, except under LINMAP_KERNEL_STRICT=1 (the
// tests), where it is fatal so that no such bug goes unnoticed.
process.on("unhandledRejection", (e: unknown) => {
  process.stderr.write(`${kernelMsg.unhandledRejection(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
  if (process.env["LINMAP_KERNEL_STRICT"] === "1") process.exit(70);
});
runKernel(file).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`linmap kernel: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
