// A real dump against a simulated one. Both linear sections are put on one axis, the offset
// from the start of the linear map (PAGE_OFFSET), and printed in the kernel's current column
// layout, so that a difference is a difference of ranges, levels or attributes and never of
// where the kernel put its linear map or how an older kernel spaced its columns. The report
// gives the differing lines as a unified diff, the bytes per leaf size side by side and the
// page-table pages each map implies.
// The patch functions only (the package's index loads every diff flavour, 19 modules).
import { structuredPatch } from "diff/lib/patch/create.js";
import { sizeText } from "../catalog/index.js";
import { textTable } from "../render/text-table.js";
import { ptdumpSize } from "../render/ptdump.js";
import { formatAttributes, type LinearSection, type PtdumpEntry } from "./parse.js";
import { dumpStats, type DumpStats } from "./stats.js";
import { diffMsg } from "./diff-messages.js";

export interface DiffSide {
  /** `real` or `simulated`. */
  readonly role: "real" | "simulated";
  /** What the side is read from: the dump's file, or the scenario's file and kernel. */
  readonly name: string;
  readonly section: LinearSection;
}

export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly string[];
}

export interface SideSummary {
  readonly name: string;
  readonly granule: string;
  readonly vaBits: number;
  readonly pageOffset: bigint;
  readonly lines: readonly string[];
  readonly stats: DumpStats;
}

export type DiffOrigin = "linear map" | "first mapped byte";

export interface PtdumpDiff {
  readonly agree: boolean;
  /** What offset 0 is: PAGE_OFFSET, or (`--align memory`) each side's first mapped byte. */
  readonly origin: DiffOrigin;
  readonly real: SideSummary;
  readonly simulated: SideSummary;
  readonly hunks: readonly DiffHunk[];
  readonly onlyReal: number;
  readonly onlySimulated: number;
  readonly notes: readonly string[];
}

function offsetDigits(sides: readonly DiffSide[]): number {
  let max = 0n;
  for (const s of sides) {
    const base = s.section.geometry?.pageOffset ?? 0n;
    for (const e of s.section.entries) if (e.end - base > max) max = e.end - base;
  }
  return Math.max(9, max.toString(16).length);
}

/** One line on the common axis: `0x000000210000-0x000000400000   1984K PTE ... `. */
export function offsetLine(e: PtdumpEntry, base: bigint, digits: number): string {
  const off = (v: bigint) => `0x${(v - base).toString(16).padStart(digits, "0")}`;
  return `${off(e.start)}-${off(e.end)}   ${ptdumpSize(e.end - e.start)} ${e.level}${e.attrs ? formatAttributes(e.attrs, "current") : ""}`.trimEnd();
}

function summary(side: DiffSide, digits: number): SideSummary {
  const g = side.section.geometry;
  if (!g) throw new Error("diffDumps needs a section with a geometry"); // callers check first
  return {
    name: side.name,
    granule: g.granule,
    vaBits: g.vaBits,
    pageOffset: g.pageOffset,
    lines: side.section.entries.map((e) => offsetLine(e, g.pageOffset, digits)),
    stats: dumpStats(side.section.entries, g.geometry),
  };
}

function firstMapped(s: LinearSection): bigint | undefined {
  const e = s.entries.find((x) => x.attrs);
  return e && s.geometry ? e.start - s.geometry.pageOffset : undefined;
}

/**
 * The section seen from its first mapped byte: offsets count from there, and the holes before
 * the first and after the last mapped line are left out (a randomised linear base moves the
 * banks, not their shape).
 */
export function alignToMemory(s: LinearSection): LinearSection {
  const mapped = s.entries.filter((e) => e.attrs);
  if (!s.geometry || mapped.length === 0) return s;
  const from = mapped[0]!.start;
  const to = mapped[mapped.length - 1]!.end;
  return { ...s, entries: s.entries.filter((e) => e.start >= from && e.end <= to), geometry: { ...s.geometry, pageOffset: from } };
}

/** Aligns and compares two linear sections (each must have a geometry). */
export function diffDumps(real: DiffSide, simulated: DiffSide, opts: { align?: "start" | "memory" } = {}): PtdumpDiff {
  if (opts.align === "memory") {
    real = { ...real, section: alignToMemory(real.section) };
    simulated = { ...simulated, section: alignToMemory(simulated.section) };
  }
  const origin: DiffOrigin = opts.align === "memory" ? "first mapped byte" : "linear map";
  const digits = offsetDigits([real, simulated]);
  const r = summary(real, digits);
  const s = summary(simulated, digits);
  const notes: string[] = [...real.section.notes.map((n) => `real: ${n}`), ...simulated.section.notes.map((n) => `simulated: ${n}`)];
  if (r.granule !== s.granule || r.vaBits !== s.vaBits) notes.push(diffMsg.geometryMismatch(r.granule, r.vaBits, s.granule, s.vaBits));
  const rf = firstMapped(real.section);
  const sf = firstMapped(simulated.section);
  if (origin === "linear map" && rf !== undefined && sf !== undefined && rf !== sf) notes.push(diffMsg.firstMappedDiffers(rf, sf));
  const patch = structuredPatch(real.name, simulated.name, `${r.lines.join("\n")}\n`, `${s.lines.join("\n")}\n`, "", "", { context: 3 });
  const hunks = patch.hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines.filter((l) => !l.startsWith("\\")) }));
  const count = (c: string) => hunks.reduce((n, h) => n + h.lines.filter((l) => l.startsWith(c)).length, 0);
  return { agree: hunks.length === 0, origin, real: r, simulated: s, hunks, onlyReal: count("-"), onlySimulated: count("+"), notes };
}

function amount(b: bigint): string {
  return b === 0n ? "-" : sizeText(b);
}

/** The report as text (what `linmap diff ptdump` prints). */
export function renderDiff(d: PtdumpDiff): string {
  const side = (role: string, x: SideSummary) => diffMsg.side(role, x.name, x.granule, x.vaBits, x.lines.length, x.pageOffset);
  const out: string[] = [side("real", d.real), side("simulated", d.simulated)];
  if (d.notes.length > 0) out.push("", "notes:", ...d.notes.map((n) => `  - ${n}`));
  out.push("");
  if (d.agree) {
    out.push(diffMsg.agree(d.real.lines.length, d.origin));
  } else {
    out.push(diffMsg.linesDiffer(d.origin), `--- real ${d.real.name}`, `+++ simulated ${d.simulated.name}`);
    for (const h of d.hunks) out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines);
  }
  out.push("", diffMsg.leafHeading());
  const labels = [...new Set([...d.real.stats.leaves.map((l) => l.label), ...d.simulated.stats.leaves.map((l) => l.label)])];
  const bytesOf = (x: SideSummary, label: string) => x.stats.leaves.find((l) => l.label === label)?.bytes ?? 0n;
  const leafRows = labels.map((l) => [l, amount(bytesOf(d.real, l)), amount(bytesOf(d.simulated, l))]);
  leafRows.push(["of which invalid (F)", amount(d.real.stats.invalid), amount(d.simulated.stats.invalid)]);
  leafRows.push(["total mapped", amount(d.real.stats.mapped), amount(d.simulated.stats.mapped)]);
  out.push(textTable(["leaf", "real", "simulated"], leafRows));
  out.push("", diffMsg.tablesHeading());
  const tableLabels = [...new Set([...d.real.stats.tables.map((t) => t.label), ...d.simulated.stats.tables.map((t) => t.label)])];
  const tablesOf = (x: SideSummary, label: string) => x.stats.tables.find((t) => t.label === label)?.tables ?? 0n;
  const tableRows = tableLabels.map((l) => [l, tablesOf(d.real, l).toString(), tablesOf(d.simulated, l).toString()]);
  tableRows.push(["total", `${d.real.stats.tablePages} (${amount(d.real.stats.tableBytes)})`, `${d.simulated.stats.tablePages} (${amount(d.simulated.stats.tableBytes)})`]);
  out.push(textTable(["page tables", "real", "simulated"], tableRows));
  out.push("", d.agree ? diffMsg.verdictAgree() : diffMsg.verdictDiffer(d.onlyReal, d.onlySimulated));
  return `${out.join("\n")}\n`;
}

/** The report as plain data for `--json` (bigints as decimal strings, addresses as hex). */
export function diffJson(d: PtdumpDiff): Record<string, unknown> {
  const sideJson = (x: SideSummary) => ({
    name: x.name,
    granule: x.granule,
    vaBits: x.vaBits,
    pageOffset: `0x${x.pageOffset.toString(16)}`,
    lines: x.lines,
    leaves: Object.fromEntries(x.stats.leaves.map((l) => [l.label, l.bytes.toString()])),
    invalidBytes: x.stats.invalid.toString(),
    mappedBytes: x.stats.mapped.toString(),
    tables: Object.fromEntries(x.stats.tables.map((t) => [t.label, t.tables.toString()])),
    tablePages: x.stats.tablePages.toString(),
  });
  return {
    agree: d.agree,
    origin: d.origin,
    real: sideJson(d.real),
    simulated: sideJson(d.simulated),
    onlyReal: d.onlyReal,
    onlySimulated: d.onlySimulated,
    hunks: d.hunks,
    notes: d.notes,
  };
}
