// Every string a chart shows a reader: titles, axis titles, lane and legend names, the rules of
// the black-out windows, outcome names. One catalogue (as vega-lite's src/log/message.ts) so
// the charts, their tests and the gallery speak with one vocabulary.
export const chartMsg = {
  // Address axes: which address space, always stated.
  physicalAxis: () => "physical address (PA)",
  virtualAxis: () => "virtual address (VA, linear map)",
  paRange: () => "PA range",
  vaPtdump: () => "ptdump line (VA)",
  trueState: () => "true state",
  hiddenInvalid: () => "invalid (not shown by this kernel's ptdump)",
  size: () => "size",

  // Lanes of the map strip.
  laneLeaf: () => "leaf size",
  laneReadOnly: () => "read-only",
  laneInvalid: () => "invalid",
  laneShared: () => "shared (decrypted)",
  laneCalls: () => "calls",
  legendMap: () => "leaf (level, contiguity) and attribute",
  legendOutcome: () => "call outcome",

  // Leaf classes, named by the sizes of this granule.
  topBlock: (size: string, level: string) => `${size} block (${level}, top level)`,
  contBlock: (size: string, level: string) => `${size} contiguous block (cont ${level})`,
  block: (size: string, level: string) => `${size} block (${level})`,
  contPage: (size: string) => `${size} contiguous pages (cont PTE)`,
  page: (size: string) => `${size} page (PTE)`,
  hole: () => "hole (not mapped)",

  // Outcomes of a call.
  ok: () => "ok",
  okWarn: () => "ok with WARN",
  okLeftInvalid: () => "ok, pages left invalid",
  ebusy: () => "-EBUSY",
  einval: () => "-EINVAL",
  enomem: () => "-ENOMEM",
  otherError: () => "other error",
  notMade: () => "not made",

  // The map chart.
  mapTitle: (version: string, granule: string, when: string | undefined) => `linear map · ${version} · ${granule} granule · ${when ?? "end of boot"}`,
  aggregated: (bin: string) => `leaf sizes aggregated in ${bin} bins (each takes the class covering most of it; neighbours of one class are one mark)`,
  bankPanel: (i: number, range: string, size: string) => `bank ${i}: ${range} · ${size}`,
  bankPartPanel: (i: number, range: string, size: string) => `bank ${i}, part: ${range} · ${size}`,
  hotAddedPanel: (range: string, size: string) => `hot-added memory (outside the boot banks): ${range} · ${size}`,
  detailPanel: (i: number, range: string, size: string, why: string) => `detail ${i}: ${range} · ${size} around ${why}`,
  detailsWhere: (list: string) => `details below: ${list}`,
  detailsMore: (n: number) => `${n} more small call range${n === 1 ? "" : "s"} without a detail panel: see the markers in the calls lane`,
  detailLabel: (i: number) => `detail ${i}`,
  binned: (bin: string) => `aggregated in ${bin} bins: each takes the class covering most of it`,
  markerNote: () => "ranges narrower than 3 px are drawn as 3 px markers; the tooltip gives the exact range",
  callWhat: (call: string, target: string, rc: string, step: string) => `${call} ${target} (${rc} ${step})`,
  callsIn: (n: number) => `${n} call${n === 1 ? "" : "s"}`,

  // The timeline.
  timelineTitle: (version: string, policy: string, calls: number, warns: number) => `boot timeline · ${version} (policy ${policy}) · ${calls} calls · ${warns} WARNs`,
  noWindows: (version: string) => `${version} has no black-out windows: split-requiring changes are decided by the BBML2 and block rules alone`,
  bootStep: () => "boot step",
  cpusOnline: () => "CPUs online",
  legendWindow: () => "black-out window (splits refused: WARN, -EBUSY)",
  legendEvent: () => "event",
  window1: () => "window 1: map_mem() until mem_init() sets page_alloc_available",
  window2: () => "window 2: first secondary online until caps are finalized",
  window2Assumed: () => "window 2 (assumed for this proposal): first secondary online until caps are finalized",
  eventCaps: () => "caps finalized: setup_system_capabilities()",
  eventRepaint: () => "repaint: linear_map_split_to_ptes() under stop_machine()",
  eventPageAlloc: () => "page_alloc_available = true (mem_init)",

  // The page-table chart.
  pagetablesTitle: (version: string) => `page-table pages by allocator · ${version}`,
  pagetablesCompareTitle: (versions: string) => `page-table pages · ${versions}`,
  pagesSoFar: () => "page-table pages so far",
  allocator: () => "allocator",
  kernel: () => "kernel",
  identical: (names: readonly string[]) => names.join(" = "),

  // Tooltip field titles.
  tip: {
    kernel: "kernel",
    call: "call",
    target: "target",
    origin: "made by",
    step: "step",
    cpu: "CPU",
    outcome: "outcome",
    rc: "returned",
    warns: "WARNs",
    invalid: "pages left invalid",
    pages: "page-table pages",
    pagesShort: "pages",
    kib: "KiB",
    from: "from",
    until: "until",
  },
  windowLabel: (n: number) => `window ${n}`,

  // The text/plain summaries (notebooks check their first words: keep "chart: <kind>").
  summaryMap: (runs: number, parts: string, agg: string, details: number) =>
    `chart: linear map, ${runs} runs (${parts})${agg ? `, aggregated to ${agg} bins` : ""}${details > 0 ? `, ${details} detail panel${details === 1 ? "" : "s"}` : ""}`,
  summaryTimeline: (calls: number, outcomes: string, windows: string) => `chart: boot timeline, ${calls} calls (${outcomes}), ${windows}`,
  summaryNoWindows: () => "no black-out windows",
  summaryPagetables: (total: bigint) => `chart: page-table pages per step by allocator, ${total} in all`,
  summaryPagetablesCompare: (list: string) => `chart: page-table pages per step for ${list}`,
  summaryCompare: (kernels: number, identities: number) => `chart: ${kernels} kernels × ${identities} call identities, and their linear maps`,

  // The compare chart.
  compareTitle: (versions: string) => `compare ${versions}`,
  scenarioCall: () => "scenario",
  kernelCall: () => "the kernel's own call",
  kernelTarget: (label: string) => `kernel: ${label}`,
  occurrence: (label: string, n: number) => `${label} (call ${n})`,
  compareStrips: () => "final linear map per kernel",
} as const;
