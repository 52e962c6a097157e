// The kernel process as kernel.json starts it: `node dist/src/kernel/kernel-process.js FILE`.
// Kept apart from the CLI so that starting a kernel loads nothing it does not need. Start-up
// (issue 11): Node's compile cache is on before anything else loads. (The evaluator thread
// starts once the sockets are bound, not before: on a busy machine a thread loading the
// language beside this one delayed the first kernel_info reply, which everything waits for,
// while the thread is ready in time anyway, the front end waiting 200 ms after that reply.)
import module from "node:module";

module.enableCompileCache?.();

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: kernel-process.js CONNECTION_FILE\n");
  process.exit(2);
}
const { kernelMsg } = await import("./messages.js");
// A rejection nobody handles is a kernel bug. Node would end the process and the notebook's
// session with it; the kernel logs it and goes on, except under LINMAP_KERNEL_STRICT=1 (the
// tests), where it is fatal so that no such bug goes unnoticed.
process.on("unhandledRejection", (e: unknown) => {
  process.stderr.write(`${kernelMsg.unhandledRejection(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`);
  if (process.env["LINMAP_KERNEL_STRICT"] === "1") process.exit(70);
});
const { runKernel } = await import("./main.js");
runKernel(file).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`linmap kernel: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
