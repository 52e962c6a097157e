// A chart as a Jupyter MIME bundle: the Vega-Lite spec under the v5 type (as an object, with
// explicit sizes: JupyterLab 4, Notebook 7 and VS Code render VL 6 specs under it), a PNG
// rendered in Node by vega (no canvas) and resvg with a bundled DejaVu font so labels are
// drawn, and a text/plain summary. No text/html: it would win over the chart in JupyterLab.
// No SVG: nbconvert 6.5's HTML export prefers SVG to PNG and strips it to an empty box.
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { Resvg } from "@resvg/resvg-js";

export const VEGALITE_MIME = "application/vnd.vegalite.v5+json";

let fontFile: string | undefined;
function dejavu(): string {
  if (!fontFile) {
    const require = createRequire(import.meta.url);
    fontFile = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf");
  }
  return fontFile;
}

/** Renders a Vega-Lite spec to SVG in Node. */
export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const [vl, vega] = await Promise.all([import("vega-lite"), import("vega")]);
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG with the bundled font (without a font every label would silently vanish). */
export function renderPng(svg: string): Buffer {
  const font = { fontFiles: [dejavu()], loadSystemFonts: false, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" };
  return new Resvg(svg, { font, background: "white" }).render().asPng();
}

export interface ChartBundle {
  readonly data: Record<string, unknown>;
  readonly svg: string;
}

/**
 * The bundle, in the order of preference: the spec (JupyterLab, Notebook 7 and VS Code draw
 * it), the PNG (classic Notebook, nbconvert's HTML, GitHub), the text. `marks` is the chart's
 * mark count, kept for callers; the SVG it once bounded is left out of the bundle for every
 * size (nbconvert 6.5 would choose and strip it) and returned beside it for reports.
 */
export async function chartBundle(spec: Record<string, unknown>, summary: string, marks: number): Promise<ChartBundle> {
  void marks;
  const svg = await renderSvg(spec);
  const data: Record<string, unknown> = {
    [VEGALITE_MIME]: spec,
    "image/png": renderPng(svg).toString("base64"),
    "text/plain": summary,
  };
  return { data, svg };
}
