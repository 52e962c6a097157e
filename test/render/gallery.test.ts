// The chart gallery (docs/charts/*.png, docs/charts.md) is the set of reviewed PNG snapshots:
// every chart kind of every bundled example as the PNG fallback draws it (the overview a
// classic Notebook or nbconvert shows). A rendering that differs from its committed file
// fails, with the new one written beside the test output as NAME-changed.png to look at;
// LINMAP_UPDATE_GALLERY=1 rewrites them after review. Missing files are written, except in CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chartBundle } from "../../src/render/charts/index.js";
import { exampleCharts, exampleNames, KINDS, stressNames } from "./chart-fixtures.js";

const docs = join(import.meta.dirname, "..", "..", "docs");
const dir = join(docs, "charts");
const changed = join(import.meta.dirname, "..", "output", "gallery");
const update = process.env["LINMAP_UPDATE_GALLERY"] === "1";

/** Compares with the committed file; returns a problem, or undefined when it matches. */
function snapshot(file: string, bytes: Buffer | string): string | undefined {
  const data = Buffer.from(bytes);
  if (update || !existsSync(file)) {
    if (!update && process.env["CI"] !== undefined) return `${file} is missing`;
    writeFileSync(file, data);
    return undefined;
  }
  if (data.equals(readFileSync(file))) return undefined;
  mkdirSync(changed, { recursive: true });
  writeFileSync(join(changed, file.split("/").pop()!.replace(/(\.\w+)$/, "-changed$1")), data);
  return `${file} changed: see test/output/gallery/`;
}

const names = exampleNames();
const stress = stressNames();

export function galleryMarkdown(): string {
  const lines = [
    "# Chart gallery",
    "",
    "Every chart kind of every bundled example (`grammar/examples/valid/`), as the PNG that",
    "linmap puts in each chart's MIME bundle for front ends without a Vega-Lite renderer. In",
    "JupyterLab, Notebook 7, VS Code and the HTML reports the same charts are interactive:",
    "drag an address axis to pan, use the wheel to zoom (ticks stay on power-of-two",
    "boundaries), double-click to reset, hover for the exact range.",
    "",
    "These files are the reviewed snapshots of `test/render/gallery.test.ts`; regenerate them",
    "with `LINMAP_UPDATE_GALLERY=1 npx vitest run test/render/gallery.test.ts` and look at the",
    "diff before committing. `test/render/chart-checks.test.ts` checks the same charts in",
    "headless Chromium (fit, legends, hex ticks, a mark of at least 2 px for every call and every",
    "invalid or shared range).",
    "",
    "How to read them:",
    "",
    "- **map**: one panel per memory bank (holes between banks take no room), lanes for the leaf",
    "  size, read-only, invalid, shared (decrypted) and the calls' target ranges; ranges under",
    "  3 px get a 3 px marker, and small call ranges get a zoomed detail panel, numbered and",
    "  outlined in the overview. Colour is the leaf's level and contiguity: blues for blocks",
    "  (darker = larger), oranges for pages, the legend names this granule's sizes.",
    "- **timeline**: the black-out windows the kernel has (none before the fix; window 1 and",
    "  window 2 for fix-v1 and v7.1; window 2 only for memblock-split), the caps finalization and",
    "  repaint as events, every call's outcome by colour and shape (`ok, pages left invalid` is",
    "  harm that returned 0).",
    "- **pagetables**: page-table pages so far per boot step, by allocator or per kernel;",
    "  kernels with identical counts share one line named `a = b`.",
    "- **compare**: one row per call identity (function, target, scenario or kernel), each cell",
    "  with that kernel's return code and step; below, each bank's final map per kernel.",
    "",
  ];
  const section = (name: string, path: string) => {
    lines.push(`## ${name}`, "", `Scenario: [\`${path}\`](../${path})`, "");
    for (const kind of KINDS) lines.push(`### ${name} · ${kind}`, "", `![${kind} chart of ${name}](charts/${name}-${kind}.png)`, "");
  };
  for (const name of names) section(name, `grammar/examples/valid/${name}.linmap`);
  lines.push("# Stress scenarios", "", "Not examples of the language but of what charts must survive: five banks far apart with a", "64K granule, a boot without calls, many calls on many CPUs.", "");
  for (const name of stress) section(name, `test/render/chart-scenarios/${name}.linmap`);
  return `${lines.join("\n").trimEnd()}\n`;
}

describe("the chart gallery", () => {
  mkdirSync(dir, { recursive: true });
  it.each([...names, ...stress])("%s: every chart kind matches its reviewed PNG", async (name) => {
    const ex = exampleCharts(name);
    const problems: string[] = [];
    for (const kind of KINDS) {
      const built = ex.charts[kind];
      const png = Buffer.from(String((await chartBundle(built.spec, built.summary, built.marks)).data["image/png"]), "base64");
      // Width from the PNG header: the fallback fits the 900 px budget too.
      expect(png.readUInt32BE(16)).toBeLessThanOrEqual(900);
      const p = snapshot(join(dir, `${name}-${kind}.png`), png);
      if (p) problems.push(p);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it("docs/charts.md lists every rendering", () => {
    expect(snapshot(join(docs, "charts.md"), galleryMarkdown())).toBeUndefined();
  });
});
