// The KFENCE pool's layout (mm/kfence/core.c, domain.md §4.5): KFENCE_POOL_SIZE =
// (CONFIG_KFENCE_NUM_OBJECTS + 1) * 2 pages; kfence_init_pool() protects pages 0 and 1 and the
// right guard page 2i + 3 of each object i (object pages 2i + 2 stay valid), one
// set_memory_valid(addr, 1, 0) per page, in address order.
import type { PhysRange } from "./program.js";

/** CONFIG_KFENCE_NUM_OBJECTS, from the pool's size. */
export function kfenceObjects(poolSize: bigint, pageSize: bigint): number {
  return Number(poolSize / (2n * pageSize)) - 1;
}

/** The pages kfence_init_pool() makes invalid, in the order it does so. */
export function kfenceProtectedPages(pool: PhysRange, pageSize: bigint): PhysRange[] {
  const page = (i: bigint): PhysRange => ({ start: pool.start + i * pageSize, end: pool.start + (i + 1n) * pageSize });
  const objects = BigInt(kfenceObjects(pool.end - pool.start, pageSize));
  const out = [page(0n), page(1n)];
  for (let i = 0n; i < objects; i++) out.push(page(2n * i + 3n));
  return out;
}

/**
 * The late pool's alignment: alloc_contig_pages() tries ALIGN(zone_start_pfn, nr_pages) and
 * steps by nr_pages, so a power-of-two pool is aligned to its size; otherwise only the
 * largest power of two dividing nr_pages is guaranteed (domain.md §9 q17).
 */
export function kfenceLatePoolAlign(poolSize: bigint): bigint {
  return poolSize & -poolSize;
}
