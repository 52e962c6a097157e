// `linmap run FILE` with no option (./main.ts), as one module: scripts/bundle-run.mjs
// bundles this module and everything it imports into dist/src/cli/run-bundle/, since the
// ES module loader's cost per module (resolution, reading, linking: about a third of a
// millisecond each) was a quarter of a small run's time over ~110 modules (start-up, issue
// 10). Packages stay outside, Chevrotain's one file among them, but for two small ones;
// so do the modules reached through options (--json, --html) or for a sweep on the worker
// pool, which a small run never loads.
import { runCommand } from "./commands/run-action.js";
import type { SetStatus } from "./commands/index.js";

export function plainRun(file: string, setStatus: SetStatus): Promise<void> {
  return runCommand(file, { progress: true }, setStatus);
}
