// The kernel's own messages that the simulated log prints, worded as the kernel prints
// them (domain.md §8.3), and linmap's notes about modelling choices. One catalogue, so a
// user can grep a real dmesg for the same text.
import { hexRange } from "../catalog/index.js";

/** `0x%016lx` as the kernel prints addresses. */
export function kaddr(v: bigint): string {
  return `0x${v.toString(16).padStart(16, "0")}`;
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
  lateCpuConflict: (cpu: number) =>
    `CPU features: CPU${cpu}: Detected conflict for capability ARM64_HAS_BBML2_NOABORT (BBM Level 2 without conflict abort), System: 1, CPU: 0`,
  lateCpuDie: (cpu: number) => `CPU${cpu}: will not boot`,
  
  repaint: () => "linmap: linear_map_maybe_split_to_ptes: stop_machine(linear_map_split_to_ptes): splitting the linear map to PTEs",
  repaintDone: (pages: bigint) => `linmap: linear_map_split_to_ptes: done, ${pages} page-table pages (GFP_ATOMIC)`,
  textAliasRo: () => "linmap: mark_linear_text_alias_ro: linear alias of [_text, __init_begin) now read-only",
  rodataRo: () => "Write protecting the kernel read-only data",
  freeInitmem: (kb: bigint) => `Freeing unused kernel memory: ${kb}K`,
  runInit: () => "Run /sbin/init as init process",
  failedDecrypt: (pages: bigint) => `Failed to decrypt memory, ${pages} pages will be leaked`,
  failedEncrypt: (pages: bigint) => `Failed to encrypt memory, ${pages} pages will be leaked`,
  bootMemoryOffline: (start: bigint, end: bigint) => `Boot memory [${kaddr(start)} ${kaddr(end)}] offlining attempted`,
  hotRemoveSplits: (start: bigint, end: bigint) => `[${kaddr(start)} ${kaddr(end)}] splits a leaf entry in linear map`,
  kfenceInitialized: (start: bigint, end: bigint) => `kfence: initialized - using ${end - start} bytes for 255 objects at ${kaddr(start)}-${kaddr(end)}`,
  warning: (cpu: number, file: string, fn: string) => `WARNING: CPU: ${cpu} PID: ${cpu === 0 ? 1 : 0} at ${file} ${fn}`,
  cutHere: () => "------------[ cut here ]------------",
  endTrace: () => "---[ end trace 0000000000000000 ]---",
  callTrace: () => "Call trace:",
} as const;

export const notes = {
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
  contPartial: () => "A whole-block change inside a contiguous group changes part of the group (domain.md §9 q8: the architectural result is not settled).",
  debugPagealloc: () => "debug_pagealloc: one representative __kernel_map_pages() call stands for the page frees of memblock_free_all().",
} as const;
