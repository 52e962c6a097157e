// The kernel process as kernel.json starts it: `node dist/src/kernel/kernel-process.js FILE`.
// Kept apart from the CLI so that starting a kernel loads nothing it does not need.
import { runKernel } from "./main.js";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: kernel-process.js CONNECTION_FILE\n");
  process.exit(2);
}
runKernel(file).then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`linmap kernel: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
