// The linear map in the exact format of /sys/kernel/debug/kernel_page_tables (arm64
// ptdump.c, domain.md §8.1): merged runs of entries with the same level and printed
// attributes, sizes in the largest whole unit, attribute columns in the kernel's order, and
// the markers around the linear mapping. Holes are printed as lines with no attributes.
import { LinearMap, CONT, NG, PXN, RDONLY, TAGGED, VALID, WALKER_ONLY, type Geometry, type MapSnapshot } from "../sim/index.js";
import type { PhysRange } from "../sim/program.js";

function hex16(v: bigint): string {
  return `0x${v.toString(16).padStart(16, "0")}`;
}

/** `%9lu%c`: the size in KiB, divided by 1024 while it stays whole. */
export function ptdumpSize(bytes: bigint): string {
  const units = "KMGTPE";
  let delta = bytes >> 10n;
  let u = 0;
  while (delta !== 0n && (delta & 1023n) === 0n && u < units.length - 1) {
    delta >>= 10n;
    u++;
  }
  return `${delta.toString().padStart(9)}${units[u]}`;
}

/**
 * The attribute columns of one entry, each preceded by a space; "" for a hole. `shareable`
 * is false under LPA2, where no descriptor carries SH (domain.md §1.4).
 */
export function ptdumpAttributes(bits: number, isBlockLevel: boolean, shareable = true): string {
  if (bits === 0) return "";
  if ((bits & WALKER_ONLY) !== 0) return walkerOnlyAttributes(bits);
  const valid = (bits & VALID) !== 0;
  const fields = [
    valid ? " " : "F",
    "   ", // USR
    (bits & RDONLY) !== 0 ? "ro" : "RW",
    (bits & PXN) !== 0 ? "NX" : "x ",
    shareable ? "SHD" : "   ",
    "AF",
    (bits & NG) !== 0 ? "NG" : "  ",
    (bits & CONT) !== 0 ? "CON" : "   ",
    isBlockLevel && valid ? "BLK" : "   ",
    "UXN",
    "  ", // GP
    (bits & TAGGED) !== 0 ? "MEM/NORMAL-TAGGED" : "MEM/NORMAL",
  ];
  return fields.map((f) => ` ${f}`).join("");
}

/**
 * An empty PTE slot the permission walker wrote: ptdump decodes the bits actually there, so
 * no SHD, AF or UXN, and AttrIndx 0 reads as MT_NORMAL. PROT_NS_SHARED is outside ptdump's
 * mask: a slot holding nothing else prints as a hole.
 */
function walkerOnlyAttributes(bits: number): string {
  if ((bits & (VALID | RDONLY | PXN | NG | CONT)) === 0) return "";
  const fields = [
    (bits & VALID) !== 0 ? " " : "F",
    "   ",
    (bits & RDONLY) !== 0 ? "ro" : "RW",
    (bits & PXN) !== 0 ? "NX" : "x ",
    "   ",
    "  ",
    (bits & NG) !== 0 ? "NG" : "  ",
    (bits & CONT) !== 0 ? "CON" : "   ",
    "   ",
    "   ",
    "  ",
    "MEM/NORMAL",
  ];
  return fields.map((f) => ` ${f}`).join("");
}

/** One printed line of ptdump: a run of merged entries (or a hole) and what it prints. */
export interface PtdumpLine {
  /** Physical range (the language's addresses). */
  readonly start: bigint;
  readonly end: bigint;
  /** Virtual range, as printed. */
  readonly vaStart: bigint;
  readonly vaEnd: bigint;
  readonly level: string;
  /** The attribute columns as printed ("" for a hole). */
  readonly attrs: string;
  /** The leaf bits of the line's first entry (0 for a hole). */
  readonly bits: number;
}

export interface PtdumpOptions {
  /** Before 15bfba1ad77f an invalid block is not reported: it reads as the line before it. */
  readonly hideInvalidBlocks: boolean;
  /** Only the part of the map over this physical range (clipped). */
  readonly range?: PhysRange;
}

/** The lines ptdump prints for the linear mapping, between its markers. */
export function ptdumpLines(snapshot: MapSnapshot, geometry: Geometry, opts: PtdumpOptions): PtdumpLine[] {
  const map = new LinearMap(geometry, snapshot.memstart);
  map.root = snapshot.root;
  const lstart = snapshot.memstart;
  const lend = snapshot.memstart + geometry.linearSize;
  const from = opts.range ? (opts.range.start > lstart ? opts.range.start : lstart) : lstart;
  const to = opts.range ? (opts.range.end < lend ? opts.range.end : lend) : lend;
  const va = (pa: bigint) => geometry.pageOffset + (pa - snapshot.memstart);
  const pteLevel = geometry.levels.length - 1;
  const lines: { start: bigint; end: bigint; level: string; attrs: string; bits: number }[] = [];
  for (const s of map.leafSegments(from, to, true)) {
    const isBlock = s.level !== pteLevel;
    const hidden = opts.hideInvalidBlocks && isBlock && s.bits !== 0 && (s.bits & VALID) === 0;
    const last = lines[lines.length - 1];
    if (hidden && last && last.end === s.start) {
      last.end = s.end;
      continue;
    }
    const line = { start: s.start, end: s.end, level: geometry.levels[s.level]!.name, attrs: ptdumpAttributes(s.bits, isBlock, !geometry.lpa2), bits: s.bits };
    if (last && last.end === line.start && last.level === line.level && last.attrs === line.attrs) last.end = line.end;
    else lines.push(line);
  }
  return lines.map((l) => ({ ...l, vaStart: va(l.start), vaEnd: va(l.end) }));
}

/** One line as the kernel prints it. */
export function ptdumpLineText(l: PtdumpLine): string {
  return `${hex16(l.vaStart)}-${hex16(l.vaEnd)}   ${ptdumpSize(l.end - l.start)} ${l.level}${l.attrs}`;
}

/** The ptdump lines of the linear mapping, markers included. */
export function renderPtdump(snapshot: MapSnapshot, geometry: Geometry, opts: PtdumpOptions): string[] {
  return ["---[ Linear Mapping start ]---", ...ptdumpLines(snapshot, geometry, opts).map(ptdumpLineText), "---[ Linear Mapping end ]---"];
}
