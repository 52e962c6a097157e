// What a scenario gets when it leaves a part out: the machine, CPUs, kernel image layout and
// swiotlb size. The checker validates against these, the compiler applies them, and the
// grammar README documents them, so they are stated once.

const K = 1024n;
const M = K * K;
const G = M * K;

export const DEFAULT_GRANULE = "4K";
export const DEFAULT_VA_BITS = 48;
/** ID_AA64MMFR0_EL1.PARange values (bits); 48 when a scenario does not say (most servers, QEMU `max`). */
export const PA_RANGES: readonly number[] = [32, 36, 40, 42, 44, 48, 52];
export const DEFAULT_PA_BITS = 48;
/** One 4 GiB bank at 2 GiB, as on many arm64 boards and QEMU `virt` with `-m 4G` (base 1 GiB there). */
export const DEFAULT_MEMORY: readonly { base: bigint; size: bigint }[] = [{ base: 0x8000_0000n, size: 4n * G }];
/** Kernel image: `[_text, __init_begin)` text+rodata, the init segment, then data+bss. */
export const DEFAULT_IMAGE = { text: 24n * M, init: 4n * M, data: 8n * M } as const;
/** Where the image goes when `image at` is not given: 2 MiB above the start of the first bank. */
export const DEFAULT_IMAGE_OFFSET = 2n * M;
/** Four CPUs of a BBML2_NOABORT allow-listed model. */
export const DEFAULT_CPUS = { count: 4, midr: "neoverse-v3" } as const;
/** The default swiotlb pool (IO_TLB_DEFAULT_SIZE). */
export const DEFAULT_SWIOTLB_SIZE = 64n * M;

/**
 * The names under which the simulated kernel places its own boot allocations (src/lang/check/
 * layout.ts), with what each is. A buffer may not take one: the layout keys placements by name.
 */
export const KERNEL_PLACEMENTS: Readonly<Record<string, string>> = {
  kfence_pool: "the early KFENCE pool",
  kfence_late_pool: "the late KFENCE pool of kfence_init_late()",
  swiotlb_pool: "the swiotlb bounce-buffer pool",
  debug_pagealloc_page: "the page debug_pagealloc frees at memblock_free_all",
  secretmem: "memfd_secret()'s page",
};
