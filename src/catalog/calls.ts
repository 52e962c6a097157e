// The attribute-change and memory calls a scenario can make (domain.md §4.2, §4.5, §7),
// with what they take. The checker validates call names and arguments against it; the
// kernel completes and documents calls from it; the simulator dispatches on `name`.

/**
 * What a call acts on:
 * - `linear`: a linear-map range (a buffer, or an explicit physical range);
 * - `vmalloc`: a vmalloc area (declared with `vmalloc NAME size S`); the linear alias of
 *   its backing pages is what matters for the linear map;
 * - `page`: one page of a buffer (the first, or `buf[i]`);
 * - `memory`: a physical range outside boot memory (hot-add / hot-remove);
 * - `none`: the call names its own target (the swiotlb pool, a new secret page, ...).
 */
export type CallTarget = "linear" | "vmalloc" | "page" | "memory" | "none";

/** An extra argument after the target. */
export type CallArgument = "enable"; // 0 or 1, as the kernel's `bool enable` / `int numpages` flag

export interface CallInfo {
  readonly name: string;
  readonly target: CallTarget;
  readonly argument?: CallArgument;
  /** Alternative spellings accepted by the language (kept as the canonical name in the AST). */
  readonly aliases?: readonly string[];
  readonly signature: string;
  readonly doc: string;
}

export const CALLS: readonly CallInfo[] = [
  { name: "set_memory_ro", target: "vmalloc", signature: "int set_memory_ro(unsigned long addr, int numpages)", doc: "Make a vmalloc area read-only. With `rodata_full`, the linear alias of every backing page is changed too, one page at a time: the main runtime splitter of the linear map. Outside a `VM_ALLOC` vmalloc area: `-EINVAL`." },
  { name: "set_memory_rw", target: "vmalloc", signature: "int set_memory_rw(unsigned long addr, int numpages)", doc: "Make a vmalloc area writable; with `rodata_full`, its linear alias too, page by page." },
  { name: "set_memory_nx", target: "vmalloc", signature: "int set_memory_nx(unsigned long addr, int numpages)", doc: "Set PXN on a vmalloc area (the linear alias is not touched)." },
  { name: "set_memory_x", target: "vmalloc", signature: "int set_memory_x(unsigned long addr, int numpages)", doc: "Clear PXN on a vmalloc area (the linear alias is not touched)." },
  { name: "set_memory_rox", target: "vmalloc", signature: "int set_memory_rox(unsigned long addr, int numpages)", doc: "`set_memory_ro()` then `set_memory_x()` (kprobes, BPF, execmem)." },
  { name: "set_memory_valid", target: "linear", argument: "enable", signature: "int set_memory_valid(unsigned long addr, int numpages, int enable)", doc: "Make a linear-map range valid (1) or present-invalid (0). Used by KFENCE and debug_pagealloc on PTE-mapped memory; no range check." },
  { name: "set_direct_map_invalid_noflush", target: "page", signature: "int set_direct_map_invalid_noflush(struct page *page)", doc: "Make one page of the linear map invalid, without a TLB flush. Returns 0 and does nothing if `!can_set_direct_map()`." },
  { name: "set_direct_map_default_noflush", target: "page", signature: "int set_direct_map_default_noflush(struct page *page)", doc: "Make one page valid and writable again, without a TLB flush. Gated by `can_set_direct_map()`." },
  { name: "set_direct_map_valid_noflush", target: "linear", argument: "enable", signature: "int set_direct_map_valid_noflush(struct page *page, unsigned nr, bool valid)", doc: "Through `set_memory_valid()`; despite its name it flushes, except on the exact present-invalid → valid transition. Gated by `can_set_direct_map()`." },
  { name: "__kernel_map_pages", target: "linear", argument: "enable", aliases: ["kernel_map_pages"], signature: "void __kernel_map_pages(struct page *page, int numpages, int enable)", doc: "debug_pagealloc's map/unmap on page allocation and free, through `set_memory_valid()`; does nothing unless debug_pagealloc is enabled." },
  { name: "set_memory_encrypted", target: "linear", signature: "int set_memory_encrypted(unsigned long addr, int numpages)", doc: "Realm: `__set_memory_enc_dec()` three passes (present-invalid and clear `PROT_NS_SHARED`; RSI `rsi_set_memory_range_protected()`; valid again). Returns 0 outside a realm. On failure: \"Failed to encrypt memory, %d pages will be leaked\"." },
  { name: "set_memory_decrypted", target: "linear", signature: "int set_memory_decrypted(unsigned long addr, int numpages)", doc: "Realm: `__set_memory_enc_dec()` three passes (present-invalid and set `PROT_NS_SHARED`; RSI `rsi_set_memory_range_shared()`; valid again). Returns 0 outside a realm. On failure: \"Failed to decrypt memory, %d pages will be leaked\"." },
  { name: "its_alloc_pages_node", target: "linear", signature: "struct page *its_alloc_pages_node(int node, gfp_t gfp, unsigned int order)", doc: "GIC ITS: allocate pages for an ITS table and, in a realm, `set_memory_decrypted()` them. On failure returns NULL without a WARN of its own (the pages are leaked)." },
  { name: "swiotlb_update_mem_attributes", target: "none", signature: "void swiotlb_update_mem_attributes(void)", doc: "`set_memory_decrypted()` on the whole default swiotlb pool, ignoring the return value. The kernel calls it itself: from `arch_mm_preinit()` on v6.15–v7.0, from `mem_init()` on v7.1 and before v6.15; `move` relocates it." },
  { name: "kfence_init_late", target: "none", signature: "int kfence_init_late(void)", doc: "KFENCE enabled at run time after booting with `kfence.sample_interval=0`: the pool is allocated and `arch_kfence_init_pool()` splits it to PTEs with `range_split_to_ptes()` (BBML2 systems)." },
  { name: "memfd_secret", target: "none", signature: "int memfd_secret(unsigned int flags)", doc: "secretmem: returns `-ENOSYS` if `!can_set_direct_map()`; a faulted-in secret page is removed from the linear map with `set_direct_map_invalid_noflush()`." },
  { name: "add_memory", target: "memory", aliases: ["hot_add"], signature: "int add_memory(int nid, u64 start, u64 size, mhp_t mhp_flags)", doc: "Memory hot-add: `arch_add_memory()` maps the range with blocks unless `force_pte_mapping()` (evaluated now, with final caps)." },
  { name: "remove_memory", target: "memory", aliases: ["hot_remove"], signature: "int remove_memory(u64 start, u64 size)", doc: "Memory hot-remove: boot memory can never be offlined; since v7.1 a range whose edges fall inside a leaf is refused (\"[%lx %lx] splits a leaf entry in linear map\")." },
];

const byName = new Map<string, CallInfo>();
for (const c of CALLS) {
  byName.set(c.name, c);
  for (const a of c.aliases ?? []) byName.set(a, c);
}

/** Look a call up by its name or an alias. */
export function findCall(name: string): CallInfo | undefined {
  return byName.get(name);
}

/** Every name the language accepts for a call, canonical names first. */
export function callNames(): string[] {
  return [...CALLS.map((c) => c.name), ...CALLS.flatMap((c) => c.aliases ?? [])];
}
