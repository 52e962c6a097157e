// The three arm64 translation granules as the language and the simulator see them
// (domain.md §1): page size, the VA sizes the kernel supports with each, and the sizes one
// linear-map entry can map (PTE, PMD block, PUD block where allowed). Contiguous spans are
// attributes of entries (`cont`), not leaf sizes of their own.

export type GranuleName = "4K" | "16K" | "64K";

export interface GranuleInfo {
  readonly name: GranuleName;
  readonly pageSize: bigint;
  /** VA_BITS values the kernel builds with for this granule. */
  readonly vaBits: readonly number[];
  /** Sizes one leaf entry maps in the linear map, smallest first (PUD blocks only at 4K). */
  readonly leafSizes: readonly bigint[];
  /** Entries in one contiguous group at PTE and at PMD level. */
  readonly contPte: number;
  readonly contPmd: number;
}

const K = 1024n;
const M = K * K;
const G = M * K;

export const GRANULES: readonly GranuleInfo[] = [
  { name: "4K", pageSize: 4n * K, vaBits: [39, 48, 52], leafSizes: [4n * K, 2n * M, 1n * G], contPte: 16, contPmd: 16 },
  { name: "16K", pageSize: 16n * K, vaBits: [36, 47, 48, 52], leafSizes: [16n * K, 32n * M], contPte: 128, contPmd: 32 },
  { name: "64K", pageSize: 64n * K, vaBits: [42, 48, 52], leafSizes: [64n * K, 512n * M], contPte: 32, contPmd: 32 },
];

export function findGranule(pageSize: bigint): GranuleInfo | undefined {
  return GRANULES.find((g) => g.pageSize === pageSize);
}

/** The largest physical address plus one (FEAT_LPA: 52 bits). */
export const PHYS_ADDR_LIMIT = 1n << 52n;

/** arm64 CONFIG_NR_CPUS maximum. */
export const NR_CPUS = 4096;

/** The kernel image is loaded at a 2 MiB aligned base (Documentation/arch/arm64/booting.rst). */
export const IMAGE_ALIGN = 2n * M;
/** Image segments are SEGMENT_ALIGN (64 KiB) aligned. */
export const SEGMENT_ALIGN = 64n * K;
