// The leaf classes charts colour by: one per leaf size and contiguous span of a granule
// (4K: 1G block, 32M contiguous PMD, 2M block, 64K contiguous PTE, 4K page), plus holes.
import { sizeText } from "../../catalog/index.js";
import { CONT, type Geometry } from "../../sim/index.js";

export const HOLE = "hole";

/** The classes of a granule from the largest to the smallest, then "hole". */
export function leafClasses(g: Geometry): string[] {
  const out: string[] = [];
  for (const lv of g.levels) {
    if (!lv.leaf) continue;
    if (lv.contEntries > 0) out.push(`${sizeText(lv.contSize)} cont ${lv.name}`);
    out.push(lv.name === "PTE" ? `${sizeText(lv.entrySize)} page` : `${sizeText(lv.entrySize)} block`);
  }
  // Largest first: a PUD block (4K only) comes before the PMD classes.
  const size = (c: string) => Number.parseFloat(c) * ({ K: 1, M: 1024, G: 1024 ** 2, T: 1024 ** 3 }[c.replace(/^[\d.]+/, "")[0]!] ?? 1);
  return [...out.sort((a, b) => size(b) - size(a)), HOLE];
}

export function leafClass(g: Geometry, level: number, bits: number): string {
  if (bits === 0) return HOLE;
  const lv = g.levels[level]!;
  if ((bits & CONT) !== 0) return `${sizeText(lv.contSize)} cont ${lv.name}`;
  return lv.name === "PTE" ? `${sizeText(lv.entrySize)} page` : `${sizeText(lv.entrySize)} block`;
}

/** A fixed palette per class position, so the same class keeps its colour across charts. */
export const CLASS_COLOURS = ["#1f77b4", "#6baed6", "#2ca02c", "#98df8a", "#ff7f0e", "#ffbb78", "#d62728", "#dddddd"];
