// Statistics of the final map: bytes mapped per leaf size (with contiguous groups apart) and
// page-table pages allocated per step and allocator (the `show stats` view).
import { sizeText } from "../catalog/index.js";
import { CONT, LinearMap, VALID, type SimResult } from "../sim/index.js";
import { textTable } from "./text-table.js";

export interface LeafSizeStat {
  readonly leaf: string;
  readonly bytes: bigint;
}

export function leafSizeStats(r: SimResult): LeafSizeStat[] {
  const map = new LinearMap(r.geometry, r.finalMap.memstart);
  map.root = r.finalMap.root;
  const bytes = new Map<string, bigint>();
  for (const s of map.leafSegments(r.finalMap.memstart, r.finalMap.memstart + r.geometry.linearSize)) {
    const lv = r.geometry.levels[s.level]!;
    const name = `${sizeText(lv.entrySize)}${(s.bits & CONT) !== 0 ? ` (CONT ${sizeText(lv.contSize)})` : ""}${(s.bits & VALID) === 0 ? " invalid" : ""}`;
    bytes.set(name, (bytes.get(name) ?? 0n) + (s.end - s.start));
  }
  return [...bytes].map(([leaf, b]) => ({ leaf, bytes: b })).sort((a, b) => (a.leaf < b.leaf ? -1 : a.leaf > b.leaf ? 1 : 0));
}

/** The stats view's two tables and the caption between them, shared by its text and HTML faces. */
export function statsTables(r: SimResult): { leaves: { head: string[]; rows: string[][] }; caption: string; steps: { head: string[]; rows: string[][] } } {
  return {
    leaves: { head: ["leaf", "mapped"], rows: leafSizeStats(r).map((s) => [s.leaf, sizeText(s.bytes)]) },
    caption: `page-table pages allocated per step (total ${r.stats.pagetablePages}):`,
    steps: {
      head: ["step", "memblock", "buddy", "atomic"],
      rows: r.stats.perStep
        .filter((s) => s.pagetablePages.memblock + s.pagetablePages.buddy + s.pagetablePages.atomic > 0n)
        .map((s) => [s.step, String(s.pagetablePages.memblock), String(s.pagetablePages.buddy), String(s.pagetablePages.atomic)]),
    },
  };
}

export function renderStats(r: SimResult): string {
  const t = statsTables(r);
  return `${textTable(t.leaves.head, t.leaves.rows)}\n\n${t.caption}\n${textTable(t.steps.head, t.steps.rows)}`;
}
