// The kernel's own messages that the simulated log prints, worded as the kernel prints
// them (domain.md §8.3), and linmap's notes about modelling choices. One catalogue, so a
// user can grep a real dmesg for the same text.
import { hexRange } from "../catalog/index.js";

/** `0x%016lx` as the kernel prints addresses. */
export function kaddr(v: bigint): string {
  return `0x${v.toString(16).padStart(16, "0")}`;
}

/** `%lx`: lowercase hex, no `0x`, no padding. */
export function lx(v: bigint): string {
  return v.toString(16);
}

/**
 * `%pS` of a function whose offset and size the model cannot know: the `+0x?/0x?` is a
 * marker, not a number (said once in the notes, notes.warnUnknowns).
 */
export function pS(fn: string): string {
  return `${fn}+0x?/0x?`;
}

/** The task a log line is printed from: `current->comm` and `current->pid` ("?" when unknown). */
export interface TaskIdentity {
  readonly comm: string;
  readonly pid: string;
}

export const kmsg = {
  bootingLinux: (midr: number) => `Booting Linux on physical CPU 0x0000000000 [0x${midr.toString(16).padStart(8, "0")}]`,
  linmapKernel: (version: string, policy: string) => `linmap: simulating ${version} (policy ${policy})`,
  rodataInvalid: (value: string) => `Invalid option string for rodata: '${value}'`,
  kfenceMapPool: (start: bigint, end: bigint) => `linmap: kfence: early pool mapped with PTEs at ${hexRange(start, end)}`,
  mapMem: (mode: string) => `linmap: map_mem: linear map ${mode}`,
  rsiInit: () => "RME: Using RSI version 1.0",
  swiotlbMapped: (start: bigint, end: bigint, mb: bigint) => `software IO TLB: mapped [mem ${kaddr(start)}-${kaddr(end - 1n)}] (${mb}MB)`,
  memInit: () => "linmap: mem_init: page_alloc_available = true",
  bootedSecondary: (cpu: number, midr: number) => `CPU${cpu}: Booted secondary processor 0x${cpu.toString(16).padStart(10, "0")} [0x${midr.toString(16).padStart(8, "0")}]`,
  smpTotal: (n: number) => `SMP: Total of ${n} processors activated.`,
  capDetected: () => "CPU features: detected: BBM Level 2 without conflict abort",
  lateCpuConflict: (cpu: number, capability: number) =>
    `CPU features: CPU${cpu}: Detected conflict for capability ${capability} (BBM Level 2 without conflict abort), System: 1, CPU: 0`,
  lateCpuDie: (cpu: number) => `CPU${cpu}: will not boot`,
  
  repaint: () => "linmap: linear_map_maybe_split_to_ptes: stop_machine(linear_map_split_to_ptes): splitting the linear map to PTEs",
  repaintDone: (pages: bigint) => `linmap: linear_map_split_to_ptes: done, ${pages} page-table pages (GFP_ATOMIC)`,
  textAliasRo: (start: string) => `linmap: mark_linear_text_alias_ro: linear alias of [${start}, __init_begin) now read-only`,
  textAliasRoRefused: (start: bigint, end: bigint) =>
    `linmap: mark_linear_text_alias_ro: pmd_set_huge() refused over the PTE table the repaint left at ${hexRange(start, end)}: that part of the kernel alias stays writable (v6.18-v7.1)`,
  dataBssRo: () => "linmap: mark_rodata_ro: linear alias of [__init_end, __bss_stop) now read-only (v7.2)",
  kaslrDisabledCmdline: () => "KASLR disabled on command line",
  kaslrNoSeed: () => "KASLR disabled due to lack of seed",
  kaslrEnabled: () => "KASLR enabled",
  kptiForced: (on: boolean, by: string) => `kernel page table isolation forced ${on ? "ON" : "OFF"} by ${by}`,
  kptiDetected: () => "CPU features: detected: Kernel page table isolation (KPTI)",
  kptiInstallNg: () => "linmap: kpti_install_ng_mappings: stop_machine(idmap_kpti_install_ng_mappings): every valid linear-map entry made non-global",
  linearBase: (memstart: bigint) => `linmap: arm64_memblock_init: memstart_addr = ${memstart < 0n ? "-" : ""}0x${(memstart < 0n ? -memstart : memstart).toString(16)} (linear map randomised by KASLR)`,
  rodataRo: () => "Write protecting the kernel read-only data",
  freeInitmem: (kb: bigint) => `Freeing unused kernel memory: ${kb}K`,
  runInit: () => "Run /sbin/init as init process",
  failedDecrypt: (pages: bigint) => `Failed to decrypt memory, ${pages} pages will be leaked`,
  failedEncrypt: (pages: bigint) => `Failed to encrypt memory, ${pages} pages will be leaked`,
  /** Per memory section, `%lx` (section start and end). */
  bootMemoryOffline: (start: bigint, end: bigint) => `Boot memory [${lx(start)} ${lx(end)}] offlining attempted`,
  /** 95a58852b0e5: physical start and exclusive end, `%lx`. */
  hotRemoveSplits: (start: bigint, end: bigint) => `[${lx(start)} ${lx(end)}] splits a leaf entry in linear map`,
  hotRemoveClearedWhole: (level: string, start: bigint, end: bigint, online: string) =>
    `linmap: unmap_hotplug_range: ${level} leaf ${hexRange(start, end)} is only partly inside the removed range and is cleared whole: ${online} stays online but is no longer mapped`,
  hotRemoveContCut: (level: string, start: bigint, end: bigint) =>
    `linmap: unmap_hotplug_range: the contiguous ${level} group ${hexRange(start, end)} is cut by the removed range: the entries left keep CONT (a misprogrammed group)`,
  contPartial: (level: string, start: bigint, end: bigint, more: number) =>
    `linmap: update_range_prot: changed part of the contiguous ${level} group ${hexRange(start, end)}, CONT kept${more > 0 ? ` (and ${more} more group${more === 1 ? "" : "s"})` : ""}`,
  /** `0x%p`: hashed pointers, not knowable; the linmap: line before it has the range. */
  kfenceInitialized: (bytes: bigint, objects: number) => `kfence: initialized - using ${bytes} bytes for ${objects} objects at 0x?-0x?`,
  kfenceProtected: (start: bigint, end: bigint, pages: number) =>
    `linmap: kfence_init_pool: ${pages} pages of the pool ${hexRange(start, end)} made invalid (pages 0 and 1, each object's right guard page)`,
  /** ≤ v6.18 `__warn()` header: `WARNING: CPU: %d PID: %d at %s:%d %pS`. */
  warningOld: (cpu: number, task: TaskIdentity, file: string, fn: string) => `WARNING: CPU: ${cpu} PID: ${task.pid} at ${file}:? ${pS(fn)}`,
  /** v6.19+ (28ea295f941e): `WARNING: %s:%d at %pS, CPU#%d: %s/%d`. */
  warningNew: (cpu: number, task: TaskIdentity, file: string, fn: string) => `WARNING: ${file}:? at ${pS(fn)}, CPU#${cpu}: ${task.comm}/${task.pid}`,
  cutHere: () => "------------[ cut here ]------------",
  modulesLinkedIn: (known: boolean) => `Modules linked in:${known ? "" : " ?"}`,
  /**
   * dump_stack_print_info(): `CPU: %d UID: %u PID: %d Comm: %.20s %s%s %s %.*s %s`. The taint
   * string has one column per taint flag (20 from v6.15, TAINT_FWCTL; 19 before); the build
   * number and the preempt model (printed from v6.15) are not known and print as `?`.
   */
  dumpStackBanner: (cpu: number, task: TaskIdentity, tainted: boolean, release: string, withFwctlAndPreempt: boolean) => {
    const flags = withFwctlAndPreempt ? 20 : 19;
    const taint = tainted ? `Tainted: G        W${" ".repeat(flags - 10)}` : "Not tainted";
    return `CPU: ${cpu} UID: 0 PID: ${task.pid} Comm: ${task.comm} ${taint} ${release} #?${withFwctlAndPreempt ? " ?" : ""}`;
  },
  taintedWarn: () => "Tainted: [W]=WARN",
  endTrace: () => "---[ end trace 0000000000000000 ]---",
  callTrace: () => "Call trace:",
} as const;

export const notes = {
  aliasWritable: (start: bigint, end: bigint) =>
    `The first 2 MiB of the kernel alias, ${hexRange(start, end)}, stays writable: the repaint split it into PTEs (it skips only [_stext, __init_begin) while v6.18+ maps the alias from _text) and mark_linear_text_alias_ro()'s pmd_set_huge() is silently refused over that table. Derived from the v6.18-v7.1 code (domain.md §3.4, open question 15), not reported in the sources; v7.2 descends into the table and fixes it.`,
  kernelAliasModel: (start: string) =>
    `The kernel alias [${start}, __init_begin) is mapped after the banks (a NOMAP hole while they are mapped) with PAGE_KERNEL and NO_CONT_MAPPINGS only, so it may use PMD blocks even where the rest of the map is forced to PTEs, and prints MEM/NORMAL, not TAGGED (domain.md §2.2).`,
  aliasSeriesTagged: () =>
    "v7.2: the alias and data/bss are mapped tagged with the linear map's flags and the banks over them; their read-only updates are assumed to keep the tagged memory type (pgattr_change_is_safe() would refuse a change of type).",
  realmTiming: () =>
    "arm64_rsi_init() runs after map_mem(): the realm term of force_pte_mapping() and can_set_direct_map() is false when the linear map is built (domain.md §2.5).",
  kfencePoolPlacement: () => "The early KFENCE pool is placed top-down by memblock, at the end of the highest bank (a modelling choice).",
  policyE: () => "memblock-split (e): modelled as v7.1 without window 1; window 2 is assumed to behave as in v7.1 (the proposal did not discuss it).",
  rodataFullInference: () => "rodata=full on v6.18+: the kernel is assumed to reject it and keep the default (an inference, domain.md §2.6).",
  hotRemoveCheck: () =>
    "remove_memory on v7.1: the leaf-split check is modelled as in the post-fix mmu.c read for domain.md, which checks the range just after the one removed (domain.md §9 q12).",
  blkRule: () => "ptdump prints BLK only for valid blocks (the recent rule; its release was not checked).",
  vmallocPages: () => "vmalloc backing pages are modelled as one physically contiguous buddy allocation.",
  cpuOffline: (cpu: number) => `cpu ${cpu} is not online when the call runs; it runs on the boot CPU instead.`,
  contPartial: () =>
    "The permission walker changed whole leaves that are only part of a contiguous group; the group keeps CONT with entries that now differ (domain.md §9 q8: the architectural result is not settled).",
  warnUnknowns: () =>
    "WARN splats: the source line (`file.c:?`), the caller's %pS offset and size (`func+0x?/0x?`), the build number and preempt model of the dump_stack banner (`#? ?`, and the release for anything but a mainline tag) are not known to the model and print as `?`, not invented; a call after `userspace` runs in an unknown user task (comm and PID `?`) with unknown modules; the Hardware name line and the registers are not printed.",
  hotRemoveWholeLeaf: () =>
    "Hot-remove: unmap_hotplug_range() clears a PUD/PMD leaf that intersects the removed range whole, without checking that the range covers it, so online memory sharing that block is left unmapped; at PTE level only the covered PTEs are cleared and a contiguous group cut at an edge keeps CONT (derived from the code, domain.md §7.2).",
  kfenceHashed: () => "The kfence line's pool addresses are %p (hashed) in the kernel and print as `?`; the linmap: line before it gives the pool's physical range.",
  kfenceLayout: () =>
    "KFENCE pool after kfence_init_pool(): pages 0 and 1 and the right guard page 2i+3 of each object i made invalid with set_memory_valid(); derived from the pool layout, not observed in a real dump (domain.md §4.5).",
  kfenceLateAlign: () =>
    "The late KFENCE pool is aligned to its size when its page count is a power of two (alloc_contig_pages()); otherwise to the largest power of two dividing it, which is all the kernel's stride guarantees (domain.md §9 q17).",
  debugPagealloc: () => "debug_pagealloc: one representative __kernel_map_pages() call stands for the page frees of memblock_free_all().",
} as const;
