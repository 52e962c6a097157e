// A deterministic model of where the kernel's allocators put things: memblock hands out
// memory top-down (below an optional limit, like memblock_alloc_low()), the buddy allocator
// bottom-up, first fit. Real allocators depend on history this model does not have; the
// choice is stated in the result's notes.
import type { PhysRange } from "../sim/program.js";

export class PhysAllocator {
  private free: PhysRange[];

  constructor(memory: readonly PhysRange[], reserved: readonly PhysRange[]) {
    this.free = memory.map((r) => ({ ...r }));
    for (const r of reserved) this.reserve(r);
  }

  /** Takes `r` out of the free ranges (fixed placements, the kernel image). */
  reserve(r: PhysRange): void {
    const next: PhysRange[] = [];
    for (const f of this.free) {
      if (r.end <= f.start || r.start >= f.end) next.push(f);
      else {
        if (f.start < r.start) next.push({ start: f.start, end: r.start });
        if (r.end < f.end) next.push({ start: r.end, end: f.end });
      }
    }
    this.free = next.sort((a, b) => (a.start < b.start ? -1 : 1));
  }

  /** memblock: the highest aligned fit below `limit`. */
  topDown(size: bigint, align: bigint, limit?: bigint): PhysRange | undefined {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const f = this.free[i]!;
      const top = limit !== undefined && f.end > limit ? limit : f.end;
      if (top <= f.start) continue;
      const start = (top - size) - ((top - size) % align);
      if (start >= f.start && start + size <= top) {
        const r = { start, end: start + size };
        this.reserve(r);
        return r;
      }
    }
    return undefined;
  }

  /** The buddy allocator: the lowest aligned fit. */
  bottomUp(size: bigint, align: bigint): PhysRange | undefined {
    for (const f of this.free) {
      const start = f.start % align === 0n ? f.start : f.start + (align - (f.start % align));
      if (start + size <= f.end) {
        const r = { start, end: start + size };
        this.reserve(r);
        return r;
      }
    }
    return undefined;
  }
}
