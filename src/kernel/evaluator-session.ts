// What the evaluator thread runs (./evaluator-worker.ts), as one module: scripts/bundle-run.mjs
// bundles it and everything it imports, the session's lazily loaded charts, comparisons and
// sweeps included, into dist/src/kernel/evaluator-bundle/, so that the thread loads a few
// modules instead of ~110 before it can answer (start-up, issue 11).
export { JupyterSession } from "./notebook-session.js";
export { warmUp } from "./warm-up.js";
