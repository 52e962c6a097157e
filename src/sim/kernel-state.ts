// The simulated Linux kernel's state during one boot: the linear map, the flags the
// linear-map code reads (rodata_full, debug_pagealloc, kfence_early_init, realm detection,
// page_alloc_available, caps finalized, linear_map_requires_bbml2), online CPUs, WARN_ON_ONCE
// sites already fired, the kernel log, and the per-call accounting.
import type { Geometry } from "./geometry/granule-geometry.js";
import { LinearMap } from "./tables/linear-map.js";
import type { Program, ProgramCpu } from "./program.js";
import type { LinuxPolicy } from "./policies/policy.js";
import type { PagetableAllocator } from "./result.js";
import { kmsg } from "./messages.js";
import { NG, PXN, TAGGED, VALID } from "./tables/page-table.js";

/** Accounting for the call being simulated. */
export interface CallAccount {
  warns: number;
  splits: string[];
  contGroupsSplit: number;
  pages: Record<PagetableAllocator, bigint>;
  pagesFreed: bigint;
  tlbFlushes: number;
  invalidPagesLeft: bigint;
}

export function newAccount(): CallAccount {
  return { warns: 0, splits: [], contGroupsSplit: 0, pages: { memblock: 0n, buddy: 0n, atomic: 0n }, pagesFreed: 0n, tlbFlushes: 0, invalidPagesLeft: 0n };
}

export class LinuxKernel {
  readonly map: LinearMap;
  readonly log: string[] = [];
  readonly notes = new Set<string>();
  /** The kernel functions currently executing, outermost first (for WARN call traces). */
  readonly stack: string[] = [];
  private readonly warnedOnce = new Set<string>();
  warnCount = 0;

  realmVisible = false; // is_realm_world(): true from arm64_rsi_init
  buddyUp = false; // memblock_free_all() done
  pageAllocAvailable = false; // set by mem_init() in (c), (d)
  capsFinalized = false;
  systemBbml2 = false; // system_supports_bbml2_noabort()
  linearMapRequiresBbml2 = false;
  /** arm64_use_ng_mappings: PTE_MAYBE_NG is PTE_NG (born NG under KASLR, or after the KPTI rewrite). */
  useNgMappings = false;
  kfenceEarlyInit: boolean;
  /** kaslr_enabled(): a seed and no `nokaslr`. */
  kaslrEnabled = false;
  /** What kaslr_init() prints. */
  kaslrMessages: readonly string[] = [];
  readonly online = new Set<number>();
  readonly refused = new Set<number>();
  account: CallAccount = newAccount();
  /** The CPU running the current code. */
  currentCpu: number;

  constructor(
    readonly program: Program,
    readonly geometry: Geometry,
    readonly policy: LinuxPolicy,
    memstart: bigint,
  ) {
    this.map = new LinearMap(geometry, memstart);
    this.kfenceEarlyInit = program.kernel.kfence.configured && program.kernel.kfence.earlyInit;
    const boot = program.cpus.find((c) => c.boot)!;
    this.currentCpu = boot.id;
    this.online.add(boot.id);
  }

  /** pgprot_tagged(PAGE_KERNEL): the linear map's entries (TAGGED on every v5.10+ kernel). */
  linearLeafBits(): number {
    return VALID | PXN | TAGGED | (this.useNgMappings ? NG : 0);
  }

  /** PAGE_KERNEL, as the kernel alias is mapped in ≤ v7.1: MT_NORMAL, not tagged. */
  kernelLeafBits(): number {
    return VALID | PXN | (this.useNgMappings ? NG : 0);
  }

  cpu(id: number): ProgramCpu {
    return this.program.cpus.find((c) => c.id === id)!;
  }

  get bootCpu(): ProgramCpu {
    return this.program.cpus.find((c) => c.boot)!;
  }

  get rodataFull(): boolean {
    return this.program.kernel.rodataFull;
  }

  get debugPagealloc(): boolean {
    return this.program.kernel.debugPagealloc;
  }

  /** arm64_kfence_can_set_direct_map() = !kfence_early_init (with CONFIG_KFENCE). */
  get kfenceCanSetDirectMap(): boolean {
    return this.program.kernel.kfence.configured && !this.kfenceEarlyInit;
  }

  /** cpu_supports_bbml2_noabort() on the CPU running the code. */
  cpuSupportsBbml2(cpu = this.currentCpu): boolean {
    return this.cpu(cpu).bbml2Noabort;
  }

  /** The "bbml2" term of force_pte_mapping(): the system cap once final, the local CPU before. */
  bbml2ForForcePte(): boolean {
    return this.capsFinalized ? this.systemBbml2 : this.cpuSupportsBbml2();
  }

  /** force_pte_mapping() (v6.18+ definition, domain.md §2.4). */
  forcePteMapping(): boolean {
    if (this.debugPagealloc) return true;
    if (this.bbml2ForForcePte()) return false;
    return this.rodataFull || this.kfenceCanSetDirectMap || this.realmVisible;
  }

  /** can_set_direct_map(). */
  canSetDirectMap(): boolean {
    return this.rodataFull || this.debugPagealloc || this.kfenceCanSetDirectMap || this.realmVisible;
  }

  /** The allocator split tables come from now. */
  splitAllocator(): PagetableAllocator {
    return this.policy.splitTablesFromMemblock(this) ? "memblock" : "buddy";
  }

  /** Runs `fn` as kernel function `name`, so WARN splats show where they came from. */
  within<T>(name: string, fn: () => T): T {
    this.stack.push(name);
    try {
      return fn();
    } finally {
      this.stack.pop();
    }
  }

  /** WARN_ON / WARN: always reports. */
  warn(file: string, fn: string, message?: string): void {
    this.warnCount++;
    this.account.warns++;
    this.log.push(kmsg.cutHere());
    if (message) this.log.push(message);
    this.log.push(kmsg.warning(this.currentCpu, file, fn));
    this.log.push(kmsg.callTrace());
    const frames = [fn, ...[...this.stack].reverse()];
    for (const f of frames.filter((f, i) => i === 0 || f !== frames[i - 1])) this.log.push(` ${f}`);
    this.log.push(kmsg.endTrace());
  }

  /** WARN_ON_ONCE: reports the first time this site fires in the boot. Returns true if it fired. */
  warnOnce(site: string, file: string, fn: string): void {
    if (this.warnedOnce.has(site)) return;
    this.warnedOnce.add(site);
    this.warn(file, fn);
  }

  /** Adds page-table pages allocated since `before` to the current call's account. */
  chargePages(before: bigint, allocator: PagetableAllocator): void {
    const delta = this.map.pagetablePages - before;
    if (delta > 0n) this.account.pages[allocator] += delta;
    else if (delta < 0n) this.account.pagesFreed += -delta;
  }
}
