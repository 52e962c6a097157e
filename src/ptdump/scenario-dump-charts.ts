// `chart map` with a scenario's loaded real dumps (`load ptdump "f" as NAME`): a strip per
// dump above the simulation's banks. Apart from ./scenario-dumps.ts because it brings the
// chart and HTML modules, which a run without charts does not load.
import type { Scenario } from "../lang/ast.js";
import type { SimResult } from "../sim/index.js";
import { mapSpec } from "../render/charts/map-chart.js";
import { mapWithRealStrips, realStrip } from "./diff-html.js";
import { loadedDumps, scenarioDumpMsg } from "./scenario-dumps.js";

/** `chart map` with the loaded dumps: one strip per dump above the simulation's banks. */
export function mapSpecWithDumps(ast: Scenario, r: SimResult, baseDir: string, title: string): Record<string, unknown> | undefined {
  const dumps = loadedDumps(ast, r, baseDir).filter((d) => d.section);
  if (dumps.length === 0) return undefined;
  const strips = dumps.flatMap((d) => realStrip(d.section!, r, (range) => scenarioDumpMsg.stripTitle(d.name, range)) ?? []);
  return mapSpec(r, mapWithRealStrips(r, r.finalMap, strips), title);
}
