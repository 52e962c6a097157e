// Bundles the plain `linmap run FILE` (dist/src/cli/plain-run.js, after tsc) into
// dist/src/cli/run-bundle/, so that a small run loads a few modules instead of ~110
// (start-up, issue 10). Packages are left to Node, but for two small ones every run loads
// (INSIDE). So are the modules that only options reach (--format's worker pool, --json,
// --html): a run without options never loads them, and their own imports would be second
// copies of modules the bundle holds. Chunks for
// what a scenario's own commands load lazily (compare, chart, sweep) stay in the bundle, so
// that everything a plain run loads is one copy. main.ts uses the bundle only when it is
// newer than the modules it was made from (a tsc-only build falls back to those).
import { rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist", "src", "cli");
const outDir = join(cli, "run-bundle");
/** Reached only through options of `linmap run`, never by `run FILE` alone. */
const OPTION_ONLY = ["cli/commands/sweep-stream.js", "render/json-result.js", "render/report.js", "ptdump/scenario-dump-charts.js"].map((p) => join(root, "dist", "src", p));

/** Small packages every plain run loads, taken in too: one module fewer each for Node to load. */
const INSIDE = ["diff/lib/patch/create.js", "escape-html"];

rmSync(outDir, { recursive: true, force: true });
await build({
  input: join(cli, "plain-run.js"),
  platform: "node",
  logLevel: "warn",
  external: (id) => (!id.startsWith(".") && !id.startsWith("/") ? !INSIDE.includes(id) : OPTION_ONLY.includes(id)),
  output: {
    dir: outDir, format: "esm", entryFileNames: "[name].js", chunkFileNames: "[name].js",
    // The modules left out, as seen from the bundle's folder.
    paths: (id) => (OPTION_ONLY.includes(id) ? `./${relative(outDir, id).split(sep).join("/")}` : id),
  },
});
