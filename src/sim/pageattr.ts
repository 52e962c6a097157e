// The permission and attribute change paths of arch/arm64/mm/pageattr.c (domain.md §4):
// split_kernel_leaf_mapping() in front of update_range_prot()'s walk, __change_memory_common()
// and its TLB flush rule, and the public entry points: set_memory_valid(), the
// set_direct_map_*() family, the linear alias of vmalloc permission changes, and the realm
// encrypt/decrypt three-pass path.
import type { LinuxKernel } from "./kernel-state.js";
import { EINVAL, type SplitGate } from "./policies/policy.js";
import { NG, NS_SHARED, RDONLY, VALID, type LeafBits } from "./tables/page-table.js";
import type { ProtOptions, SplitWork } from "./tables/linear-map.js";
import type { PhysRange } from "./program.js";
import { kmsg } from "./messages.js";

export interface Masks {
  readonly set: LeafBits;
  readonly clear: LeafBits;
}

/** valid → present-invalid; before 15bfba1ad77f just clear PTE_VALID. */
export function invalidMasks(k: LinuxKernel, extraSet = 0, extraClear = 0): Masks {
  return k.policy.invalidLargeLeavesFixed ? { set: NG | extraSet, clear: VALID | extraClear } : { set: extraSet, clear: VALID | extraClear };
}

/** present-invalid → valid (PTE_PRESENT_VALID_KERNEL vs PTE_PRESENT_INVALID). */
export function validMasks(k: LinuxKernel): Masks {
  // PTE_PRESENT_VALID_KERNEL = PTE_VALID | PTE_MAYBE_NG: the NG bit comes back with KPTI.
  const maybeNg = k.useNgMappings ? NG : 0;
  return k.policy.invalidLargeLeavesFixed ? { set: VALID | maybeNg, clear: NG } : { set: VALID, clear: 0 };
}

export function isExactRevalidation(k: LinuxKernel, m: Masks): boolean {
  const v = validMasks(k);
  return m.set === v.set && m.clear === v.clear;
}

/** Lowest set bit index, as __ffs(). */
function ffs(v: bigint): bigint {
  if (v === 0n) return 64n;
  // 32 bits at a time, then within them: a page-aligned address took a BigInt shift (an
  // allocation) per zero bit, twice per call.
  let n = 0n;
  while ((v & 0xffff_ffffn) === 0n) {
    v >>= 32n;
    n += 32n;
  }
  const low = Number(v & 0xffff_ffffn);
  return n + BigInt(31 - Math.clz32(low & -low));
}

/** split_kernel_leaf_mapping(start, end) (domain.md §3.3), with the policy's checks. */
export function splitKernelLeafMapping(k: LinuxKernel, start: bigint, end: bigint): number {
  return k.within("split_kernel_leaf_mapping", () => {
    const gate: SplitGate = k.policy.splitGate(k, start);
    if (!gate.proceed) return gate.rc;
    const page = k.geometry.pageSize;
    if (start % page !== 0n || end % page !== 0n) return EINVAL;
    const before = k.map.pagetablePages;
    const allocator = k.splitAllocator();
    const work: SplitWork = { ops: [], contGroupsSplit: 0 };
    if (end - start === page) {
      k.map.splitKernelLeafMappingLocked(ffs(start) < ffs(end) ? start : end, work);
    } else {
      k.map.splitKernelLeafMappingLocked(start, work);
      k.map.splitKernelLeafMappingLocked(end, work);
    }
    for (const op of work.ops) k.account.splits.push(op);
    k.account.contGroupsSplit += work.contGroupsSplit;
    k.chargePages(before, allocator);
    return 0;
  });
}

/** Records a contiguous group the walker changed in part, once per group and call. */
function noteContPartial(k: LinuxKernel, level: string, start: bigint, end: bigint): void {
  const a = k.account;
  if (a.contPartialLast === start) return;
  a.contPartialLast = start;
  a.contPartialGroups++;
  a.contPartialFirst ??= { level, start, end };
}

/** The walker's options for this kernel: apply_to_page_range() in (a), pageattr_ops after. */
export function walkerOptions(k: LinuxKernel, perPage = false): ProtOptions {
  const contPartial = (level: string, start: bigint, end: bigint) => noteContPartial(k, level, start, end);
  if (k.policy.applyToPageRange) return { invalidLeavesSkipped: false, anyBlockFails: true, contPartial, perPage };
  return { invalidLeavesSkipped: !k.policy.invalidLargeLeavesFixed, anyBlockFails: false, contPartial, perPage };
}

/** update_range_prot(start, size, set, clear), or policy (a)'s apply_to_page_range(). */
export function updateRangeProt(k: LinuxKernel, range: PhysRange, m: Masks): number {
  return k.within(k.policy.applyToPageRange ? "apply_to_page_range" : "update_range_prot", () => {
    if (k.policy.applyToPageRange) {
      const partial = k.map.updateRangeProt(range.start, range.end, m.clear, m.set, walkerOptions(k));
      if (partial) {
        k.warnOnce(`apply_to_${partial.levelName}_range`, "mm/memory.c", `apply_to_${partial.levelName.toLowerCase()}_range`);
        return EINVAL;
      }
      return 0;
    }
    const rc = splitKernelLeafMapping(k, range.start, range.end);
    if (rc !== 0) {
      k.warnOnce("update_range_prot", "arch/arm64/mm/pageattr.c", "update_range_prot");
      return rc;
    }
    const partial = k.map.updateRangeProt(range.start, range.end, m.clear, m.set, walkerOptions(k));
    if (partial) {
      const fn = `pageattr_${partial.levelName.toLowerCase()}_entry`;
      k.warnOnce(fn, "arch/arm64/mm/pageattr.c", fn);
      return EINVAL;
    }
    return 0;
  });
}

/** __change_memory_common(): the walk, then a TLB flush unless it is exactly invalid → valid. */
export function changeMemoryCommon(k: LinuxKernel, range: PhysRange, m: Masks): number {
  return k.within("__change_memory_common", () => {
    const rc = updateRangeProt(k, range, m);
    if (!isExactRevalidation(k, m)) k.account.tlbFlushes++;
    return rc;
  });
}

/** set_memory_valid(addr, numpages, enable). */
export function setMemoryValid(k: LinuxKernel, range: PhysRange, enable: boolean): number {
  return k.within("set_memory_valid", () => changeMemoryCommon(k, range, enable ? validMasks(k) : invalidMasks(k)));
}

/** set_direct_map_invalid_noflush() / set_direct_map_default_noflush(): no flush, gated. */
export function setDirectMapNoflush(k: LinuxKernel, range: PhysRange, valid: boolean): number {
  const fn = valid ? "set_direct_map_default_noflush" : "set_direct_map_invalid_noflush";
  return k.within(fn, () => {
    if (!k.canSetDirectMap()) return 0;
    const v = validMasks(k);
    const m = valid ? { set: v.set, clear: v.clear | RDONLY } : invalidMasks(k);
    return updateRangeProt(k, range, m);
  });
}

/** Pages of a range, for messages. */
export function pagesOf(k: LinuxKernel, range: PhysRange): bigint {
  return (range.end - range.start) / k.geometry.pageSize;
}

/**
 * __set_memory_enc_dec() and the realm wrappers (domain.md §4.3): present-invalid with the
 * new PROT_NS_SHARED, RSI, valid again; a failure leaks the pages with a WARN.
 */
export function setMemoryEncDec(k: LinuxKernel, range: PhysRange, encrypt: boolean): number {
  const wrapper = encrypt ? "realm_set_memory_encrypted" : "realm_set_memory_decrypted";
  return k.within(encrypt ? "set_memory_encrypted" : "set_memory_decrypted", () => {
    if (!k.realmVisible) return 0;
    const rc = k.within(wrapper, () =>
      k.within("__set_memory_enc_dec", () => {
        const first = encrypt ? invalidMasks(k, 0, NS_SHARED) : invalidMasks(k, NS_SHARED, 0);
        const r1 = changeMemoryCommon(k, range, first);
        if (r1 !== 0) return r1;
        // rsi_set_memory_range_shared()/_protected() succeed in this model.
        return changeMemoryCommon(k, range, validMasks(k));
      }),
    );
    if (rc !== 0) {
      const pages = pagesOf(k, range);
      k.within(wrapper, () => k.warn("arch/arm64/mm/pageattr.c", wrapper, encrypt ? kmsg.failedEncrypt(pages) : kmsg.failedDecrypt(pages)));
    }
    return rc;
  });
}
