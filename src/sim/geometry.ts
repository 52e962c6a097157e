// Page-table geometry of the arm64 kernel's TTBR1 tables (domain.md §1): which hardware levels
// exist for a granule and VA size, which kernel levels (PGD/P4D/PUD/PMD/PTE) fold into each,
// the size one entry maps, which levels may hold linear-map leaves, and the contiguous-bit
// spans. Plain data plus small lookup functions; every address and size is a bigint.

export type Granule = "4K" | "16K" | "64K";
export type KernelLevel = "PGD" | "P4D" | "PUD" | "PMD" | "PTE";

export const GRANULES: readonly Granule[] = ["4K", "16K", "64K"];

/** VA_BITS the arm64 Kconfig offers per granule. */
export const GRANULE_VA_BITS: Readonly<Record<Granule, readonly number[]>> = {
  "4K": [39, 48, 52],
  "16K": [36, 47, 48, 52],
  "64K": [42, 48, 52],
};

export const PAGE_SHIFT: Readonly<Record<Granule, bigint>> = { "4K": 12n, "16K": 14n, "64K": 16n };

/** ARM64_CONT_PTE_SHIFT / ARM64_CONT_PMD_SHIFT (domain.md §1.3). */
const CONT_PTE_SHIFT: Readonly<Record<Granule, bigint>> = { "4K": 4n, "16K": 7n, "64K": 5n };
const CONT_PMD_SHIFT: Readonly<Record<Granule, bigint>> = { "4K": 4n, "16K": 5n, "64K": 5n };

export type HwLevel = -1 | 0 | 1 | 2 | 3;

export interface LevelGeometry {
  /** Architectural lookup level (-1 only with 4K/52-bit). */
  readonly hwLevel: HwLevel;
  /**
   * The kernel level that really owns this table: the lowest of the levels folded into it.
   * The split machinery and leaf rules key off this (a 4K/39-bit top table is the PUD).
   */
  readonly kernelLevel: KernelLevel;
  /** Every kernel level folded into this hardware level, top first (top table only). */
  readonly folded: readonly KernelLevel[];
  /** ptdump prints folded levels as PGD. */
  readonly ptdumpName: KernelLevel;
  readonly shift: bigint;
  /** Size of the VA range one entry of this level maps. */
  readonly entrySize: bigint;
  /** Entries in a table of this level (the top table may be smaller than a page). */
  readonly entries: number;
  readonly tableSpan: bigint;
  /** Linux places leaves (blocks or pages) here in the linear map (§1.2). */
  readonly blockAllowed: boolean;
  /** Entries in one contiguous group; 0 where Linux never sets the contiguous bit. */
  readonly contEntries: number;
  readonly contSize: bigint;
}

export interface Geometry {
  readonly granule: Granule;
  readonly vaBits: number;
  readonly pageShift: bigint;
  readonly pageSize: bigint;
  /** Entries in a full table page: PAGE_SIZE / 8. */
  readonly ptrsPerTable: number;
  /** CONFIG_PGTABLE_LEVELS. */
  readonly pgtableLevels: number;
  /** Hardware levels present, top table first. */
  readonly levels: readonly LevelGeometry[];
  readonly contPtes: number;
  readonly contPteSize: bigint;
  readonly contPmds: number;
  readonly contPmdSize: bigint;
  /** Kernel *_SIZE constants; a folded level has the size of the level it folds into. */
  readonly sizes: Readonly<Record<KernelLevel, bigint>>;
  /** Whether the level is real (owns its table) or folded into the level above. */
  readonly real: Readonly<Record<KernelLevel, boolean>>;
}

const KERNEL_BY_HW: Readonly<Record<HwLevel, KernelLevel>> = { [-1]: "PGD", 0: "P4D", 1: "PUD", 2: "PMD", 3: "PTE" };
const KERNEL_ORDER: readonly KernelLevel[] = ["PGD", "P4D", "PUD", "PMD", "PTE"];

export function isSupported(granule: Granule, vaBits: number): boolean {
  return GRANULE_VA_BITS[granule].includes(vaBits);
}

/**
 * CONFIG_PGTABLE_LEVELS: enough levels of (PAGE_SHIFT - 3) bits each to resolve vaBits, except
 * that 64K never uses level 0 (52-bit VA is reached with a 1024-entry level-1 table, LPA).
 */
function pgtableLevels(granule: Granule, vaBits: number): number {
  const pageShift = Number(PAGE_SHIFT[granule]);
  const bitsPerLevel = pageShift - 3;
  const levels = Math.ceil((vaBits - pageShift) / bitsPerLevel);
  return granule === "64K" ? Math.min(levels, 3) : levels;
}

const cache = new Map<string, Geometry>();

/** Geometry of a supported granule / VA_BITS pair; asserts on an unsupported pair. */
export function geometryFor(granule: Granule, vaBits: number): Geometry {
  const key = `${granule}/${vaBits}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (!isSupported(granule, vaBits)) throw new Error(`unsupported arm64 configuration ${key}`);

  const pageShift = PAGE_SHIFT[granule];
  const bitsPerLevel = pageShift - 3n;
  const ptrsPerTable = 1 << Number(bitsPerLevel);
  const nLevels = pgtableLevels(granule, vaBits);
  const topHw = (4 - nLevels) as HwLevel;
  const contPtes = 1 << Number(CONT_PTE_SHIFT[granule]);
  const contPmds = 1 << Number(CONT_PMD_SHIFT[granule]);

  const levels: LevelGeometry[] = [];
  for (let hw = topHw; hw <= 3; hw++) {
    const hwLevel = hw as HwLevel;
    const shift = pageShift + bitsPerLevel * BigInt(3 - hw);
    const kernelLevel = KERNEL_BY_HW[hwLevel];
    const top = hw === topHw;
    const folded = top ? KERNEL_ORDER.slice(0, KERNEL_ORDER.indexOf(kernelLevel) + 1) : [kernelLevel];
    const entries = top ? 1 << Math.min(Number(bitsPerLevel), vaBits - Number(shift)) : ptrsPerTable;
    const entrySize = 1n << shift;
    const blockAllowed = kernelLevel === "PTE" || kernelLevel === "PMD" || (kernelLevel === "PUD" && granule === "4K");
    const contEntries = kernelLevel === "PTE" ? contPtes : kernelLevel === "PMD" ? contPmds : 0;
    levels.push({
      hwLevel,
      kernelLevel,
      folded,
      ptdumpName: top ? "PGD" : kernelLevel,
      shift,
      entrySize,
      entries,
      tableSpan: entrySize * BigInt(entries),
      blockAllowed,
      contEntries,
      contSize: entrySize * BigInt(contEntries),
    });
  }

  const sizes = {} as Record<KernelLevel, bigint>;
  const real = {} as Record<KernelLevel, boolean>;
  for (const l of levels) {
    for (const k of l.folded) {
      sizes[k] = l.entrySize;
      real[k] = k === l.kernelLevel;
    }
  }
  const pageSize = 1n << pageShift;
  const geometry: Geometry = {
    granule,
    vaBits,
    pageShift,
    pageSize,
    ptrsPerTable,
    pgtableLevels: nLevels,
    levels,
    contPtes,
    contPteSize: pageSize * BigInt(contPtes),
    contPmds,
    contPmdSize: sizes.PMD * BigInt(contPmds),
    sizes,
    real,
  };
  cache.set(key, geometry);
  return geometry;
}

/** The hardware level that holds a kernel level (folded levels map to the top table). */
export function levelOf(geometry: Geometry, level: KernelLevel): LevelGeometry {
  const found = geometry.levels.find((l) => l.folded.includes(level));
  if (!found) throw new Error(`no ${level} level in ${geometry.granule}/${geometry.vaBits}`);
  return found;
}

/** Leaf sizes the linear map may use, smallest first (PTE, PMD block, PUD block at 4K). */
export function leafSizes(geometry: Geometry): bigint[] {
  return geometry.levels.filter((l) => l.blockAllowed).map((l) => l.entrySize).reverse();
}

/** _PAGE_OFFSET(va): start of the linear map, the bottom of the TTBR1 range. */
export function pageOffset(vaBits: number): bigint {
  return (1n << 64n) - (1n << BigInt(vaBits));
}

/** PAGE_END: end of the linear map, half of the TTBR1 range. */
export function pageEnd(vaBits: number): bigint {
  return (1n << 64n) - (1n << BigInt(vaBits - 1));
}
