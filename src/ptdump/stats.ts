// What a dump's lines imply: bytes mapped per leaf size (the level and the contiguous bit,
// as the proposed DirectMap counters would count them, domain.md §8.2) and the page-table
// pages that must exist for those lines to be printed (one table per parent entry whose
// range holds any line of the level below, empty entries included).
import { sizeText } from "../catalog/index.js";
import type { Geometry } from "../sim/index.js";
import type { PtdumpEntry } from "./parse.js";

export interface LeafRow {
  /** `1G PUD`, `32M PMD CON`, `2M PMD`, `64K PTE CON`, `4K PTE`. */
  readonly label: string;
  readonly bytes: bigint;
}

export interface TableRow {
  /** `PTE tables`: the tables holding entries of that level. */
  readonly label: string;
  readonly tables: bigint;
}

export interface DumpStats {
  readonly leaves: readonly LeafRow[];
  /** Bytes of entries printed `F` (invalid), counted in their leaf rows too. */
  readonly invalid: bigint;
  readonly mapped: bigint;
  readonly tables: readonly TableRow[];
  /** Page-table pages below the root, and their bytes. */
  readonly tablePages: bigint;
  readonly tableBytes: bigint;
}

/** Leaf classes of a geometry, largest first: per leaf level, contiguous then plain. */
export function leafLabels(g: Geometry): string[] {
  const out: string[] = [];
  for (const l of g.levels) {
    if (!l.leaf) continue;
    if (l.contEntries > 0) out.push(`${sizeText(l.contSize)} ${l.name} CON`);
    out.push(`${sizeText(l.entrySize)} ${l.name}`);
  }
  return out;
}

function labelOf(g: Geometry, e: PtdumpEntry): string {
  const l = g.levels.find((x) => x.name === e.level);
  if (!l) return `? ${e.level}`;
  return e.attrs?.cont && l.contEntries > 0 ? `${sizeText(l.contSize)} ${l.name} CON` : `${sizeText(l.entrySize)} ${l.name}`;
}

export function dumpStats(entries: readonly PtdumpEntry[], g: Geometry): DumpStats {
  const bytes = new Map<string, bigint>(leafLabels(g).map((k) => [k, 0n]));
  let invalid = 0n;
  let mapped = 0n;
  for (const e of entries) {
    if (!e.attrs) continue;
    const k = labelOf(g, e);
    bytes.set(k, (bytes.get(k) ?? 0n) + (e.end - e.start));
    mapped += e.end - e.start;
    if (!e.attrs.valid) invalid += e.end - e.start;
  }
  const tables: TableRow[] = [];
  let tablePages = 0n;
  // Below the root: a table of level i exists for each entry of level i-1 whose range holds a
  // line of level i or deeper (a deeper line sits in a table that hangs from one of level i).
  const depth = new Map(g.levels.map((l, i) => [l.name as string, i]));
  for (let i = 1; i < g.levels.length; i++) {
    const level = g.levels[i]!;
    const window = g.levels[i - 1]!.entrySize;
    let count = 0n;
    let last = -1n;
    for (const e of entries) {
      if ((depth.get(e.level) ?? -1) < i) continue;
      const first = e.start / window;
      const end = (e.end + window - 1n) / window;
      const from = first > last ? first : last + 1n;
      if (end > from) count += end - from;
      if (end - 1n > last) last = end - 1n;
    }
    tables.push({ label: `${level.name} tables`, tables: count });
    tablePages += count;
  }
  return {
    leaves: [...bytes].map(([label, b]) => ({ label, bytes: b })),
    invalid,
    mapped,
    tables,
    tablePages,
    tableBytes: tablePages * g.pageSize,
  };
}
