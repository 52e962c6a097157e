// The simulated Linux kernel's state during one boot: the linear map, the flags the
// linear-map code reads (rodata_full, debug_pagealloc, kfence_early_init, realm detection,
// page_alloc_available, caps finalized, linear_map_requires_bbml2), online CPUs, WARN_ON_ONCE
// sites already fired, the kernel log, and the per-call accounting.
import type { Geometry } from "./geometry/granule-geometry.js";
import { LinearMap } from "./tables/linear-map.js";
import { SplitLog } from "./tables/split-log.js";
import type { PhysRange, Program, ProgramCpu, StepRelation } from "./program.js";
import type { LinuxPolicy } from "./policies/policy.js";
import type { PagetableAllocator } from "./result.js";
import { NG, PXN, TAGGED, VALID } from "./tables/page-table.js";
import { kmsg, notes, type TaskIdentity } from "./messages.js";
import { bootTaskOf } from "../catalog/index.js";

/** Accounting for the call being simulated. */
export interface CallAccount {
  warns: number;
  splits: SplitLog;
  contGroupsSplit: number;
  pages: Record<PagetableAllocator, bigint>;
  pagesFreed: bigint;
  tlbFlushes: number;
  invalidPagesLeft: bigint;
  /** Contiguous groups the walker changed in part (distinct, in address order), and the first. */
  contPartialGroups: number;
  contPartialFirst?: { readonly level: string; readonly start: bigint; readonly end: bigint };
  contPartialLast?: bigint;
}

/** init_utsname()->release of a mainline tag (`v6.18` → `6.18.0`); "?" for anything else. */
export function newAccount(): CallAccount {
  return { warns: 0, splits: new SplitLog(), contGroupsSplit: 0, pages: { memblock: 0n, buddy: 0n, atomic: 0n }, pagesFreed: 0n, tlbFlushes: 0, invalidPagesLeft: 0n, contPartialGroups: 0 };
}

export class LinuxKernel {
  readonly map: LinearMap;
  readonly log: string[] = [];
  readonly notes = new Set<string>();
  /** The kernel functions currently executing, outermost first (for WARN call traces). */
  readonly stack: string[] = [];
  private readonly warnedOnce = new Set<string>();
  warnCount = 0;
  /** TAINT_WARN, set by the first WARN. */
  tainted = false;

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
  /** __kfence_pool of a pool kfence_init_late() allocated (alloc_contig_pages()). */
  kfenceLatePool: PhysRange | undefined;
  readonly online = new Set<number>();
  readonly refused = new Set<number>();
  account: CallAccount = newAccount();
  /** The CPU running the current code. */
  currentCpu: number;
  /** Where in the boot plan the current event is (for the task that prints log lines). */
  currentStep = "parse_early_param";
  currentRelation: StepRelation = "at";

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

  /** Marks the plan position of the event about to run. */
  at(step: string, relation: StepRelation): void {
    this.currentStep = step;
    this.currentRelation = relation;
  }

  /**
   * `current` for a log line (domain.md §5 end): the boot task, `swapper/0` after
   * sched_init(), the kernel_init thread from rest_init(); a secondary CPU bringing itself up
   * at smp_init() runs its idle task `swapper/n`; after `userspace` the task is not known.
   */
  currentTask(): TaskIdentity {
    const boot = this.bootCpu.id;
    // stop_machine() callbacks (the repaint, the KPTI rewrite) run in the stopper threads,
    // whose PIDs are small but not fixed.
    if (this.stack.includes("stop_machine")) return { comm: `migration/${this.currentCpu}`, pid: "?" };
    const task = bootTaskOf(this.currentStep, this.currentRelation);
    if (this.currentCpu !== boot && task === "kernel_init" && this.currentStep === "smp_init") return { comm: `swapper/${this.currentCpu}`, pid: "0" };
    switch (task) {
      case "boot":
        return { comm: "swapper", pid: "0" };
      case "idle":
        return { comm: `swapper/${boot}`, pid: "0" };
      case "kernel_init":
        return { comm: `swapper/${boot}`, pid: "1" };
      case "user":
        return { comm: "?", pid: "?" };
    }
  }

  /** WARN_ON / WARN: always reports; WARN()'s message comes before the header on arm64. */
  warn(file: string, fn: string, message?: string): void {
    this.warnCount++;
    this.account.warns++;
    this.notes.add(notes.warnUnknowns());
    this.log.push(kmsg.cutHere());
    if (message) this.log.push(message);
    const task = this.currentTask();
    // 28ea295f941e (v6.19) reworded the __warn() header.
    const s = this.policy.settings;
    this.log.push(s.warn_header === "new" ? kmsg.warningNew(this.currentCpu, task, file, fn) : kmsg.warningOld(this.currentCpu, task, file, fn));
    this.log.push(kmsg.modulesLinkedIn(task.pid !== "?"));
    this.log.push(kmsg.dumpStackBanner(this.currentCpu, task, this.tainted, this.program.kernel.release, s.dump_stack_banner === "v6.15"));
    if (this.tainted) this.log.push(kmsg.taintedWarn());
    this.log.push(kmsg.callTrace());
    const frames = [fn, ...[...this.stack].reverse()];
    for (const f of frames.filter((f, i) => i === 0 || f !== frames[i - 1])) this.log.push(` ${f}`);
    this.log.push(kmsg.endTrace());
    // __warn() adds TAINT_WARN after printing: the next splat's banner shows it.
    this.tainted = true;
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
