// One call of the boot plan, dispatched to the kernel path it stands for (domain.md §4.2,
// §4.5, §7): what the call does to the linear map and what it returns.
import { placementNamed } from "./placements.js";
import type { LinuxKernel } from "./kernel-state.js";
import type { CallEvent, PhysRange } from "./program.js";
import { EEXIST, EBUSY, EINVAL, ENOSYS } from "./policies/policy.js";
import { changeMemoryCommon, setDirectMapNoflush, setMemoryEncDec, setMemoryValid } from "./pageattr.js";
import { CONT, PXN, RDONLY, TAGGED, VALID } from "./tables/page-table.js";
import { kmsg, notes } from "./messages.js";

function rangeOf(ev: CallEvent): PhysRange | undefined {
  return ev.target.kind === "range" ? ev.target.range : undefined;
}

function overlaps(a: PhysRange, b: PhysRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The linear alias of each vmalloc backing page, one page at a time (rodata_full only). */
function changeVmallocAlias(k: LinuxKernel, ev: CallEvent, readOnly: boolean): number {
  if (ev.target.kind !== "vmalloc" || !k.rodataFull) return 0;
  const page = k.geometry.pageSize;
  for (const r of ev.target.pages) {
    for (let p = r.start; p < r.end; p += page) {
      const rc = changeMemoryCommon(k, { start: p, end: p + page }, readOnly ? { set: RDONLY, clear: 0 } : { set: 0, clear: RDONLY });
      if (rc !== 0) return rc;
    }
  }
  return 0;
}

function isBootMemory(k: LinuxKernel, r: PhysRange): boolean {
  return k.program.machine.banks.some((b) => overlaps(b, r));
}

/** Runs one call; returns its return code. */
export function runCall(k: LinuxKernel, ev: CallEvent, hotplugged: PhysRange[]): number {
  const range = rangeOf(ev);
  switch (ev.call) {
    case "set_memory_ro":
    case "set_memory_rw":
      return k.within(ev.call, () => changeVmallocAlias(k, ev, ev.call === "set_memory_ro"));
    case "set_memory_rox":
      return k.within("set_memory_rox", () => k.within("set_memory_ro", () => changeVmallocAlias(k, ev, true)));
    case "set_memory_nx":
    case "set_memory_x":
      return 0; // the vmalloc mapping only; the linear alias keeps PXN
    case "set_memory_valid":
      return setMemoryValid(k, range!, ev.argument === 1);
    case "set_direct_map_invalid_noflush":
      return setDirectMapNoflush(k, range!, false);
    case "set_direct_map_default_noflush":
      return setDirectMapNoflush(k, range!, true);
    case "set_direct_map_valid_noflush":
      return k.within("set_direct_map_valid_noflush", () => (k.canSetDirectMap() ? setMemoryValid(k, range!, ev.argument === 1) : 0));
    case "__kernel_map_pages":
      return k.within("__kernel_map_pages", () => (k.debugPagealloc ? setMemoryValid(k, range!, ev.argument === 1) : 0));
    case "set_memory_encrypted":
    case "set_memory_decrypted":
      return setMemoryEncDec(k, range!, ev.call === "set_memory_encrypted");
    case "its_alloc_pages_node":
      return k.within("its_alloc_pages_node", () => setMemoryEncDec(k, range!, false));
    case "swiotlb_update_mem_attributes": {
      const pool = placementNamed(k.program, "swiotlb_pool");
      if (!pool) return 0;
      return k.within("swiotlb_update_mem_attributes", () => setMemoryEncDec(k, pool.range, false));
    }
    case "kfence_init_late":
      return kfenceInitLate(k, ev);
    case "memfd_secret":
      return k.within("secretmem_fault", () => {
        if (!k.canSetDirectMap()) return ENOSYS;
        const page = placementNamed(k.program, `secretmem#${ev.id}`);
        return page ? setDirectMapNoflush(k, page.range, false) : 0;
      });
    case "add_memory":
      return k.within("add_memory", () => addMemory(k, range!, hotplugged));
    case "remove_memory":
      return k.within("remove_memory", () => removeMemory(k, range!, hotplugged));
    default:
      return EINVAL;
  }
}

function kfenceInitLate(k: LinuxKernel, ev: CallEvent): number {
  return k.within("kfence_init_late", () => {
    if (!k.program.kernel.kfence.configured) return EINVAL;
    if (k.kfenceEarlyInit) return 0; // already running: kfence_enable_late() just re-enables
    const pool = placementNamed(k.program, `kfence_late_pool#${ev.id}`);
    if (!pool) return EINVAL;
    k.within("arch_kfence_init_pool", () => {
      if (k.policy.applyToPageRange || k.forcePteMapping()) return;
      const before = k.map.pagetablePages;
      k.map.rangeSplitToPtes(pool.range.start, pool.range.end);
      k.account.splits.push("range_split_to_ptes");
      k.chargePages(before, "buddy");
    });
    k.log.push(kmsg.kfenceInitialized(pool.range.start, pool.range.end));
    return 0;
  });
}

/** arch_add_memory(): blocks unless forced to PTEs, evaluated now. */
function addMemory(k: LinuxKernel, range: PhysRange, hotplugged: PhysRange[]): number {
  if (isBootMemory(k, range) || hotplugged.some((h) => overlaps(h, range))) return EEXIST;
  const forced = k.policy.applyToPageRange ? k.canSetDirectMap() : k.forcePteMapping();
  const before = k.map.pagetablePages;
  const bits = k.linearLeafBits();
  k.map.mapRange(range.start, range.end, bits, { noBlock: forced, noCont: forced });
  k.chargePages(before, "buddy");
  hotplugged.push(range);
  return 0;
}

/** Memory hot-remove: boot memory never; since v7.1 not when it splits a leaf. */
function removeMemory(k: LinuxKernel, range: PhysRange, hotplugged: PhysRange[]): number {
  if (isBootMemory(k, range)) {
    k.log.push(kmsg.bootMemoryOffline(range.start, range.end - 1n));
    return EBUSY;
  }
  const owner = hotplugged.find((h) => h.start <= range.start && range.end <= h.end);
  if (!owner) return EINVAL;
  if (k.policy.settings.hot_remove === "refuse_split") {
    k.notes.add(notes.hotRemoveCheck());
    // As read: can_unmap_without_split() runs with pfn already advanced to the range's end.
    const size = range.end - range.start;
    const checked = { start: range.end, end: range.end + size };
    if (splitsLeaf(k, checked)) {
      k.log.push(kmsg.hotRemoveSplits(checked.start, checked.end));
      return EBUSY;
    }
  }
  const before = k.map.pagetablePages;
  k.map.unmapRange(range.start, range.end);
  k.chargePages(before, "buddy");
  const idx = hotplugged.indexOf(owner);
  hotplugged.splice(idx, 1);
  if (owner.start < range.start) hotplugged.push({ start: owner.start, end: range.start });
  if (range.end < owner.end) hotplugged.push({ start: range.end, end: owner.end });
  return 0;
}

/** Does an edge of `r` fall inside a leaf (or a contiguous group) of the linear map? */
function splitsLeaf(k: LinuxKernel, r: PhysRange): boolean {
  const page = k.geometry.pageSize;
  for (const edge of [r.start, r.end]) {
    const seg = k.map.leafSegments(edge, edge + page)[0];
    if (!seg) continue;
    const lv = k.geometry.levels[seg.level]!;
    const unit = (seg.bits & CONT) !== 0 ? lv.contSize : lv.entrySize;
    if ((edge - k.map.memstart) % unit !== 0n) return true;
  }
  return false;
}
