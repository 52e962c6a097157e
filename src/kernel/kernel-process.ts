// The kernel process as kernel.json starts it: `node dist/src/kernel/kernel-process.js FILE`.
// Kept apart from the CLI so that starting a kernel loads nothing it does not need. Start-up
// (issue 11): Node's compile cache is on before anything else loads, and the evaluator
// thread starts first, so that it loads the language on the other core while this thread
// loads ZeroMQ and binds the sockets.
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
const { Evaluator, kernelEvaluatorOptions } = await import("./evaluator.js");
const evaluator = new Evaluator(kernelEvaluatorOptions(process.env));
evaluator.warmUp();
const { runKernel } = await import("./main.js");
runKernel(file, process.env, evaluator).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`linmap kernel: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
