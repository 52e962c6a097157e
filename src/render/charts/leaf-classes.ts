// The leaf classes charts colour by. A class is a role (block at the top level, contiguous
// block, block, contiguous pages, page, hole) and each role keeps one colour in every chart
// and granule; the legend names the sizes of this granule (4K: 1G, 32M cont, 2M, 64K cont,
// 4K; 16K: 1G cont, 32M, 2M cont, 16K; 64K: 16G cont, 512M, 2M cont, 64K). Before this, the
// colour followed the class's position, so one colour meant "2M block" at 4K and "2M
// contiguous PTE" at 64K.
import { sizeText } from "../../catalog/index.js";
import { CONT, type Geometry } from "../../sim/index.js";
import { chartMsg } from "./messages.js";

export type LeafRole = "top-block" | "cont-block" | "block" | "cont-page" | "page" | "hole";

/** Blues for blocks (darker = bigger), oranges for pages, grey for holes. */
export const ROLE_COLOURS: Readonly<Record<LeafRole, string>> = {
  "top-block": "#08306b",
  "cont-block": "#2171b5",
  block: "#6baed6",
  "cont-page": "#fdae6b",
  page: "#e6550d",
  hole: "#e8e8e8",
};

/** Attribute lanes: their own hues, none shared with a leaf role. */
export const ATTRIBUTE_COLOURS = { readOnly: "#756bb1", invalid: "#252525", shared: "#17becf" } as const;

export interface LeafClass {
  readonly role: LeafRole;
  readonly label: string;
  readonly colour: string;
}

function roleOf(g: Geometry, level: number, cont: boolean): LeafRole {
  const lv = g.levels[level]!;
  if (lv.name === "PTE") return cont ? "cont-page" : "page";
  if (cont) return "cont-block";
  // The top leaf level is the first level that may hold a leaf and has no contiguous bit.
  const top = g.levels.findIndex((l) => l.leaf);
  return level === top && lv.contEntries === 0 ? "top-block" : "block";
}

function labelOf(g: Geometry, level: number, role: LeafRole): string {
  const lv = g.levels[level]!;
  switch (role) {
    case "top-block":
      return chartMsg.topBlock(sizeText(lv.entrySize), lv.name);
    case "cont-block":
      return chartMsg.contBlock(sizeText(lv.contSize), lv.name);
    case "block":
      return chartMsg.block(sizeText(lv.entrySize), lv.name);
    case "cont-page":
      return chartMsg.contPage(sizeText(lv.contSize));
    case "page":
      return chartMsg.page(sizeText(lv.entrySize));
    case "hole":
      return chartMsg.hole();
  }
}

/** The classes of a granule from the largest mapping to the smallest, then the hole. */
export function leafClassList(g: Geometry): LeafClass[] {
  const out: { size: bigint; c: LeafClass }[] = [];
  g.levels.forEach((lv, level) => {
    if (!lv.leaf) return;
    for (const cont of lv.contEntries > 0 ? [true, false] : [false]) {
      const role = roleOf(g, level, cont);
      out.push({ size: cont ? lv.contSize : lv.entrySize, c: { role, label: labelOf(g, level, role), colour: ROLE_COLOURS[role] } });
    }
  });
  out.sort((a, b) => (a.size === b.size ? 0 : a.size > b.size ? -1 : 1));
  return [...out.map((x) => x.c), { role: "hole", label: chartMsg.hole(), colour: ROLE_COLOURS.hole }];
}

/** The class label of one leaf (or hole) of the map. */
export function leafClass(g: Geometry, level: number, bits: number): string {
  if (bits === 0) return chartMsg.hole();
  return labelOf(g, level, roleOf(g, level, (bits & CONT) !== 0));
}

export function leafRole(g: Geometry, level: number, bits: number): LeafRole {
  return bits === 0 ? "hole" : roleOf(g, level, (bits & CONT) !== 0);
}
