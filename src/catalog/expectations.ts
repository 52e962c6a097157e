// The vocabulary of expectations and output commands: the attributes a range can be
// expected to have, the return codes calls can give, and the names `show`, `chart` and
// `sweep` accept. The checker validates against these; the simulator and the renderers
// implement exactly these.

export interface AttributeInfo {
  readonly name: string;
  /** The attribute that contradicts it. */
  readonly opposite: string;
  readonly doc: string;
}

export const RANGE_ATTRIBUTES: readonly AttributeInfo[] = [
  { name: "valid", opposite: "invalid", doc: "Every page is mapped (PTE_VALID set)." },
  { name: "invalid", opposite: "valid", doc: "Every page is unmapped or present-invalid." },
  { name: "ro", opposite: "rw", doc: "Read-only (PTE_RDONLY)." },
  { name: "rw", opposite: "ro", doc: "Writable." },
  { name: "x", opposite: "nx", doc: "Kernel-executable (PXN clear)." },
  { name: "nx", opposite: "x", doc: "Not kernel-executable (PXN set)." },
  { name: "shared", opposite: "private", doc: "Realm: decrypted, shared with the host (PROT_NS_SHARED)." },
  { name: "private", opposite: "shared", doc: "Realm: protected (no PROT_NS_SHARED)." },
  { name: "cont", opposite: "nocont", doc: "Mapped by entries with the contiguous bit." },
  { name: "nocont", opposite: "cont", doc: "No entry covering it has the contiguous bit." },
];

/** Return codes the modelled calls can give. */
export const ERRNOS: readonly { name: string; value: number; doc: string }[] = [
  { name: "-EINVAL", value: -22, doc: "A permission change hit a block it cannot split, or the range is not one the call accepts." },
  { name: "-EBUSY", value: -16, doc: "A split was needed inside a black-out window (v7.1: before `mem_init()`, or while secondaries come online)." },
  { name: "-ENOMEM", value: -12, doc: "No memory for a page-table page." },
  { name: "-ENOSYS", value: -38, doc: "`memfd_secret()` when `!can_set_direct_map()`." },
  { name: "-EEXIST", value: -17, doc: "`add_memory()` of a range that is already memory." },
  { name: "-EPERM", value: -1, doc: "Not permitted." },
];

export const SHOW_VIEWS: readonly { name: string; doc: string }[] = [
  { name: "calls", doc: "A table of every call: step, CPU, range, return code, WARNs, splits, page-table pages, TLB flushes." },
  { name: "trace", doc: "The boot as a kernel log (dmesg style), with WARN splats." },
  { name: "ptdump", doc: "The linear map in the format of /sys/kernel/debug/kernel_page_tables." },
  { name: "stats", doc: "Bytes per leaf size and page-table pages per step." },
];

export const CHART_KINDS: readonly { name: string; doc: string }[] = [
  { name: "map", doc: "The linear map as bands of leaf sizes and attributes." },
  { name: "timeline", doc: "Calls over the boot steps, with the black-out windows." },
  { name: "pagetables", doc: "Page-table pages allocated per step, by allocator." },
  { name: "compare", doc: "Outcomes of the same calls under several policies." },
];

export const SWEEP_AXES: readonly { name: string; values: readonly string[] | "versions" | "addresses"; doc: string }[] = [
  { name: "policy", values: "versions", doc: "Kernel versions or policy names." },
  { name: "version", values: "versions", doc: "Same as policy." },
  { name: "granule", values: ["4K", "16K", "64K"], doc: "Translation granule." },
  { name: "rodata", values: ["on", "off", "noalias", "full"], doc: "The rodata= command-line option." },
  { name: "realm", values: ["on", "off"], doc: "Realm guest or not." },
  { name: "debug_pagealloc", values: ["on", "off"], doc: "The debug_pagealloc= command-line option." },
];

/** Calls the kernel makes on its own; `move` relocates them. */
export const KERNEL_OWN_CALLS: readonly string[] = ["swiotlb_update_mem_attributes"];
