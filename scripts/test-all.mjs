// The whole test suite, as the README's test command runs it: builds, runs every suite
// (vitest, then the suites in scripts/suites/), and ends with one plain line
// `N passed, N failed, N skipped` totalled over all of them. Exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
  return r.status ?? 1;
}

// 1. Build: the CLI, the kernel and the benchmarks run built JavaScript.
// The project's own TypeScript: tslab bundles a TypeScript 5.0 whose `tsc` bin can take the
// node_modules/.bin/tsc link.
if (run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"]) !== 0) {
  console.error("test: the TypeScript build failed");
  broken = true;
} else if (run(process.execPath, [join(root, "scripts", "bundle-run.mjs")]) !== 0) {
  // The plain `linmap run FILE`'s bundle, as npm run build makes it (start-up, issue 10).
  console.error("test: bundling linmap run failed");
  broken = true;
}

// 2. Headless Chromium for the report test and GNU parallel for the sharding example
// (installed with apt-get when missing).
const { ensureChromium, ensureParallel } = await import(pathToFileURL(join(root, "scripts", "debian-tools.mjs")).href);
const chromiumProblem = ensureChromium();
if (chromiumProblem) console.error(`test: ${chromiumProblem}; the report test will fail`);
const parallelProblem = ensureParallel();
if (parallelProblem) console.error(`test: ${parallelProblem}; the sharding example's test will fail`);

// 3. vitest, with a JSON report to count from.
mkdirSync("test/output", { recursive: true });
const report = "test/output/vitest-report.json";
rmSync(report, { force: true });
const vitestStatus = run("npx", ["vitest", "run", "--reporter=default", `--reporter=json`, `--outputFile.json=${report}`]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) {
    // A suite that fails to load has no failed tests of its own: count it as one.
    totals.failed += r.numFailedTestSuites;
  }
} else {
  console.error("test: vitest wrote no report");
  totals.failed += 1;
}
if (vitestStatus !== 0 && totals.failed === 0) broken = true;

// 4. Further suites (Jupyter conformance, notebooks, ...): each module in scripts/suites/
// exports `async function run(): Promise<{passed, failed, skipped}>`.
const suitesDir = join(root, "scripts", "suites");
if (existsSync(suitesDir)) {
  for (const f of readdirSync(suitesDir).filter((f) => f.endsWith(".mjs")).sort()) {
    const mod = await import(pathToFileURL(join(suitesDir, f)).href);
    console.log(`\n== suite ${f}`);
    try {
      const r = await mod.run();
      totals.passed += r.passed;
      totals.failed += r.failed;
      totals.skipped += r.skipped ?? 0;
      console.log(`== suite ${f}: ${r.passed} passed, ${r.failed} failed, ${r.skipped ?? 0} skipped`);
    } catch (e) {
      console.error(`== suite ${f} crashed: ${e && e.stack ? e.stack : e}`);
      totals.failed += 1;
    }
  }
}

if (broken && totals.failed === 0) totals.failed = 1;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
