// The arm64 boot steps a scenario can name, in boot order (domain.md §5, around v7.1).
// One source of truth: the checker validates step names against it, the Jupyter kernel
// completes and documents them from it, and the simulator's boot engine walks it in order.

/** What a step does to the linear map's world; the boot engine keys its own work off these. */
export type BootMilestone =
  | "map_mem" // linear map built, linear_map_requires_bbml2 fixed
  | "rsi_init" // is_realm_world() becomes true in a realm
  | "buddy_handover" // memblock_free_all(): pages handed to the buddy allocator
  | "page_alloc_available" // arm64 mem_init(): page_alloc_available = true (policies c, d)
  | "irq_init" // init_IRQ(): GIC ITS tables allocated
  | "kfence_init" // kfence_init(): guard pages protected through set_memory_valid()
  | "secondaries_online" // smp_init(): secondary CPUs come online (window 2 opens)
  | "caps_finalized" // setup_system_features(): caps final, then the repaint
  | "text_alias_ro" // mark_linear_text_alias_ro()
  | "free_initmem" // free_initmem()
  | "rodata_ro" // mark_rodata_ro()
  | "userspace"; // init runs: the system is up

export interface BootStep {
  /** The kernel identifier, as a scenario writes it (`at init_IRQ:`). */
  readonly name: string;
  /** The function it runs in, for the trace and the documentation. */
  readonly caller: string;
  readonly milestone?: BootMilestone;
  readonly doc: string;
}

export const BOOT_STEPS: readonly BootStep[] = [
  { name: "parse_early_param", caller: "setup_arch", doc: "Early parameters are parsed: `rodata=`, `debug_pagealloc=`, `kfence.sample_interval=`. No linear map yet." },
  { name: "arm64_memblock_init", caller: "setup_arch", doc: "memblock learns the memory banks and the reserved and `no-map` regions." },
  { name: "paging_init", caller: "setup_arch", milestone: "map_mem", doc: "`paging_init()` → `map_mem()`: the linear map is built in `swapper_pg_dir` (kernel alias first, early KFENCE pool, then every memblock range) with page-table pages from memblock; `linear_map_requires_bbml2` is fixed here, from the boot CPU." },
  { name: "bootmem_init", caller: "setup_arch", doc: "`bootmem_init()`: zones and sparsemem set up." },
  { name: "psci_init", caller: "setup_arch", doc: "`psci_dt_init()` / `psci_acpi_init()`." },
  { name: "arm64_rsi_init", caller: "setup_arch", milestone: "rsi_init", doc: "`arm64_rsi_init()`: in a realm, `is_realm_world()` becomes true here, after `map_mem()` (the realm-detection timing bug of domain.md §2.5); RIPAS set to RAM, memory-encryption ops registered." },
  { name: "smp_init_cpus", caller: "setup_arch", doc: "`smp_init_cpus()`: possible CPUs enumerated." },
  { name: "smp_prepare_boot_cpu", caller: "start_kernel", doc: "`smp_prepare_boot_cpu()` → `setup_boot_cpu_features()`." },
  { name: "arch_mm_preinit", caller: "mm_core_init", doc: "Start of `mm_core_init()`: `swiotlb_init()`; from v6.15 to v7.0 also `swiotlb_update_mem_attributes()` (before the buddy allocator exists: window 1)." },
  { name: "mem_debugging_and_hardening_init", caller: "mm_core_init", doc: "debug_pagealloc is switched on here when requested." },
  { name: "kfence_alloc_pool_and_metadata", caller: "mm_core_init", doc: "The late KFENCE pool would be allocated here (early pools come from `map_mem()`)." },
  { name: "memblock_free_all", caller: "mm_core_init", milestone: "buddy_handover", doc: "Pages handed to the buddy allocator; with debug_pagealloc, `__kernel_map_pages()` unmaps freed pages through `set_memory_valid()`." },
  { name: "mem_init", caller: "mm_core_init", milestone: "page_alloc_available", doc: "arm64 `mem_init()`: since the fix (v7.1) it sets `page_alloc_available` (end of window 1) and then calls `swiotlb_update_mem_attributes()`." },
  { name: "kmem_cache_init", caller: "mm_core_init", doc: "Slab caches come up." },
  { name: "vmalloc_init", caller: "mm_core_init", doc: "vmalloc is usable from here." },
  { name: "sched_init", caller: "start_kernel", doc: "Scheduler initialised." },
  { name: "init_IRQ", caller: "start_kernel", milestone: "irq_init", doc: "GICv3 + ITS probed: the LPI property table, pending tables and device/collection tables are allocated by `its_alloc_pages_node()` and, in a realm, decrypted. Allocator up, only the boot CPU online." },
  { name: "time_init", caller: "start_kernel", doc: "Timers." },
  { name: "kfence_init", caller: "start_kernel", milestone: "kfence_init", doc: "`kfence_init()` protects the KFENCE guard pages through `set_memory_valid()` (PTE mapped, no split)." },
  { name: "console_init", caller: "start_kernel", doc: "Console up." },
  { name: "smp_prepare_cpus", caller: "kernel_init_freeable", doc: "`smp_prepare_cpus()`." },
  { name: "do_pre_smp_initcalls", caller: "kernel_init_freeable", doc: "Early initcalls." },
  { name: "smp_init", caller: "kernel_init_freeable", milestone: "secondaries_online", doc: "Secondary CPUs come online (`secondary_start_kernel()` → `check_local_cpu_capabilities()`). From the first secondary online, `num_online_cpus() > 1`: window 2 opens." },
  { name: "smp_cpus_done", caller: "kernel_init_freeable", doc: "\"SMP: Total of %d processors activated.\"" },
  { name: "setup_system_features", caller: "smp_cpus_done", milestone: "caps_finalized", doc: "`setup_system_capabilities()` finalizes caps (end of window 2), then `linear_map_maybe_split_to_ptes()` repaints the linear map to PTEs under `stop_machine()` if some early CPU lacks BBML2_NOABORT." },
  { name: "mark_linear_text_alias_ro", caller: "smp_cpus_done", milestone: "text_alias_ro", doc: "The kernel text alias in the linear map is made read-only in place." },
  { name: "sched_init_smp", caller: "kernel_init_freeable", doc: "`sched_init_smp()`." },
  { name: "page_alloc_init_late", caller: "kernel_init_freeable", doc: "`page_alloc_init_late()`." },
  { name: "do_basic_setup", caller: "kernel_init_freeable", doc: "All initcalls: DMA pools, drivers (ITS ITT pools at probe time), the ptdump debugfs file." },
  { name: "free_initmem", caller: "kernel_init", milestone: "free_initmem", doc: "Init sections freed through their linear alias." },
  { name: "mark_rodata_ro", caller: "kernel_init", milestone: "rodata_ro", doc: "`mark_readonly()` → `mark_rodata_ro()`: image rodata and the linear alias of data/bss made read-only; then `debug_checkwx()`." },
  { name: "userspace", caller: "kernel_init", milestone: "userspace", doc: "init runs: runtime from here (module loading, BPF, secretmem, hotplug)." },
];

const byName = new Map(BOOT_STEPS.map((s, i) => [s.name, i] as const));

/** Index of a step in boot order, or undefined for an unknown name. */
export function bootStepIndex(name: string): number | undefined {
  return byName.get(name);
}

export function findBootStep(name: string): BootStep | undefined {
  const i = byName.get(name);
  return i === undefined ? undefined : BOOT_STEPS[i];
}

export function bootStepWithMilestone(m: BootMilestone): BootStep {
  const s = BOOT_STEPS.find((x) => x.milestone === m);
  if (!s) throw new Error(`no boot step has milestone ${m}`); // catalogue invariant, not user input
  return s;
}

/**
 * The task a step runs in, for log lines (domain.md §5 end, §8.4): the boot task (PID 0,
 * comm `swapper`) up to and including mm_core_init(); from sched_init() (init_idle()
 * renames it) `swapper/0`, still PID 0; from rest_init() the kernel_init thread (PID 1,
 * comm inherited, `swapper/0`) for the initcalls, smp_init(), smp_cpus_done() and
 * kernel_init(); from `userspace` some user task the model does not know.
 */
export type BootTask = "boot" | "idle" | "kernel_init" | "user";

const TASK_FROM: readonly [string, BootTask][] = [
  ["sched_init", "idle"],
  ["smp_prepare_cpus", "kernel_init"],
  ["userspace", "user"],
];

/** The task of a step; a `before` event belongs to the step ahead of it. */
export function bootTaskOf(step: string, relation: "before" | "at" | "after"): BootTask {
  let i = bootStepIndex(step) ?? 0;
  if (relation === "before" && i > 0) i--;
  let task: BootTask = "boot";
  for (const [from, t] of TASK_FROM) if (i >= bootStepIndex(from)!) task = t;
  return task;
}
