// Where a scenario's memory goes: the machine's banks, holes and kernel image with their
// defaults, the switches that make the kernel allocate (KFENCE pool, swiotlb pool,
// debug_pagealloc), and the deterministic placement of everything allocated during boot, in
// boot order. One model, read by the checker (which reports what cannot be placed) and by
// the compiler (which builds the program from the same placements), so that a scenario the
// checker admits always compiles.
import type * as A from "../ast.js";
import {
  DEFAULT_GRANULE, DEFAULT_IMAGE, DEFAULT_IMAGE_OFFSET, DEFAULT_MEMORY, DEFAULT_PA_BITS, DEFAULT_SWIOTLB_SIZE, DEFAULT_VA_BITS, GRANULES, KCONFIG_SWITCHES,
  bootStepIndex, findCall, type GranuleName,
} from "../../catalog/index.js";

export interface Span {
  readonly start: bigint;
  readonly end: bigint;
}

export interface MachineLayout {
  readonly granule: GranuleName;
  readonly vaBits: number;
  readonly paBits: number;
  readonly banks: readonly Span[];
  readonly nomap: readonly Span[];
  readonly image: { readonly text: bigint; readonly stext: bigint; readonly initBegin: bigint; readonly initEnd: bigint; readonly bssStop: bigint };
}

const SZ_64K = 64n * 1024n;
const RELATIONS = ["before", "at", "after"] as const;
const BUDDY_STEP = bootStepIndex("memblock_free_all")!;
/** memblock_alloc_low(): the swiotlb pool goes below the 32-bit DMA limit when it can. */
const SWIOTLB_LOW_LIMIT = 1n << 32n;

export function lastBlock<K extends "machine" | "cpus" | "kernel">(ast: A.Scenario, kind: K): Extract<A.TopLevelItem, { kind: K }> | undefined {
  let found: Extract<A.TopLevelItem, { kind: K }> | undefined;
  for (let iIndex = 0; iIndex < ast.items.length; iIndex++) {
    const i = ast.items[iIndex]!;
    if (i.kind === kind) found = i as Extract<A.TopLevelItem, { kind: K }>;
  }
  return found;
}

export function regionSpan(r: A.Region): Span {
  return r.kind === "bounds" ? { start: r.start.value, end: r.start.value > r.end.value ? r.start.value : r.end.value } : { start: r.start.value, end: r.start.value + r.size.value };
}

/** The machine as the last `machine` block gives it, with the defaults of src/catalog. */
export function machineLayout(ast: A.Scenario): MachineLayout {
  const st = lastBlock(ast, "machine")?.statements ?? [];
  let granule: GranuleName = DEFAULT_GRANULE;
  let vaBits = DEFAULT_VA_BITS;
  let paBits = DEFAULT_PA_BITS;
  const memory: Span[] = [];
  const nomap: Span[] = [];
  let img: Extract<A.MachineStatement, { kind: "image" }> | undefined;
  for (const s of st) {
    if (s.kind === "granule") granule = GRANULES.find((g) => g.pageSize === s.size.value)?.name ?? granule;
    else if (s.kind === "va-bits") vaBits = Number(s.bits.value);
    else if (s.kind === "pa-bits") paBits = Number(s.bits.value);
    else if (s.kind === "memory") memory.push(regionSpan(s.region));
    else if (s.kind === "nomap") nomap.push(regionSpan(s.region));
    else if (s.kind === "image") img ??= s;
  }
  const banks = (memory.length > 0 ? memory : DEFAULT_MEMORY.map((b) => ({ start: b.base, end: b.base + b.size }))).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const text = img?.at?.value ?? banks[0]!.start + DEFAULT_IMAGE_OFFSET;
  const initBegin = text + (img?.text?.value ?? DEFAULT_IMAGE.text);
  const initEnd = initBegin + (img?.init?.value ?? DEFAULT_IMAGE.init);
  return {
    granule,
    vaBits,
    paBits,
    banks,
    nomap,
    // _stext is _text plus the 64-byte image header rounded up to SEGMENT_ALIGN (64 KiB).
    image: { text, stext: text + SZ_64K, initBegin, initEnd, bssStop: initEnd + (img?.data?.value ?? DEFAULT_IMAGE.data) },
  };
}

export function pageSizeOf(granule: GranuleName): bigint {
  return GRANULES.find((g) => g.name === granule)!.pageSize;
}

/** The kernel-block switches that make the kernel allocate memory during boot (none depends on the version). */
export interface AllocationSwitches {
  readonly realm: boolean;
  readonly swiotlbSize: bigint;
  readonly debugPagealloc: boolean;
  readonly kfence: { readonly configured: boolean; readonly earlyInit: boolean; readonly poolSize: bigint };
}

export function allocationSwitches(ast: A.Scenario, pageSize: bigint): AllocationSwitches {
  const st = lastBlock(ast, "kernel")?.statements ?? [];
  const config = new Map<string, string>(KCONFIG_SWITCHES.map((k) => [k.name, k.default]));
  const options = new Map<string, string>();
  let swiotlb: bigint | undefined;
  let realm = false;
  for (const s of st) {
    if (s.kind === "config") config.set(s.option.text, s.value.text);
    else if (s.kind === "cmdline") {
      for (const w of s.options) if (w.value !== undefined) options.set(w.name, w.value);
    } else if (s.kind === "swiotlb") swiotlb ??= s.size.value;
    else if (s.kind === "realm") realm = true;
  }
  const dpaOption = options.get("debug_pagealloc");
  const dpaConfigured = config.get("DEBUG_PAGEALLOC") !== "n" || dpaOption === "on";
  const debugPagealloc = dpaConfigured && (dpaOption === "on" || (dpaOption === undefined && config.get("DEBUG_PAGEALLOC_ENABLE_DEFAULT") === "y"));
  const interval = options.get("kfence.sample_interval") ?? config.get("KFENCE_SAMPLE_INTERVAL") ?? "100";
  const objects = BigInt(/^\d+$/.test(config.get("KFENCE_NUM_OBJECTS") ?? "") ? config.get("KFENCE_NUM_OBJECTS")! : "255");
  return {
    realm,
    swiotlbSize: swiotlb ?? DEFAULT_SWIOTLB_SIZE,
    debugPagealloc,
    kfence: { configured: config.get("KFENCE") !== "n", earlyInit: interval !== "0", poolSize: (objects + 1n) * 2n * pageSize },
  };
}

/** A deterministic model of the kernel's allocators: memblock top-down (below an optional limit), buddy bottom-up, first fit. */
export class PhysAllocator {
  private free: Span[];

  constructor(memory: readonly Span[], reserved: readonly Span[]) {
    this.free = memory.map((r) => ({ ...r }));
    // Reserve everything at once: one sweep over sorted free ranges and sorted reservations.
    const sorted = reserved.filter((r) => r.end > r.start).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const next: Span[] = [];
    let j = 0;
    for (const f of [...this.free].sort((a, b) => (a.start < b.start ? -1 : 1))) {
      let cur = f.start;
      while (j < sorted.length && sorted[j]!.end <= cur) j++;
      let k = j;
      while (k < sorted.length && sorted[k]!.start < f.end) {
        const r = sorted[k]!;
        if (r.start > cur) next.push({ start: cur, end: r.start });
        if (r.end > cur) cur = r.end;
        k++;
      }
      if (cur < f.end) next.push({ start: cur, end: f.end });
    }
    this.free = next;
  }

  private take(i: number, r: Span): void {
    const f = this.free[i]!;
    const parts: Span[] = [];
    if (f.start < r.start) parts.push({ start: f.start, end: r.start });
    if (r.end < f.end) parts.push({ start: r.end, end: f.end });
    this.free.splice(i, 1, ...parts);
  }

  /** memblock: the highest aligned fit below `limit`. */
  topDown(size: bigint, align: bigint, limit?: bigint): Span | undefined {
    for (let i = this.free.length - 1; i >= 0; i--) {
      const f = this.free[i]!;
      const top = limit !== undefined && f.end > limit ? limit : f.end;
      if (top <= f.start || top - f.start < size) continue;
      const start = (top - size) - ((top - size) % align);
      if (start >= f.start && start + size <= top) {
        const r = { start, end: start + size };
        this.take(i, r);
        return r;
      }
    }
    return undefined;
  }

  /** The buddy allocator: the lowest aligned fit. */
  bottomUp(size: bigint, align: bigint): Span | undefined {
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i]!;
      const start = f.start % align === 0n ? f.start : f.start + (align - (f.start % align));
      if (start + size <= f.end) {
        const r = { start, end: start + size };
        this.take(i, r);
        return r;
      }
    }
    return undefined;
  }
}

export interface LayoutPlacement {
  readonly name: string;
  readonly range: Span;
  readonly allocator: "fixed" | "memblock" | "buddy";
  readonly step: string;
}

/** Something that could not be placed, and where the scenario asks for it. */
export interface LayoutFailure {
  readonly name: string;
  readonly size: bigint;
  readonly step: string;
  readonly relation: string;
  readonly range: A.SourceRange | undefined;
}

export interface ScenarioLayout {
  readonly machine: MachineLayout;
  readonly pageSize: bigint;
  readonly switches: AllocationSwitches;
  /** Fixed buffers and buffers, vmalloc areas and kernel pools placed at their first use, by name. */
  readonly byName: ReadonlyMap<string, LayoutPlacement>;
  /** The declaration of each buffer and vmalloc area name (the first, when one is declared twice). */
  readonly declared: ReadonlyMap<string, A.BufferDeclaration | A.VmallocDeclaration>;
  /** Placements made for one call (`memfd_secret`'s page, `kfence_init_late`'s pool), by the call. */
  readonly byCall: ReadonlyMap<A.CallStatement, LayoutPlacement>;
  /** Every placement in the order made (fixed ones first). */
  readonly placements: readonly LayoutPlacement[];
  readonly failures: readonly LayoutFailure[];
}

interface Request {
  readonly order: number;
  readonly sub: number;
  readonly seq: number;
  readonly name: string;
  readonly size: bigint;
  readonly align: bigint;
  readonly step: string;
  readonly relation: "before" | "at" | "after";
  readonly low?: bigint;
  readonly call?: A.CallStatement;
  readonly where: A.SourceRange | undefined;
}

type Declaration = A.BufferDeclaration | A.VmallocDeclaration;

const declarations = new WeakMap<A.Scenario, ReadonlyMap<string, Declaration>>();

/**
 * The declaration of each buffer and vmalloc area name, in declaration order (the first, when
 * a name is declared twice). Made once per scenario: the checker, the layout and the compiler
 * each look names up in it (one map of 100,000 names costs a tenth of a second to build).
 */
export function declarationsOf(ast: A.Scenario): ReadonlyMap<string, Declaration> {
  let known = declarations.get(ast);
  if (!known) {
    const made = new Map<string, Declaration>();
    for (const i of ast.items) {
      if ((i.kind === "buffer" || i.kind === "vmalloc") && !made.has(i.name.text)) made.set(i.name.text, i);
    }
    declarations.set(ast, (known = made));
  }
  return known;
}

/**
 * Places what the boot allocates, in boot order: within one step and relation the step's
 * own allocations (the KFENCE pool at paging_init, the swiotlb pool at arch_mm_preinit)
 * come first, then the kernel's calls, then the scenario's calls in source order. A buffer
 * or vmalloc area is placed at the first call that uses it.
 */
const layouts = new WeakMap<A.Scenario, ScenarioLayout>();

export function layoutScenario(ast: A.Scenario): ScenarioLayout {
  // The checker and then the compiler ask for the same scenario's layout: compute it once.
  const known = layouts.get(ast);
  if (known) return known;
  const layout = computeLayout(ast);
  layouts.set(ast, layout);
  return layout;
}

function computeLayout(ast: A.Scenario): ScenarioLayout {
  const machine = machineLayout(ast);
  const pageSize = pageSizeOf(machine.granule);
  const switches = allocationSwitches(ast, pageSize);
  const kernelBlock = lastBlock(ast, "kernel");
  const kernelWhere = (kind: string) => kernelBlock?.statements.find((s) => s.kind === kind)?.range ?? kernelBlock?.range;
  const slot = (step: string, relation: "before" | "at" | "after") => (bootStepIndex(step) ?? 0) * 3 + RELATIONS.indexOf(relation);
  const requests: Request[] = [];
  let seq = 0;
  const request = (r: Omit<Request, "seq" | "order"> & { order?: number }) => requests.push({ ...r, order: r.order ?? slot(r.step, r.relation), seq: seq++ });

  if (switches.kfence.configured && switches.kfence.earlyInit) {
    request({ sub: 0, name: "kfence_pool", size: switches.kfence.poolSize, align: pageSize, step: "paging_init", relation: "at", where: kernelWhere("config") });
  }
  if (switches.realm) {
    request({ sub: 0, name: "swiotlb_pool", size: switches.swiotlbSize, align: pageSize, step: "arch_mm_preinit", relation: "at", low: SWIOTLB_LOW_LIMIT, where: kernelWhere("swiotlb") ?? kernelWhere("realm") });
  }
  if (switches.debugPagealloc) {
    request({ sub: 1, name: "debug_pagealloc_page", size: pageSize, align: pageSize, step: "memblock_free_all", relation: "at", where: kernelWhere("cmdline") });
  }

  const declared = declarationsOf(ast);
  const fixed: LayoutPlacement[] = [];
  let unfixed = false;
  // forEach, and indexed loops below: a for...of makes an iterator result per element until
  // the optimizing compiler takes over (~100 MB of garbage for a 100,000-line scenario).
  declared.forEach((i) => {
    // Fixed placements: buffers and vmalloc areas whose physical pages the scenario gives.
    if (i.at) fixed.push({ name: i.name.text, range: { start: i.at.value, end: i.at.value + i.size.value }, allocator: "fixed", step: "" });
    else unfixed = true;
  });
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind !== "calls-at" || bootStepIndex(s.when.step.text) === undefined) continue;
      const { step, relation } = { step: s.when.step.text, relation: s.when.relation };
      for (let cIndex = 0; cIndex < s.calls.length; cIndex++) {
        const c = s.calls[cIndex]!;
        const info = findCall(c.call.text);
        if (!info) continue;
        if (info.name === "memfd_secret") request({ sub: 2, name: "secretmem", size: pageSize, align: pageSize, step, relation, call: c, where: c.range });
        // One late pool, placed at the first kfence_init_late(); alloc_contig_pages() aligns it
        // naturally (its size's lowest set bit, domain.md §2.5, §9 q17).
        else if (info.name === "kfence_init_late") request({ sub: 2, name: "kfence_late_pool", size: switches.kfence.poolSize, align: switches.kfence.poolSize & -switches.kfence.poolSize, step, relation, where: c.range });
        // A buffer without an address is placed at its first use (none: no name to look up).
        else if (unfixed && c.target?.kind === "buffer") {
          const d = declared.get(c.target.name.text);
          if (!d || d.at) continue;
          const align = d.kind === "buffer" && d.align ? d.align.value : pageSize;
          request({ sub: 2, name: d.name.text, size: d.size.value, align, step, relation, where: d.range });
        }
      }
    }
  }
  requests.sort((a, b) => a.order - b.order || a.sub - b.sub || a.seq - b.seq);

  const memory = machine.banks.flatMap((b) => subtractAll(b, machine.nomap));
  const reserved: Span[] = [{ start: machine.image.text, end: machine.image.bssStop }];
  for (let fIndex = 0; fIndex < fixed.length; fIndex++) {
    const f = fixed[fIndex]!;
    reserved.push(f.range);
  }
  const allocator = new PhysAllocator(memory, reserved);
  const byName = new Map<string, LayoutPlacement>();
  for (let fIndex = 0; fIndex < fixed.length; fIndex++) {
    const f = fixed[fIndex]!;
    byName.set(f.name, f);
  }
  const byCall = new Map<A.CallStatement, LayoutPlacement>();
  const placements: LayoutPlacement[] = [...fixed];
  const failures: LayoutFailure[] = [];
  const failed = new Set<string>();
  for (const r of requests) {
    if (!r.call && (byName.has(r.name) || failed.has(r.name))) continue;
    const idx = bootStepIndex(r.step)!;
    const memblock = idx < BUDDY_STEP || (idx === BUDDY_STEP && r.relation === "before");
    let range = memblock ? allocator.topDown(r.size, r.align, r.low) : allocator.bottomUp(r.size, r.align);
    if (!range && r.low !== undefined) range = allocator.topDown(r.size, r.align);
    if (!range) {
      failed.add(r.name);
      failures.push({ name: r.name, size: r.size, step: r.step, relation: r.relation, range: r.where });
      continue;
    }
    const p: LayoutPlacement = { name: r.name, range, allocator: memblock ? "memblock" : "buddy", step: r.step };
    placements.push(p);
    if (r.call) byCall.set(r.call, p);
    else byName.set(r.name, p);
  }
  return { machine, pageSize, switches, byName, declared, byCall, placements, failures };
}

function subtractAll(r: Span, holes: readonly Span[]): Span[] {
  let parts = [r];
  for (const h of holes) {
    parts = parts.flatMap((p) => (h.end <= p.start || h.start >= p.end ? [p] : [
      ...(p.start < h.start ? [{ start: p.start, end: h.start }] : []),
      ...(h.end < p.end ? [{ start: h.end, end: p.end }] : []),
    ]));
  }
  return parts;
}

