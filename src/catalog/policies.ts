// The kernel versions and policy names a scenario can choose (domain.md §6.1), and which of the
// five linear-map policies each stands for. What each version does is its settings
// (./policy-settings.ts); this is the naming and documentation that the checker, the
// completion and the docs share.

/** The five policies of domain.md §6.1. */
export type PolicyId = "a" | "b" | "c" | "d" | "e";

export interface KernelVersionInfo {
  /** As a scenario writes it: `v7.0`, `fix-v1`, `memblock-split`. */
  readonly name: string;
  readonly policy: PolicyId;
  /** Mainline release order for real versions; proposals sort after the release they patch. */
  readonly order: number;
  /** True for posted-but-unmerged proposals. */
  readonly proposal: boolean;
  /** What `uname -r` (and the dump_stack banner) says: `+` for a patched tree, `?` where unknown. */
  readonly release: string;
  readonly doc: string;
}

export interface PolicyInfo {
  readonly id: PolicyId;
  readonly title: string;
  readonly kernels: string;
  readonly doc: string;
}

export const POLICIES: readonly PolicyInfo[] = [
  { id: "a", title: "before a166563e7ec3", kernels: "≤ v6.17", doc: "Linear map PTE-mapped iff `can_set_direct_map()`; no splitting; any change touching a block fails in `apply_to_page_range()` (WARN_ON_ONCE, `-EINVAL`)." },
  { id: "b", title: "a166563e7ec3 … before the fix", kernels: "v6.18 … v7.0", doc: "Blocks with rodata=full on a BBML2_NOABORT boot CPU; lazy splitting only once caps are final on an all-BBML2 system; `stop_machine()` repaint otherwise; invalid large leaves are mishandled (fixed by 15bfba1ad77f)." },
  { id: "c", title: "fix v1 (posted 23 Mar 2026, not merged)", kernels: "fix-v1", doc: "Two black-out windows, but skipped entirely when the calling CPU fails the MIDR check; `swiotlb_update_mem_attributes()` moved to `mem_init()`." },
  { id: "d", title: "fix v2 = merged f12b435de2f2", kernels: "v7.1", doc: "Two black-out windows (window 1 until `mem_init()` sets `page_alloc_available`, window 2 while secondaries come online before caps are final); nothing to do when `!linear_map_requires_bbml2`; invalid large leaves fixed." },
  { id: "e", title: "Yang Shi's alternative (proposed 23 Mar 2026, declined)", kernels: "memblock-split", doc: "Split tables from memblock before the buddy allocator is up, so no window 1; window 2 assumed as (d) (the proposal did not discuss it)." },
];

export const KERNEL_VERSIONS: readonly KernelVersionInfo[] = [
  { name: "v6.13", policy: "a", order: 613, proposal: false, release: "6.13.0", doc: "v6.13: realm guest support; before BBML2_NOABORT; `swiotlb_update_mem_attributes()` in arm64 `mem_init()`." },
  { name: "v6.14", policy: "a", order: 614, proposal: false, release: "6.14.0", doc: "v6.14: as v6.13." },
  { name: "v6.15", policy: "a", order: 615, proposal: false, release: "6.15.0", doc: "v6.15: `arch_mm_preinit()` split out; `swiotlb_update_mem_attributes()` moves there." },
  { name: "v6.16", policy: "a", order: 616, proposal: false, release: "6.16.0", doc: "v6.16: as v6.15." },
  { name: "v6.17", policy: "a", order: 617, proposal: false, release: "6.17.0", doc: "v6.17: `ARM64_HAS_BBML2_NOABORT` first ships (contpte only); a late CPU lacking it is refused on an all-BBML2 system." },
  { name: "v6.17.y", policy: "a", order: 617.5, proposal: false, release: "6.17.?", doc: "6.17.y after the 17 Oct 2025 stable update: v6.17 with 5973a62efa34, so the kernel alias starts at `_text` (as in v6.18)." },
  { name: "v6.18", policy: "b", order: 618, proposal: false, release: "6.18.0", doc: "v6.18: block mappings with rodata=full on BBML2_NOABORT (a166563e7ec3), the repaint (3df6979d222b), block permission changes (a660194dd101), the rodata= rework." },
  { name: "v6.19", policy: "b", order: 619, proposal: false, release: "6.19.0", doc: "v6.19: as v6.18." },
  { name: "v7.0", policy: "b", order: 700, proposal: false, release: "7.0.0", doc: "v7.0: as v6.18; realm early decrypts fail (the seed's report)." },
  { name: "fix-v1", policy: "c", order: 700.5, proposal: true, release: "7.0.0+", doc: "Ryan Roberts' fix, v1 (23 Mar 2026): black-out windows checked before the forced-PTE test, calling-CPU MIDR check." },
  { name: "v7.1", policy: "d", order: 701, proposal: false, release: "7.1.0", doc: "v7.1: the merged fix f12b435de2f2 with 15bfba1ad77f (invalid large leaves) and 95a58852b0e5 (hot-remove refusing leaf splits)." },
  { name: "v7.2", policy: "d", order: 702, proposal: false, release: "7.2.0", doc: "v7.2 (merge window June 2026): v7.1 plus Ard Biesheuvel's \"Unmap linear alias of kernel data/bss\" as merged (two reverts of the unmap part): the alias and data/bss are mapped first with the linear map's flags and tagged, the banks over them; block requests descend into existing tables; the data/bss alias becomes read-only at mark_rodata_ro(). Later releases are assumed to behave like it." },
  { name: "memblock-split", policy: "e", order: 701.5, proposal: true, release: "7.1.0+", doc: "Yang Shi's alternative: split with memblock tables before the buddy allocator is up (declined; modelled as v7.1 without window 1, window 2 assumed)." },
];

const versionByName = new Map(KERNEL_VERSIONS.map((v) => [v.name, v] as const));

export function findKernelVersion(name: string): KernelVersionInfo | undefined {
  return versionByName.get(name);
}

export function findPolicy(id: PolicyId): PolicyInfo {
  const p = POLICIES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown policy id ${id}`); // PolicyId is a closed union
  return p;
}

/** The default kernel when a scenario names none: the current mainline fix. */
export const DEFAULT_KERNEL_VERSION = "v7.1";
