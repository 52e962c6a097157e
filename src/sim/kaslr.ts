// KASLR of the linear map (domain.md §2.7): memstart_addr, the physical address the linear
// map starts at, is the lowest RAM rounded down to ARM64_MEMSTART_ALIGN, and with a KASLR seed
// arm64_memblock_init() moves it down by a random multiple of ARM64_MEMSTART_ALIGN when the
// linear region has room beyond the CPU's physical address range. ptdump then shows a hole
// from PAGE_OFFSET to the first bank.
import type { Geometry } from "./geometry/granule-geometry.js";
import type { Program } from "./program.js";
import { kmsg } from "./messages.js";

export interface LinearBase {
  /** memstart_addr (PHYS_OFFSET); may be negative once randomised, as the kernel's s64 is. */
  readonly memstart: bigint;
  /** kaslr_enabled(): a seed was found and `nokaslr` was not given. */
  readonly kaslrEnabled: boolean;
  /** Whether the linear base was moved. */
  readonly randomised: boolean;
  /** What the kernel prints about KASLR. */
  readonly messages: readonly string[];
}

export function linearBase(program: Program, geometry: Geometry): LinearBase {
  const banks = program.machine.banks;
  const lowest = banks.reduce((m, b) => (b.start < m ? b.start : m), banks[0]!.start);
  let memstart = lowest - (lowest % geometry.memstartAlign);
  const k = program.kernel;
  const messages: string[] = [];
  const kaslrEnabled = !k.nokaslr && k.kaslrSeed !== undefined;
  if (k.nokaslr) messages.push(kmsg.kaslrDisabledCmdline());
  else if (k.kaslrSeed === undefined) messages.push(kmsg.kaslrNoSeed());
  else messages.push(kmsg.kaslrEnabled());
  let randomised = false;
  if (kaslrEnabled) {
    // memstart_offset_seed = seed & U16_MAX; range = linear_region_size - BIT(PARange).
    const seed = k.kaslrSeed! & 0xffffn;
    const range = geometry.linearSize - (1n << BigInt(program.machine.paBits));
    const align = geometry.memstartAlign;
    if (seed > 0n && range >= align) {
      const steps = ((range / align) * seed) >> 16n;
      memstart -= align * steps;
      randomised = steps > 0n;
    }
  }
  return { memstart, kaslrEnabled, randomised, messages };
}
