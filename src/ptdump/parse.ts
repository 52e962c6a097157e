// Reading a real /sys/kernel/debug/kernel_page_tables dump (domain.md §8.1): entry lines and
// `---[ ... ]---` markers, whatever surrounds them (mail quoting, prompts, prose), lines that
// a mail client wrapped rejoined. Every granule and VA size is recognised from the lines
// themselves: each line's level must exist in the geometry and its range must be aligned to
// that level's entry size, which leaves one reading in practice. Nothing here throws on bad
// input: lines it cannot read are returned with the reason.
import { geometryFor, type Geometry } from "../sim/index.js";
import type { GranuleName } from "../catalog/index.js";
import { ptdumpSize } from "../render/ptdump.js";
import { ptdumpMsg } from "./messages.js";

export type PtdumpLevel = "PGD" | "P4D" | "PUD" | "PMD" | "PTE";

/** The attribute columns of one line, as printed (domain.md §8.1 table). */
export interface PtdumpAttrs {
  readonly valid: boolean;
  readonly user: boolean;
  readonly readOnly: boolean;
  readonly pxn: boolean;
  readonly shared: boolean;
  readonly af: boolean;
  readonly ng: boolean;
  readonly cont: boolean;
  readonly block: boolean;
  readonly uxn: boolean;
  readonly gp: boolean;
  /** `MEM/NORMAL-TAGGED`, `DEVICE/nGnRE`, ... or "" when none is printed. */
  readonly memType: string;
}

/**
 * How the kernel laid out the attribute columns: `current` (v5.8+: GP column, every clear
 * field blank-padded) or `legacy` (4.x: no GP column, nothing printed for a clear UXN).
 */
export type AttrLayout = "current" | "legacy";

export interface PtdumpEntry {
  readonly kind: "entry";
  readonly start: bigint;
  readonly end: bigint;
  readonly level: PtdumpLevel;
  /** The size column as printed, e.g. `2M`. */
  readonly size: string;
  /** Undefined for an empty range (a hole: no attribute columns). */
  readonly attrs?: PtdumpAttrs;
  readonly layout: AttrLayout;
  /** 1-based line of the source where the entry starts, and how many source lines it took. */
  readonly line: number;
  readonly lines: number;
  /** The source text, wrapped pieces joined with one space. */
  readonly text: string;
}

export interface PtdumpMarker {
  readonly kind: "marker";
  readonly name: string;
  readonly line: number;
  readonly text: string;
}

export type PtdumpItem = PtdumpEntry | PtdumpMarker;

export interface SkippedLine {
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface DumpGeometry {
  readonly granule: GranuleName;
  readonly vaBits: number;
  /** Before v5.4 the linear map was the upper half of the kernel VA space. */
  readonly legacy: boolean;
  /** Where ptdump starts the linear section: PAGE_OFFSET. */
  readonly pageOffset: bigint;
  readonly geometry: Geometry;
}

export interface ParsedPtdump {
  readonly items: readonly PtdumpItem[];
  readonly skipped: readonly SkippedLine[];
}

export interface LinearSection {
  /** The linear map's lines, in address order as printed. */
  readonly entries: readonly PtdumpEntry[];
  readonly geometry: DumpGeometry | undefined;
  /** What the reader noticed: the reading chosen, gaps, ignored sections. */
  readonly notes: readonly string[];
}

const RANGE = /^(0x[0-9a-fA-F]{16})-(0x[0-9a-fA-F]{16})/;
const ENTRY = /^(0x[0-9a-fA-F]{16})-(0x[0-9a-fA-F]{16})\s+(\d+)([KMGTPE])\s+(PGD|P4D|PUD|PMD|PTE)(\s.*)?$/;
const MARKER = /^---\[ (.+) \]---$/;
const SIZE_LEVEL = /^(\d+)([KMGTPE])\s+(PGD|P4D|PUD|PMD|PTE)\b/;
const MEMTYPE = /^(MEM|DEVICE)\/[A-Za-z-]+$/;
const ATTR_TOKENS = new Set(["F", "USR", "ro", "RW", "NX", "x", "SHD", "AF", "NG", "CON", "BLK", "UXN", "GP"]);

/** The line without mail quoting (`> `), code-block indentation or a trailing CR. */
function unquote(raw: string): string {
  return raw.replace(/\r$/, "").replace(/^(\s*>)+/, "").trim();
}

function isContinuation(s: string): boolean {
  if (s === "" || RANGE.test(s) || MARKER.test(s)) return false;
  const tokens = s.split(/\s+/);
  // A wrapped tail holds attribute tokens only, or the end of a memory type that was broken
  // at its hyphen (`MEM/NORMAL-` + `TAGGED`).
  return tokens.every((t) => ATTR_TOKENS.has(t) || MEMTYPE.test(t) || /^(TAGGED|NC|nGnRE|nGnRnE)$/.test(t));
}

/** Parses the attribute tokens after the level; a string is the reason they do not parse. */
export function parseAttributes(rest: string): PtdumpAttrs | string {
  const tokens = rest.trim().split(/\s+/).filter((t) => t !== "");
  let i = 0;
  const take = (t: string): boolean => {
    if (tokens[i] === t) {
      i++;
      return true;
    }
    return false;
  };
  const valid = !take("F");
  const user = take("USR");
  let readOnly: boolean;
  if (take("ro")) readOnly = true;
  else if (take("RW")) readOnly = false;
  else return ptdumpMsg.badAttribute(tokens[i] ?? "");
  let pxn: boolean;
  if (take("NX")) pxn = true;
  else if (take("x")) pxn = false;
  else return ptdumpMsg.badAttribute(tokens[i] ?? "");
  const shared = take("SHD");
  const af = take("AF");
  const ng = take("NG");
  const cont = take("CON");
  const block = take("BLK");
  const uxn = take("UXN");
  const gp = take("GP");
  let memType = "";
  if (i < tokens.length && MEMTYPE.test(tokens[i]!)) memType = tokens[i++]!;
  if (i < tokens.length) return ptdumpMsg.badAttribute(tokens[i]!);
  return { valid, user, readOnly, pxn, shared, af, ng, cont, block, uxn, gp, memType };
}

/** The attribute columns as the kernel prints them in `layout`, each preceded by a space. */
export function formatAttributes(a: PtdumpAttrs, layout: AttrLayout): string {
  const fields = [
    a.valid ? " " : "F",
    a.user ? "USR" : "   ",
    a.readOnly ? "ro" : "RW",
    a.pxn ? "NX" : "x ",
    a.shared ? "SHD" : "   ",
    a.af ? "AF" : "  ",
    a.ng ? "NG" : "  ",
    a.cont ? "CON" : "   ",
    a.block ? "BLK" : "   ",
  ];
  if (layout === "current") fields.push(a.uxn ? "UXN" : "   ", a.gp ? "GP" : "  ");
  else if (a.uxn) fields.push("UXN");
  if (a.memType !== "") fields.push(a.memType);
  return fields.map((f) => ` ${f}`).join("");
}

function hex16(v: bigint): string {
  // The end of the address space prints as 0x0000000000000000 (the kernel's unsigned long wraps).
  return `0x${(v & ((1n << 64n) - 1n)).toString(16).padStart(16, "0")}`;
}

/** One entry line exactly as the kernel prints it. */
export function formatEntry(e: Pick<PtdumpEntry, "start" | "end" | "level" | "attrs" | "layout">): string {
  return `${hex16(e.start)}-${hex16(e.end)}   ${ptdumpSize(e.end - e.start)} ${e.level}${e.attrs ? formatAttributes(e.attrs, e.layout) : ""}`;
}

/** Prints parsed items back: markers as `---[ name ]---`, entries in the kernel's format. */
export function printPtdump(items: readonly PtdumpItem[]): string[] {
  return items.map((it) => (it.kind === "marker" ? `---[ ${it.name} ]---` : formatEntry(it)));
}

function layoutOf(tail: string, attrs: PtdumpAttrs): AttrLayout {
  // The layout whose rendering reproduces the printed columns exactly; for a rejoined line,
  // whose spacing is lost at the break, the blanks of the GP column before the memory type.
  if (formatAttributes(attrs, "current") === tail) return "current";
  if (formatAttributes(attrs, "legacy") === tail) return "legacy";
  return attrs.uxn && attrs.memType !== "" && / UXN \S/.test(tail) ? "legacy" : "current";
}

/** Reads every entry and marker line of `text`. */
export function parsePtdump(text: string): ParsedPtdump {
  const raw = text.split("\n");
  const items: PtdumpItem[] = [];
  const skipped: SkippedLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = unquote(raw[i]!);
    const m = MARKER.exec(s);
    if (m) {
      items.push({ kind: "marker", name: m[1]!, line: i + 1, text: s });
      continue;
    }
    if (!RANGE.test(s)) {
      if (/^0x[0-9a-fA-F]/.test(s)) skipped.push({ line: i + 1, text: s, reason: ptdumpMsg.notEntry() });
      continue;
    }
    // Rejoin what a mail client wrapped: the size and level on the next line, or attribute
    // columns carried over onto following lines.
    let joined = s;
    let used = 1;
    if (RANGE.exec(s)![0] === s && i + 1 < raw.length && SIZE_LEVEL.test(unquote(raw[i + 1]!))) {
      joined = `${s}   ${unquote(raw[i + 1]!)}`;
      used = 2;
    }
    while (i + used < raw.length && isContinuation(unquote(raw[i + used]!)) && ENTRY.test(joined)) {
      const next = unquote(raw[i + used]!);
      joined = /-$/.test(joined) ? `${joined}${next}` : `${joined} ${next}`;
      used++;
    }
    const e = ENTRY.exec(joined);
    if (!e) {
      skipped.push({ line: i + 1, text: s, reason: ptdumpMsg.notEntry() });
      continue;
    }
    const start = BigInt(e[1]!);
    // The last line of the address space ends at 0x0000000000000000 (2^64 wrapped).
    const end = BigInt(e[2]!) === 0n ? 1n << 64n : BigInt(e[2]!);
    if (end <= start) {
      skipped.push({ line: i + 1, text: s, reason: ptdumpMsg.badRange() });
      continue;
    }
    let attrs: PtdumpAttrs | undefined;
    if (e[6] !== undefined && e[6].trim() !== "") {
      const a = parseAttributes(e[6]);
      if (typeof a === "string") {
        skipped.push({ line: i + 1, text: s, reason: a });
        continue;
      }
      attrs = a;
    }
    items.push({
      kind: "entry",
      start,
      end,
      level: e[5] as PtdumpLevel,
      size: `${e[3]}${e[4]}`,
      ...(attrs ? { attrs } : {}),
      layout: attrs ? layoutOf(e[6]!, attrs) : "current",
      line: i + 1,
      lines: used,
      text: joined,
    });
    i += used - 1;
  }
  return { items, skipped };
}

/** The size column that the range implies, compared with the printed one. */
export function sizeMatches(e: PtdumpEntry): boolean {
  return ptdumpSize(e.end - e.start).trim() === e.size;
}

interface Candidate {
  readonly granule: GranuleName;
  readonly vaBits: number;
  readonly legacy: boolean;
}

const CANDIDATES: readonly Candidate[] = [
  { granule: "4K", vaBits: 48, legacy: false },
  { granule: "4K", vaBits: 39, legacy: false },
  { granule: "4K", vaBits: 52, legacy: false },
  { granule: "16K", vaBits: 47, legacy: false },
  { granule: "16K", vaBits: 48, legacy: false },
  { granule: "16K", vaBits: 52, legacy: false },
  { granule: "16K", vaBits: 36, legacy: false },
  { granule: "64K", vaBits: 48, legacy: false },
  { granule: "64K", vaBits: 42, legacy: false },
  { granule: "64K", vaBits: 52, legacy: false },
  { granule: "4K", vaBits: 39, legacy: true },
  { granule: "4K", vaBits: 48, legacy: true },
  { granule: "64K", vaBits: 42, legacy: true },
  { granule: "64K", vaBits: 48, legacy: true },
];

const TOP = 1n << 64n;

/** PAGE_OFFSET and the end of the linear region for a reading. */
export function linearBounds(c: Candidate): { start: bigint; end: bigint } {
  if (c.legacy) return { start: TOP - (1n << BigInt(c.vaBits - 1)), end: TOP };
  const start = TOP - (1n << BigInt(c.vaBits));
  // 52-bit: the region runs to _PAGE_END(VA_BITS_MIN) (domain.md §1.4).
  const end = c.vaBits === 52 ? TOP - (1n << 47n) : start + (1n << BigInt(c.vaBits - 1));
  return { start, end };
}

function consistent(g: Geometry, e: PtdumpEntry): boolean {
  const level = g.levels.find((l) => l.name === e.level);
  if (!level) return false;
  return e.start % level.entrySize === 0n && e.end % level.entrySize === 0n;
}

/**
 * A hole at a level below the root that covers a whole table of that level: the kernel frees
 * or never allocates an empty table, so a reading that needs one is unlikely (4K/48 read
 * into a 16K/48 dump's `62G PMD` would need 62 empty PMD tables).
 */
function implausible(g: Geometry, e: PtdumpEntry): boolean {
  if (e.attrs) return false;
  const i = g.levels.findIndex((l) => l.name === e.level);
  if (i <= 0) return false;
  const window = g.levels[i - 1]!.entrySize;
  const firstWhole = ((e.start + window - 1n) / window) * window;
  return firstWhole + window <= e.end;
}

/**
 * The reading (granule, VA size, layout) under which the most lines are consistent; a hint
 * (the scenario's geometry) wins a tie. Undefined when there are no lines.
 */
export function inferGeometry(entries: readonly PtdumpEntry[], hint?: { granule: GranuleName; vaBits: number }): DumpGeometry | undefined {
  const first = entries[0];
  if (!first) return undefined;
  let best: { c: Candidate; score: number; rank: number } | undefined;
  CANDIDATES.forEach((c, order) => {
    const { start, end } = linearBounds(c);
    if (first.start < start || first.start >= end) return;
    const g = geometryFor(c.granule, c.vaBits);
    const score = entries.filter((e) => consistent(g, e)).length - entries.filter((e) => implausible(g, e)).length;
    const hinted = hint && hint.granule === c.granule && hint.vaBits === c.vaBits ? 0 : 1;
    // Prefer: more consistent lines, a first line exactly at PAGE_OFFSET, the hint, the order above.
    const rank = (first.start === start ? 0 : 2) + hinted;
    if (!best || score > best.score || (score === best.score && (rank < best.rank || (rank === best.rank && order < CANDIDATES.indexOf(best.c))))) best = { c, score, rank };
  });
  if (!best) return undefined;
  const c = (best as { c: Candidate }).c;
  return { granule: c.granule, vaBits: c.vaBits, legacy: c.legacy, pageOffset: linearBounds(c).start, geometry: geometryFor(c.granule, c.vaBits) };
}

/**
 * The linear map's lines: those between a `Linear Mapping start` (or, before v5.4, `Linear
 * Mapping`) marker and the next marker; without markers, the lines inside the linear region
 * of the reading that fits them.
 */
export function linearSection(parsed: ParsedPtdump, hint?: { granule: GranuleName; vaBits: number }): LinearSection {
  const notes: string[] = [];
  const items = parsed.items;
  const startAt = items.findIndex((it) => it.kind === "marker" && (it.name === "Linear Mapping start" || it.name === "Linear Mapping"));
  let entries: PtdumpEntry[];
  if (startAt >= 0) {
    entries = [];
    for (let k = startAt + 1; k < items.length; k++) {
      const it = items[k]!;
      if (it.kind === "marker") break;
      entries.push(it);
    }
    const again = items.findIndex((it, k) => k > startAt && it.kind === "marker" && (it.name === "Linear Mapping start" || it.name === "Linear Mapping"));
    if (again >= 0) notes.push(ptdumpMsg.secondLinear(items[again]!.line));
  } else {
    entries = items.filter((it): it is PtdumpEntry => it.kind === "entry");
  }
  const geometry = inferGeometry(entries, hint);
  if (geometry) {
    const { start, end } = linearBounds(geometry);
    const inside = entries.filter((e) => e.start >= start && e.end <= end);
    if (inside.length < entries.length) notes.push(ptdumpMsg.outsideLinear(entries.length - inside.length));
    entries = inside;
    notes.push(ptdumpMsg.inferred(geometry.granule, geometry.vaBits, geometry.legacy, geometry.pageOffset));
    for (const e of entries) if (!sizeMatches(e)) notes.push(ptdumpMsg.sizeMismatch(e.line, e.size, ptdumpSize(e.end - e.start)));
    for (let k = 1; k < entries.length; k++) {
      if (entries[k]!.start > entries[k - 1]!.end) notes.push(ptdumpMsg.gap(entries[k - 1]!.end, entries[k]!.start));
    }
  }
  return { entries, geometry, notes };
}
