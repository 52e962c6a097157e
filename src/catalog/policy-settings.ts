// The decision points that distinguish the kernels linmap models (domain.md §2–§8, issue 14):
// each setting names one choice the kernel's linear-map code made, the values it took, and
// the commit or mail each value stands for. Every built-in kernel version is a full set of
// these values (data, not code paths); `policy NAME from BASE { SETTING VALUE ... }` in a
// scenario starts from a version's set and changes some of them. The simulator reads only
// these settings, never a version name, so two kernels with equal settings behave alike.

export interface SettingValueInfo {
  readonly value: string;
  readonly doc: string;
}

export interface PolicySettingInfo {
  readonly name: keyof PolicySettings;
  readonly doc: string;
  readonly values: readonly SettingValueInfo[];
}

export interface PolicySettings {
  readonly permission_change: "apply_to_page_range" | "pageattr_walker";
  readonly invalid_large_leaves: "invisible" | "present_invalid";
  readonly map_mem_decision: "can_set_direct_map" | "force_pte_mapping";
  readonly repaint: "off" | "on";
  readonly split_gate: "never" | "system_cap" | "calling_cpu" | "linear_map_requires_bbml2";
  readonly window1: "off" | "on";
  readonly window2: "off" | "on";
  readonly split_tables_before_buddy: "none" | "memblock";
  readonly swiotlb_update: "mem_init" | "arch_mm_preinit";
  readonly hot_remove: "clear_leaf" | "refuse_split";
  readonly alias_start: "_stext" | "_text";
  readonly alias_series: "off" | "on";
  readonly rodata_options: "full" | "noalias";
  readonly bbml2_cap: "absent" | "43" | "44" | "45" | "47" | "48";
  readonly bbml2_allow_list: "v6.17" | "v6.18" | "v7.1";
  readonly warn_header: "old" | "new";
  readonly dump_stack_banner: "v6.13" | "v6.15";
}

export const POLICY_SETTINGS: readonly PolicySettingInfo[] = [
  {
    name: "permission_change",
    doc: "How `__change_memory_common()` walks the linear map (domain.md §4.1).",
    values: [
      { value: "apply_to_page_range", doc: "Before a660194dd101 (≤ v6.17): `apply_to_page_range()`, which WARNs and fails with -EINVAL on any PUD/PMD leaf, whole or not." },
      { value: "pageattr_walker", doc: "a660194dd101 (Dev Jain, v6.18): the pageattr walker changes whole blocks in place and WARNs with -EINVAL on a partly covered one." },
    ],
  },
  {
    name: "invalid_large_leaves",
    doc: "How an invalid block is encoded and walked (domain.md §6.3).",
    values: [
      { value: "invisible", doc: "Before 15bfba1ad77f: an invalid block is skipped by the walkers and hidden by ptdump, so a realm decrypt of whole blocks leaves them invalid." },
      { value: "present_invalid", doc: "15bfba1ad77f (v7.1): invalid kernel leaves are present-invalid (`PTE_PRESENT_INVALID`, the NG bit), walked and revalidated like valid ones." },
    ],
  },
  {
    name: "map_mem_decision",
    doc: "Which test makes `map_mem()` force the linear map to PTEs (domain.md §2.4, §2.5).",
    values: [
      { value: "can_set_direct_map", doc: "≤ v6.17: PTEs iff `can_set_direct_map()` (rodata_full, debug_pagealloc, late KFENCE); `linear_map_requires_bbml2` does not exist." },
      { value: "force_pte_mapping", doc: "a166563e7ec3 (v6.18): PTEs iff `force_pte_mapping()`, so a BBML2_NOABORT boot CPU keeps blocks under rodata=full; `linear_map_requires_bbml2 = !force_pte_mapping() && can_set_direct_map()`." },
    ],
  },
  {
    name: "repaint",
    doc: "`linear_map_maybe_split_to_ptes()` at `setup_system_features()` (domain.md §3.4).",
    values: [
      { value: "off", doc: "No repaint (≤ v6.17)." },
      { value: "on", doc: "3df6979d222b (v6.18): when a secondary lacks BBML2_NOABORT, `stop_machine()` splits the linear map to PTEs, except `[_stext, __init_begin)`." },
    ],
  },
  {
    name: "split_gate",
    doc: "Which checks `split_kernel_leaf_mapping()` makes before it splits (domain.md §3.3, §6.1).",
    values: [
      { value: "never", doc: "No lazy splitting (≤ v6.17)." },
      { value: "system_cap", doc: "a166563e7ec3 with ce2b3a50ad92 (v6.18–v7.0): nothing for forced-PTE maps and KFENCE addresses; splits only once caps are final on an all-BBML2 system, returns 0 before." },
      { value: "calling_cpu", doc: "Fix v1 (Ryan Roberts, 23 Mar 2026): before caps are final, nothing when the calling CPU fails the MIDR check, else the black-out windows; then the forced-PTE / KFENCE test." },
      { value: "linear_map_requires_bbml2", doc: "f12b435de2f2 (v7.1): nothing unless `linear_map_requires_bbml2` (or for a KFENCE address); before caps are final, the black-out windows." },
    ],
  },
  {
    name: "window1",
    doc: "Black-out window 1: a split before arm64 `mem_init()` sets `page_alloc_available` WARNs and returns -EBUSY (only with the `calling_cpu` and `linear_map_requires_bbml2` gates).",
    values: [
      { value: "off", doc: "No window 1 (Yang Shi's memblock split, or kernels without the fix)." },
      { value: "on", doc: "f12b435de2f2 / fix v1: `WARN_ON(!page_alloc_available)`, -EBUSY." },
    ],
  },
  {
    name: "window2",
    doc: "Black-out window 2: a split while secondaries are online before caps are final WARNs and returns -EBUSY (only with the `calling_cpu` and `linear_map_requires_bbml2` gates).",
    values: [
      { value: "off", doc: "No window 2." },
      { value: "on", doc: "f12b435de2f2 / fix v1: `WARN_ON(num_online_cpus() > 1)`, -EBUSY." },
    ],
  },
  {
    name: "split_tables_before_buddy",
    doc: "Where split tables come from before the buddy allocator is up (domain.md §6.1 (e)).",
    values: [
      { value: "none", doc: "The buddy allocator only (every merged kernel)." },
      { value: "memblock", doc: "Yang Shi's proposal (23 Mar 2026, declined): memblock until `memblock_free_all()`." },
    ],
  },
  {
    name: "swiotlb_update",
    doc: "Where the kernel calls `swiotlb_update_mem_attributes()` (domain.md §4.5).",
    values: [
      { value: "mem_init", doc: "arm64 `mem_init()`: up to v6.14, and again with f12b435de2f2 (v7.1, fix v1), after `page_alloc_available` is set." },
      { value: "arch_mm_preinit", doc: "`arch_mm_preinit()`, before the buddy allocator (v6.15–v7.0)." },
    ],
  },
  {
    name: "hot_remove",
    doc: "Hot-remove of a range whose edge falls inside a leaf of the linear map (domain.md §7.2).",
    values: [
      { value: "clear_leaf", doc: "Before 95a58852b0e5: the partly covered PUD/PMD leaf is cleared whole, leaving online memory unmapped." },
      { value: "refuse_split", doc: "95a58852b0e5 (v7.1): refused with \"[%lx %lx] splits a leaf entry in linear map\" (checked, as read, on the range after the one removed)." },
    ],
  },
  {
    name: "alias_start",
    doc: "Where the kernel image's linear alias starts (domain.md §2.2).",
    values: [
      { value: "_stext", doc: "e2a073dde921 (v5.11) to the v6.17 tag: `[_stext, __init_begin)`." },
      { value: "_text", doc: "5973a62efa34 (v6.18, 6.12.y and 6.17.y after the Oct 2025 stable update): `[_text, __init_begin)`." },
    ],
  },
  {
    name: "alias_series",
    doc: "Ard Biesheuvel's \"arm64: Unmap linear alias of kernel data/bss\" as merged for v7.2 (domain.md §2.2, §2.3).",
    values: [
      { value: "off", doc: "≤ v7.1: the alias and the early KFENCE pool are NOMAP holes while the banks are mapped; a block request over a table is refused silently; data/bss are not touched." },
      { value: "on", doc: "v7.2: pool, alias and data/bss mapped first with the linear flags, banks over them; block requests descend into tables; data/bss read-only at `mark_rodata_ro()`." },
    ],
  },
  {
    name: "rodata_options",
    doc: "What `rodata=` means (domain.md §2.6).",
    values: [
      { value: "full", doc: "Before c0f303d7d472: `full`, `on` (not full), `off`; default full (CONFIG_RODATA_FULL_DEFAULT_ENABLED)." },
      { value: "noalias", doc: "c0f303d7d472 (v6.18): `on` (default) is full, `noalias` the old `on`, `off`; `full` is not recognised." },
    ],
  },
  {
    name: "bbml2_cap",
    doc: "The `ARM64_HAS_BBML2_NOABORT` capability and its number in `arch/arm64/tools/cpucaps`, printed by the late-CPU conflict line (domain.md §5).",
    values: [
      { value: "absent", doc: "≤ v6.16: no such capability; a late CPU is never refused for it." },
      { value: "43", doc: "v6.17." },
      { value: "44", doc: "v6.18 (`HAS_GICV5_LEGACY` before it)." },
      { value: "45", doc: "v6.19 (`HAS_ICH_HCR_EL2_TDIR`)." },
      { value: "47", doc: "v7.0 (`HAS_LS64`, `HAS_LS64_V`)." },
      { value: "48", doc: "v7.1 (`HAS_LSUI`)." },
    ],
  },
  {
    name: "bbml2_allow_list",
    doc: "The MIDR allow-list of `cpu_supports_bbml2_noabort()`, as of a release (domain.md §2.4).",
    values: [
      { value: "v6.17", doc: "Cortex-X4 r0–r3, Neoverse-V3 r0–r2." },
      { value: "v6.18", doc: "+ Neoverse-V3AE, AmpereOne, AmpereOne A." },
      { value: "v7.1", doc: "+ NVIDIA Olympus (named by a later list; release not verified)." },
    ],
  },
  {
    name: "warn_header",
    doc: "The `__warn()` header (domain.md §8.4).",
    values: [
      { value: "old", doc: "≤ v6.18: `WARNING: CPU: %d PID: %d at %s:%d %pS`." },
      { value: "new", doc: "28ea295f941e (v6.19): `WARNING: %s:%d at %pS, CPU#%d: %s/%d`." },
    ],
  },
  {
    name: "dump_stack_banner",
    doc: "The `dump_stack` banner a WARN prints (domain.md §8.4, open question 18).",
    values: [
      { value: "v6.13", doc: "19 taint columns, no preempt-model field." },
      { value: "v6.15", doc: "20 taint columns (TAINT_FWCTL) and the preempt model (a Mar 2025 patch; present in 6.18 and 7.0 logs, its first release not checked)." },
    ],
  },
];

const A: PolicySettings = {
  permission_change: "apply_to_page_range",
  invalid_large_leaves: "invisible",
  map_mem_decision: "can_set_direct_map",
  repaint: "off",
  split_gate: "never",
  window1: "off",
  window2: "off",
  split_tables_before_buddy: "none",
  swiotlb_update: "arch_mm_preinit",
  hot_remove: "clear_leaf",
  alias_start: "_stext",
  alias_series: "off",
  rodata_options: "full",
  bbml2_cap: "43",
  bbml2_allow_list: "v6.17",
  warn_header: "old",
  dump_stack_banner: "v6.15",
};
const B: PolicySettings = {
  ...A,
  permission_change: "pageattr_walker",
  map_mem_decision: "force_pte_mapping",
  repaint: "on",
  split_gate: "system_cap",
  alias_start: "_text",
  rodata_options: "noalias",
  bbml2_cap: "44",
  bbml2_allow_list: "v6.18",
};
const D: PolicySettings = {
  ...B,
  invalid_large_leaves: "present_invalid",
  split_gate: "linear_map_requires_bbml2",
  window1: "on",
  window2: "on",
  swiotlb_update: "mem_init",
  hot_remove: "refuse_split",
  bbml2_cap: "48",
  bbml2_allow_list: "v7.1",
  warn_header: "new",
};

/** Every built-in kernel's settings, by version name (the rows of domain.md §6.1 and §8). */
export const VERSION_SETTINGS: Readonly<Record<string, PolicySettings>> = {
  "v6.13": { ...A, swiotlb_update: "mem_init", bbml2_cap: "absent", dump_stack_banner: "v6.13" },
  "v6.14": { ...A, swiotlb_update: "mem_init", bbml2_cap: "absent", dump_stack_banner: "v6.13" },
  "v6.15": { ...A, bbml2_cap: "absent" },
  "v6.16": { ...A, bbml2_cap: "absent" },
  "v6.17": A,
  "v6.17.y": { ...A, alias_start: "_text" },
  "v6.18": B,
  "v6.19": { ...B, bbml2_cap: "45", warn_header: "new" },
  "v7.0": { ...B, bbml2_cap: "47", warn_header: "new" },
  "fix-v1": { ...B, invalid_large_leaves: "present_invalid", split_gate: "calling_cpu", window1: "on", window2: "on", swiotlb_update: "mem_init", bbml2_cap: "47", warn_header: "new" },
  "v7.1": D,
  "v7.2": { ...D, alias_series: "on" },
  "memblock-split": { ...D, window1: "off", split_tables_before_buddy: "memblock", swiotlb_update: "arch_mm_preinit" },
};

export function findPolicySetting(name: string): PolicySettingInfo | undefined {
  return POLICY_SETTINGS.find((s) => s.name === name);
}
