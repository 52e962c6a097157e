// Bundles, after tsc, the two things whose start-up time users wait for, so that each loads a
// few modules instead of ~110 (the ES module loader costs about a third of a millisecond per
// module: resolution, reading, linking):
// - the plain `linmap run FILE` (dist/src/cli/plain-run.js) into dist/src/cli/run-bundle/
//   (start-up, issue 10);
// - the kernel's evaluator thread (dist/src/kernel/evaluator-session.js) into
//   dist/src/kernel/evaluator-bundle/ (issue 11).
// Packages are left to Node, but for two small ones every run loads (INSIDE). So are the
// modules `linmap run` reaches only through options (--json, --html) or for a sweep run on
// the worker pool (--format, or a range sweep too large for a table): the pool finds its
// worker beside its own module, so it must stay where it is; a small run never loads them,
// and what they import comes as second copies of modules the bundle holds (data passes
// between them, no class or state is shared). Chunks for what is loaded lazily otherwise (a scenario's compare,
// chart and sweep commands) stay in the bundle, so that everything loaded is one copy. The
// modules load their bundle only when it is newer than the module it was made from
// (src/bundled.ts: a tsc-only build falls back to the modules).
import { rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "src");
/** Small packages every plain run loads, taken in too: one module fewer each for Node to load. */
const INSIDE = ["diff/lib/patch/create.js", "escape-html"];

const BUNDLES = [
  {
    input: join(dist, "cli", "plain-run.js"),
    outDir: join(dist, "cli", "run-bundle"),
    /** Reached through options of `linmap run`, or for a sweep on the worker pool. */
    outside: ["cli/commands/sweep-stream.js", "render/json-result.js", "render/report.js", "ptdump/scenario-dump-charts.js"].map((p) => join(dist, p)),
  },
  { input: join(dist, "kernel", "evaluator-session.js"), outDir: join(dist, "kernel", "evaluator-bundle"), outside: [] },
];

for (const b of BUNDLES) {
  rmSync(b.outDir, { recursive: true, force: true });
  await build({
    input: b.input,
    platform: "node",
    logLevel: "warn",
    // A module both imported and imported lazily by another is simply in the same chunk.
    onLog: (level, log, handler) => (log.code === "INEFFECTIVE_DYNAMIC_IMPORT" ? undefined : handler(level, log)),
    external: (id) => (!id.startsWith(".") && !id.startsWith("/") ? !INSIDE.includes(id) : b.outside.includes(id)),
    output: {
      dir: b.outDir, format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name].js",
      // The modules left out, as seen from the bundle's folder.
      paths: (id) => (b.outside.includes(id) ? `./${relative(b.outDir, id).split(sep).join("/")}` : id),
    },
  });
}
