// Page-table geometry of the arm64 kernel's TTBR1 tables for one granule and VA size
// (domain.md §1): the levels that exist, what one entry of each maps, which levels may hold
// leaves in the linear map, and the contiguous spans. Everything the page-table model needs
// to know about the hardware is here.
import type { GranuleName } from "../../catalog/index.js";

export type LevelName = "PGD" | "P4D" | "PUD" | "PMD" | "PTE";

export interface LevelGeometry {
  /** The kernel's name for the level (folded levels take the name of the one above). */
  readonly name: LevelName;
  /** log2 of the bytes one entry maps. */
  readonly shift: bigint;
  readonly entrySize: bigint;
  /** Entries in one table of this level. */
  readonly entries: number;
  /** May a leaf (block or page) sit at this level in the linear map? */
  readonly leaf: boolean;
  /** Entries per contiguous group, or 0 when the level has no contiguous bit. */
  readonly contEntries: number;
  /** Bytes one contiguous group maps (0 when none). */
  readonly contSize: bigint;
}

export interface Geometry {
  readonly granule: GranuleName;
  readonly vaBits: number;
  readonly pageShift: bigint;
  readonly pageSize: bigint;
  /** Levels from the root (index 0) down to the PTE level. */
  readonly levels: readonly LevelGeometry[];
  /** PAGE_OFFSET = -(1 << vaBits): where the linear map starts. */
  readonly pageOffset: bigint;
  /**
   * From PAGE_OFFSET to PAGE_END = _PAGE_END(VA_BITS_MIN): the lower half of the TTBR1 space
   * up to 48-bit VA; at 52-bit VA it still ends at 0xffff800000000000 (VA_BITS_MIN is 48).
   */
  readonly linearSize: bigint;
  /**
   * FEAT_LPA2 in use (4K and 16K at 52-bit VA): shareability comes from TCR_EL1, descriptor
   * bits [9:8] hold output-address bits, so no entry carries SH and ptdump prints no SHD.
   */
  readonly lpa2: boolean;
  /** ARM64_MEMSTART_ALIGN: memstart_addr is the lowest RAM rounded down to this. */
  readonly memstartAlign: bigint;
}

const PAGE_SHIFT: Readonly<Record<GranuleName, bigint>> = { "4K": 12n, "16K": 14n, "64K": 16n };
const CONT_PTE_SHIFT: Readonly<Record<GranuleName, bigint>> = { "4K": 4n, "16K": 7n, "64K": 5n };
const CONT_PMD_SHIFT: Readonly<Record<GranuleName, bigint>> = { "4K": 4n, "16K": 5n, "64K": 5n };

export function geometryFor(granule: GranuleName, vaBits: number): Geometry {
  const pageShift = PAGE_SHIFT[granule];
  const bitsPerLevel = pageShift - 3n;
  // Levels needed to translate vaBits: each resolves (pageShift - 3) bits above the page offset.
  const levelCount = Number((BigInt(vaBits) - pageShift + bitsPerLevel - 1n) / bitsPerLevel);
  const names: LevelName[] = levelCount === 5 ? ["PGD", "P4D", "PUD", "PMD", "PTE"] : levelCount === 4 ? ["PGD", "PUD", "PMD", "PTE"] : levelCount === 3 ? ["PGD", "PMD", "PTE"] : ["PGD", "PTE"];
  const levels: LevelGeometry[] = [];
  for (let i = 0; i < levelCount; i++) {
    const fromBottom = BigInt(levelCount - 1 - i);
    const shift = pageShift + fromBottom * bitsPerLevel;
    const isPte = fromBottom === 0n;
    const isPmd = fromBottom === 1n;
    // PUD blocks only with 4K pages (pud_sect_supported()); never above the PUD.
    const isPud = fromBottom === 2n;
    const leaf = isPte || isPmd || (isPud && granule === "4K");
    const contShift = isPte ? CONT_PTE_SHIFT[granule] : isPmd ? CONT_PMD_SHIFT[granule] : 0n;
    const topBits = BigInt(vaBits) - shift;
    const entries = i === 0 ? Number(1n << topBits) : Number(1n << bitsPerLevel);
    levels.push({
      // A 3-level 4K/39-bit or 16K/47-bit table starts at the PUD/PMD's hardware level but the
      // kernel calls the top table the PGD; the leaf levels keep their own names.
      name: isPte ? "PTE" : isPmd ? "PMD" : isPud && i > 0 ? "PUD" : names[i]!,
      shift,
      entrySize: 1n << shift,
      entries,
      leaf,
      contEntries: contShift === 0n ? 0 : Number(1n << contShift),
      contSize: contShift === 0n ? 0n : 1n << (shift + contShift),
    });
  }
  return {
    granule,
    vaBits,
    pageShift,
    pageSize: 1n << pageShift,
    levels,
    pageOffset: (1n << 64n) - (1n << BigInt(vaBits)),
    linearSize: (1n << BigInt(vaBits)) - (1n << BigInt(Math.min(vaBits, 48) - 1)),
    lpa2: vaBits === 52 && granule !== "64K",
    memstartAlign: granule === "64K" ? 512n << 20n : 1n << 30n,
  };
}

/** The index of the PTE level. */
export function pteLevel(g: Geometry): number {
  return g.levels.length - 1;
}
