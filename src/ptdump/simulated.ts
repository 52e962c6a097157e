// The simulated side of a diff: the simulation's linear map (at the end of boot, or after a
// step) printed by the ptdump renderer and read back with the same reader as a real dump, so
// both sides go through one parser.
import type { SimResult } from "../sim/index.js";
import { renderPtdump } from "../render/ptdump.js";
import { parsePtdump, type LinearSection, type PtdumpEntry } from "./parse.js";

/** The simulated linear section, or undefined when there is no map after `step`. */
export function simulatedSection(r: SimResult, step?: string): LinearSection | undefined {
  const snapshot = step === undefined ? r.finalMap : r.snapshots.get(step);
  if (!snapshot) return undefined;
  const lines = renderPtdump(snapshot, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks });
  const entries = parsePtdump(lines.join("\n")).items.filter((it): it is PtdumpEntry => it.kind === "entry");
  const g = r.geometry;
  return { entries, geometry: { granule: g.granule, vaBits: g.vaBits, legacy: false, pageOffset: g.pageOffset, geometry: g }, notes: [] };
}
