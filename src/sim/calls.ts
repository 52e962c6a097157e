// One call of the boot plan, dispatched to the kernel path it stands for (domain.md §4.2,
// §4.5, §7): what the call does to the linear map and what it returns.
import { placementNamed } from "./placements.js";
import type { LinuxKernel } from "./kernel-state.js";
import type { CallEvent, PhysRange } from "./program.js";
import { EEXIST, EBUSY, EINVAL, ENOSYS } from "./policies/policy.js";
import { changeMemoryCommon, isExactRevalidation, setDirectMapNoflush, setMemoryEncDec, setMemoryValid, walkerOptions, type Masks } from "./pageattr.js";
import type { PagesWork } from "./tables/linear-map.js";
import { CONT, PXN, RDONLY, TAGGED, VALID } from "./tables/page-table.js";
import { kmsg, notes } from "./messages.js";
import { hexRange } from "../catalog/index.js";
import { kfenceObjects, kfenceProtectedPages } from "./kfence.js";

function rangeOf(ev: CallEvent): PhysRange | undefined {
  return ev.target.kind === "range" ? ev.target.range : undefined;
}

function overlaps(a: PhysRange, b: PhysRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The masks of set_memory_ro() / set_memory_rw() on the linear alias. */
function aliasMasks(readOnly: boolean): Masks {
  return readOnly ? { set: RDONLY, clear: 0 } : { set: 0, clear: RDONLY };
}

/**
 * The linear alias of each vmalloc backing page, one page at a time (rodata_full only): the
 * kernel's loop, kept as the reference the run-by-run version below is tested against.
 */
export function changeVmallocAliasPerPage(k: LinuxKernel, ev: CallEvent, readOnly: boolean): number {
  if (ev.target.kind !== "vmalloc" || !k.rodataFull) return 0;
  const page = k.geometry.pageSize;
  for (const r of ev.target.pages) {
    for (let p = r.start; p < r.end; p += page) {
      const rc = changeMemoryCommon(k, { start: p, end: p + page }, aliasMasks(readOnly));
      if (rc !== 0) return rc;
    }
  }
  return 0;
}

/** Test hook: run the per-page reference loop instead of the run-by-run one. */
export const aliasLoop = { perPage: false };

/**
 * The same loop worked out per run of pages with the same effect (a 1 TiB area in well under
 * a second): the split gate's outcome depends only on the kernel's state and on whether the
 * page is a KFENCE address, so between KFENCE pool edges every page after the first takes the
 * first page's path. Where it splits, LinearMap.splitProtPages() does every page's split and
 * walk at once; where it does not, the walk over the run up to the first block (the page
 * whose walk fails) is the walk of each page. The first page of a run and a failing page go
 * through the per-page code itself, so WARNs and return codes are its own.
 */
function changeVmallocAlias(k: LinuxKernel, ev: CallEvent, readOnly: boolean): number {
  if (aliasLoop.perPage) return changeVmallocAliasPerPage(k, ev, readOnly);
  if (ev.target.kind !== "vmalloc" || !k.rodataFull) return 0;
  const page = k.geometry.pageSize;
  const m = aliasMasks(readOnly);
  for (const r of ev.target.pages) {
    let p = r.start;
    while (p < r.end) {
      const runEnd = nextKfenceEdge(k, p, r.end);
      const rc = changeMemoryCommon(k, { start: p, end: p + page }, m);
      if (rc !== 0) return rc;
      p += page;
      if (p < runEnd) {
        const rest = aliasRun(k, p, runEnd, m);
        if (rest !== 0) return rest;
      }
      p = runEnd;
    }
  }
  return 0;
}

/** The end of the run of pages from `p` on the same side of every KFENCE pool edge. */
function nextKfenceEdge(k: LinuxKernel, p: bigint, end: bigint): bigint {
  let out = end;
  const early = k.kfenceEarlyInit ? k.program.placements.find((x) => x.name === "kfence_pool")?.range : undefined;
  for (const pool of [early, k.kfenceLatePool]) {
    if (!pool) continue;
    for (const edge of [pool.start, pool.end]) if (edge > p && edge < out) out = edge;
  }
  return out;
}

/** Pages [p, end) after a first page that succeeded: the same gate outcome for each. */
function aliasRun(k: LinuxKernel, p: bigint, end: bigint, m: Masks): number {
  const page = k.geometry.pageSize;
  const pages = Number((end - p) / page);
  const flushes = isExactRevalidation(k, m) ? 0 : 1;
  // The gate has side effects only when it refuses, and the first page got past it.
  const splits = !k.policy.applyToPageRange && k.policy.splitGate(k, p).proceed;
  if (splits) {
    const before = k.map.pagetablePages;
    const allocator = k.splitAllocator();
    const work: PagesWork = { ops: k.account.splits, contGroupsSplit: 0 };
    k.map.splitProtPages(p, end, m.clear, m.set, work, walkerOptions(k, true).contPartial);
    k.account.contGroupsSplit += work.contGroupsSplit;
    k.chargePages(before, allocator);
    k.account.tlbFlushes += pages * flushes;
    return 0;
  }
  // No split: each page's walk fails at the first leaf bigger than a page it meets.
  const opts = walkerOptions(k, true);
  let fail = end;
  for (const s of k.map.leafSegments(p, end, true)) {
    const block = s.level !== k.geometry.levels.length - 1 && s.bits !== 0 && !(opts.invalidLeavesSkipped && (s.bits & VALID) === 0);
    if (block) {
      fail = s.start;
      break;
    }
  }
  if (fail > p) {
    k.map.updateRangeProt(p, fail, m.clear, m.set, opts);
    k.account.tlbFlushes += Number((fail - p) / page) * flushes;
  }
  return fail < end ? changeMemoryCommon(k, { start: fail, end: fail + page }, m) : 0;
}

function isBootMemory(k: LinuxKernel, r: PhysRange): boolean {
  return k.program.machine.banks.some((b) => overlaps(b, r));
}

/** Runs one call; returns its return code. */
export function runCall(k: LinuxKernel, ev: CallEvent, hotplugged: PhysRange[]): number {
  const rc = dispatch(k, ev, hotplugged);
  // Once per call, however many pages or groups: a per-page loop touches the same group often.
  const a = k.account;
  if (a.contPartialFirst) {
    k.log.push(kmsg.contPartial(a.contPartialFirst.level, a.contPartialFirst.start, a.contPartialFirst.end, a.contPartialGroups - 1));
    k.notes.add(notes.contPartial());
  }
  return rc;
}

function dispatch(k: LinuxKernel, ev: CallEvent, hotplugged: PhysRange[]): number {
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
      if (ev.each) return kfenceInitPool(k, ev.each.ranges);
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
      return kfenceInitLate(k);
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

/**
 * kfence_init() → kfence_init_pool(): pages 0 and 1 and every object's right guard page made
 * invalid, one page at a time (PTE-mapped and a KFENCE address, so nothing splits); stops at
 * the first failure, as the kernel does.
 */
function kfenceInitPool(k: LinuxKernel, pages: readonly PhysRange[]): number {
  return k.within("kfence_init_pool", () => {
    for (const p of pages) {
      const rc = k.within("kfence_protect", () => setMemoryValid(k, p, false));
      if (rc !== 0) return rc;
    }
    k.notes.add(notes.kfenceLayout());
    const first = pages[0];
    if (first) {
      const page = k.geometry.pageSize;
      const pool = { start: first.start, end: first.start + (2n * BigInt(pages.length - 2) + 2n) * page };
      k.log.push(kmsg.kfenceProtected(pool.start, pool.end, pages.length));
      k.log.push(kmsg.kfenceInitialized(pool.end - pool.start, kfenceObjects(pool.end - pool.start, page)));
      k.notes.add(notes.kfenceHashed());
    }
    return 0;
  });
}

function kfenceInitLate(k: LinuxKernel): number {
  return k.within("kfence_init_late", () => {
    if (!k.program.kernel.kfence.configured) return EINVAL;
    // Already running (early pool, or an earlier late init): kfence_enable_late() re-enables.
    if (k.kfenceEarlyInit || k.kfenceLatePool) return 0;
    const pool = placementNamed(k.program, "kfence_late_pool");
    if (!pool) return EINVAL;
    k.notes.add(notes.kfenceLateAlign());
    // __kfence_pool is set before kfence_init_pool_late(), so is_kfence_address() holds from here.
    k.kfenceLatePool = pool.range;
    k.within("kfence_init_pool_late", () => {
      k.within("arch_kfence_init_pool", () => {
        // Before a166563e7ec3 late KFENCE forced the whole map to PTEs at boot: nothing to split.
        if (k.policy.settings.map_mem_decision === "can_set_direct_map" || k.forcePteMapping()) return;
        const before = k.map.pagetablePages;
        k.map.rangeSplitToPtes(pool.range.start, pool.range.end);
        k.account.splits.push("range_split_to_ptes");
        k.chargePages(before, "buddy");
      });
    });
    return kfenceInitPool(k, kfenceProtectedPages(pool.range, k.geometry.pageSize));
  });
}

/** arch_add_memory(): blocks unless forced to PTEs, evaluated now. */
function addMemory(k: LinuxKernel, range: PhysRange, hotplugged: PhysRange[]): number {
  if (isBootMemory(k, range) || hotplugged.some((h) => overlaps(h, range))) return EEXIST;
  // arch_add_memory() uses the same test as map_mem(): can_set_direct_map() before a166563e7ec3.
  const forced = k.policy.settings.map_mem_decision === "can_set_direct_map" ? k.canSetDirectMap() : k.forcePteMapping();
  const before = k.map.pagetablePages;
  const bits = k.linearLeafBits();
  k.map.mapRange(range.start, range.end, bits, { noBlock: forced, noCont: forced });
  k.chargePages(before, "buddy");
  hotplugged.push(range);
  return 0;
}

/** SECTION_SIZE_BITS: 27 with 4K and 16K pages, 29 with 64K. */
function sectionSize(k: LinuxKernel): bigint {
  return k.geometry.granule === "64K" ? 1n << 29n : 1n << 27n;
}

/**
 * Memory hot-remove: boot memory never (per section, the first one met); since 95a58852b0e5
 * (v7.1) not when it splits a leaf, as read with the advanced pfn (domain.md §9 q12); the
 * unmap clears every leaf the range touches (domain.md §7.2).
 */
function removeMemory(k: LinuxKernel, range: PhysRange, hotplugged: PhysRange[]): number {
  if (isBootMemory(k, range)) {
    const section = sectionSize(k);
    for (let s = range.start - (range.start % section); s < range.end; s += section) {
      if (isBootMemory(k, { start: s, end: s + section })) {
        k.log.push(kmsg.bootMemoryOffline(s, s + section));
        break;
      }
    }
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
  const report = k.map.unmapRange(range.start, range.end);
  k.chargePages(before, "buddy");
  for (const leaf of report.clearedWhole) {
    const online = [
      ...(leaf.start < range.start ? [hexRange(leaf.start, range.start)] : []),
      ...(range.end < leaf.end ? [hexRange(range.end, leaf.end)] : []),
    ];
    k.log.push(kmsg.hotRemoveClearedWhole(leaf.levelName, leaf.start, leaf.end, online.join(" and ")));
  }
  for (const g of report.contCut) k.log.push(kmsg.hotRemoveContCut(g.levelName, g.start, g.end));
  if (report.clearedWhole.length > 0 || report.contCut.length > 0) k.notes.add(notes.hotRemoveWholeLeaf());
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
