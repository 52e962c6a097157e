// Suite: every notebook under notebooks/ executed headless by `jupyter nbconvert --to
// notebook --execute` on its kernel (linmap, or tslab for the library notebook). A notebook passes when every code cell ran,
// execution counts run 1..N in order, no cell produced an error, and each cell's
// `metadata.linmap.expect_text` appears in its outputs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PYTHON, ensureJupyter, jupyterEnv, kernelspecPath } from "../jupyter-env.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function outputText(o) {
  if (o.output_type === "stream") return Array.isArray(o.text) ? o.text.join("") : o.text;
  if (o.output_type === "error") return `${o.ename}: ${o.evalue}`;
  const t = o.data?.["text/plain"];
  return Array.isArray(t) ? t.join("") : (t ?? "");
}

export function checkExecutedNotebook(nb) {
  const problems = [];
  let expected = 1;
  // tslab sends no execute_input or execute_result, so nbclient cannot record its counts.
  const counted = nb.metadata?.kernelspec?.name !== "tslab";
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    if (counted && cell.execution_count !== expected) problems.push(`cell ${i}: execution_count ${cell.execution_count}, expected ${expected}`);
    expected++;
    const text = cell.outputs.map(outputText).join("\n");
    for (const o of cell.outputs) if (o.output_type === "error") problems.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
    const want = cell.metadata?.linmap?.expect_text;
    if (want && !text.includes(want)) problems.push(`cell ${i}: output lacks ${JSON.stringify(want)}`);
    // A chart cell must carry the Vega-Lite spec as an object and a PNG fallback.
    if (want?.startsWith("chart:") && counted) {
      const data = cell.outputs.find((o) => o.output_type === "display_data")?.data ?? {};
      if (typeof data["application/vnd.vegalite.v5+json"] !== "object") problems.push(`cell ${i}: no Vega-Lite spec object`);
      if (!data["image/png"]) problems.push(`cell ${i}: no PNG fallback`);
      if (data["text/html"]) problems.push(`cell ${i}: a text/html alternative would hide the chart in JupyterLab`);
    }
  }
  return problems;
}

export async function run() {
  const missing = ensureJupyter();
  if (missing) {
    console.error(`jupyter-notebooks: ${missing}`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const env = jupyterEnv(kernelspecPath(root));
  const out = mkdtempSync(join(tmpdir(), "linmap-nb-"));
  let passed = 0;
  let failed = 0;
  for (const f of readdirSync(join(root, "notebooks")).filter((x) => x.endsWith(".ipynb")).sort()) {
    // Cells run with the notebook's directory as the working directory (relative paths in
    // notebooks, and `linmap` resolved from the checkout).
    const r = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=120", "--output-dir", out, f], { env, encoding: "utf8", cwd: join(root, "notebooks") });
    if (r.status !== 0) {
      console.error(`notebook ${f}: nbconvert failed\n${r.stderr}`);
      failed++;
      continue;
    }
    const problems = checkExecutedNotebook(JSON.parse(readFileSync(join(out, f), "utf8")));
    if (problems.length > 0) {
      console.error(`notebook ${f}:\n  ${problems.join("\n  ")}`);
      failed++;
    } else {
      console.log(`notebook ${f}: ok`);
      passed++;
    }
  }
  return { passed, failed, skipped: 0 };
}
