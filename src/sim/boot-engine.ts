// The boot engine: walks the boot plan in order, doing each step's own linear-map work
// (map_mem(), realm detection, the buddy hand-over, page_alloc_available, caps finalization
// and the repaint, the kernel alias made read-only) and running the calls and CPU events the
// plan puts around it. Expectations are checked at the plan positions they name.
import { placementNamed } from "./placements.js";
import { CALLS, findBootStep, findMidr, type BootMilestone } from "../catalog/index.js";
import { LINMAP_VERSION } from "../version.js";
import { geometryFor } from "./geometry/granule-geometry.js";
import { LinuxKernel, newAccount } from "./kernel-state.js";
import { linuxPolicy } from "./policies/index.js";
import type { BootEvent, CallEvent, PhysRange, Program } from "./program.js";
import type { CallResult, MapSnapshot, PagesByAllocator, SimResult, StepStats } from "./result.js";
import { runCall } from "./calls.js";
import { NG, RDONLY, VALID } from "./tables/page-table.js";
import { linearBase } from "./kaslr.js";
import { bornNonGlobal, kptiDecision } from "./kpti.js";
import { kmsg, notes } from "./messages.js";
import { evaluateExpectation, evaluateCallExpectation } from "./expectations.js";
import { errnoName } from "./errno.js";

export interface SimulateOptions {
  /** Polled between events; returning true stops the run (marked interrupted). */
  readonly shouldStop?: () => boolean;
}

function emptyPages(): PagesByAllocator {
  return { memblock: 0n, buddy: 0n, atomic: 0n };
}

/** Physical ranges of `outer` minus every range in `holes`. */
function subtract(outer: PhysRange, holes: readonly PhysRange[]): PhysRange[] {
  let parts: PhysRange[] = [outer];
  for (const h of holes) {
    const next: PhysRange[] = [];
    for (const p of parts) {
      if (h.end <= p.start || h.start >= p.end) next.push(p);
      else {
        if (p.start < h.start) next.push({ start: p.start, end: h.start });
        if (h.end < p.end) next.push({ start: h.end, end: p.end });
      }
    }
    parts = next;
  }
  return parts;
}

export function simulate(program: Program, opts: SimulateOptions = {}): SimResult {
  const geometry = geometryFor(program.machine.granule, program.machine.vaBits);
  const base = linearBase(program, geometry);
  const memstart = base.memstart;
  const policy = linuxPolicy(program.kernel.policy, program.kernel.policyTitle, program.kernel.settings);
  const k = new LinuxKernel(program, geometry, policy, memstart);
  k.kaslrEnabled = base.kaslrEnabled;
  k.kaslrMessages = base.messages;
  k.useNgMappings = bornNonGlobal(program, base.kaslrEnabled);
  for (const n of policy.notes) k.notes.add(n);
  for (const n of program.notes) k.notes.add(n);
  k.log.push(kmsg.linmapKernel(program.kernel.version, policy.id));
  k.log.push(kmsg.bootingLinux(midrValue(k.bootCpu.midr)));
  for (const m of program.kernel.cmdlineMessages) k.log.push(m);
  if (base.randomised) k.log.push(kmsg.linearBase(memstart));

  const calls: CallResult[] = [];
  const perStep = new Map<string, PagesByAllocator>();
  const snapshots = new Map<string, MapSnapshot>();
  const onlinePerStep: { step: string; online: number }[] = [];
  const expectations = program.expectations.map((e) => ({ e, result: undefined as undefined | { passed: boolean; actual: string } }));
  // The expectations to evaluate after each plan event, by its index (one lookup per event,
  // not a pass over every expectation).
  const dueAt = new Map<number, typeof expectations>();
  for (const x of expectations) {
    if (x.e.check.kind === "call-result") continue;
    const due = dueAt.get(x.e.check.at);
    if (due) due.push(x);
    else dueAt.set(x.e.check.at, [x]);
  }
  const hotplugged: PhysRange[] = [];
  let interrupted = false;

  // The step's entry is made at its first event (that order is the stats' order); most calls
  // allocate no page-table page, and their zeros are not added (a BigInt each).
  let lastStep: string | undefined;
  let lastPages: PagesByAllocator | undefined;
  const addStepPages = (step: string, pages: PagesByAllocator): void => {
    let acc = step === lastStep ? lastPages : perStep.get(step);
    if (!acc) perStep.set(step, (acc = emptyPages()));
    lastStep = step;
    lastPages = acc;
    if (pages.memblock !== 0n) acc.memblock += pages.memblock;
    if (pages.buddy !== 0n) acc.buddy += pages.buddy;
    if (pages.atomic !== 0n) acc.atomic += pages.atomic;
  };

  program.plan.forEach((ev: BootEvent, index: number) => {
    if (interrupted) return;
    if (opts.shouldStop?.()) {
      interrupted = true;
      return;
    }
    k.account = newAccount();
    k.at(ev.step, ev.kind === "step" ? "at" : ev.relation);
    switch (ev.kind) {
      case "step":
        k.currentCpu = k.bootCpu.id;
        doStepWork(k, ev.step, findBootStep(ev.step)?.milestone);
        addStepPages(ev.step, k.account.pages);
        break;
      case "call":
        calls.push(runCallEvent(k, ev, hotplugged));
        addStepPages(ev.step, k.account.pages);
        break;
      case "cpu-online":
        onlineSecondary(k, ev.cpu);
        break;
      case "cpu-hotplug":
        hotplugCpu(k, ev.cpu);
        break;
      case "checkpoint":
        break;
    }
    for (const x of dueAt.get(index) ?? []) {
      if (x.e.check.kind !== "call-result") x.result = evaluateExpectation(k, x.e.check);
    }
    const next = program.plan[index + 1];
    if (!next || next.step !== ev.step) {
      snapshots.set(ev.step, { root: k.map.snapshot(), memstart });
      onlinePerStep.push({ step: ev.step, online: k.online.size });
    }
  });

  let callsById: Map<number, CallResult> | undefined;
  for (const x of expectations) {
    if (x.e.check.kind !== "call-result") continue;
    callsById ??= new Map(calls.map((c) => [c.id, c]));
    x.result = evaluateCallExpectation(callsById, x.e.check, geometry.pageSize);
  }
  if (program.kernel.realm) k.notes.add(notes.realmTiming());

  return {
    provenance: {
      linmap: LINMAP_VERSION,
      version: program.kernel.version,
      policy: policy.id,
      policyTitle: program.kernel.policyTitle,
      granule: program.machine.granule,
      vaBits: program.machine.vaBits,
    },
    geometry,
    banks: program.machine.banks,
    calls,
    log: k.log,
    finalMap: { root: k.map.snapshot(), memstart },
    snapshots,
    settings: program.kernel.settings,
    ptdumpHidesInvalidBlocks: !policy.invalidLargeLeavesFixed,
    stats: {
      pagetablePages: k.map.pagetablePages,
      perStep: [...perStep].map(([step, pagetablePages]): StepStats => ({ step, pagetablePages })),
    },
    expectations: expectations.map((x) => ({
      text: x.e.text,
      source: x.e.source,
      passed: x.result?.passed ?? false,
      actual: x.result?.actual ?? (interrupted ? "not reached (interrupted)" : "not evaluated"),
    })),
    warnCount: k.warnCount,
    cpus: program.cpus.map((c) => ({ id: c.id, online: k.online.has(c.id), refused: k.refused.has(c.id), bbml2Noabort: c.bbml2Noabort })),
    onlinePerStep,
    linearMapRequiresBbml2: k.linearMapRequiresBbml2,
    systemBbml2: k.systemBbml2,
    notes: [...k.notes],
    interrupted,
  };
}

/** The MIDR_EL1 value of a named part (variant and revision 0), as the boot banner prints it. */
function midrValue(name: string | undefined): number {
  const m = name ? findMidr(name) : undefined;
  if (!m) return 0;
  return ((m.implementer << 24) | (0xf << 16) | (m.partNum << 4)) >>> 0;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

const NO_SPLITS: readonly string[] = Object.freeze([]);
const NO_PAGES: PagesByAllocator = Object.freeze({ memblock: 0n, buddy: 0n, atomic: 0n }) as PagesByAllocator;

/** The calls whose result counts the pages of their range left invalid (decrypt, encrypt, ITS, swiotlb). */
const LEAVES_PAGES_INVALID: ReadonlySet<string> = new Set(CALLS.map((c) => c.name).filter((n) => /crypted|its_alloc|swiotlb/.test(n)));

function runCallEvent(k: LinuxKernel, ev: CallEvent, hotplugged: PhysRange[]): CallResult {
  if (k.online.has(ev.cpu)) k.currentCpu = ev.cpu;
  else {
    k.currentCpu = k.bootCpu.id;
    k.notes.add(notes.cpuOffline(ev.cpu));
  }
  const rc = runCall(k, ev, hotplugged);
  const range = ev.target.kind === "range" ? ev.target.range : undefined;
  let invalidPagesLeft = 0n;
  const touched = touchedRanges(k, ev);
  const checkRange = ev.call === "swiotlb_update_mem_attributes" ? placementNamed(k.program, "swiotlb_pool")?.range : range;
  if (checkRange && LEAVES_PAGES_INVALID.has(ev.call)) {
    for (const s of k.map.leafSegments(checkRange.start, checkRange.end)) {
      if ((s.bits & VALID) === 0) invalidPagesLeft += (s.end - s.start) / k.geometry.pageSize;
    }
  }
  const a = k.account;
  const { id, call, origin, step, relation } = ev;
  const label = ev.target.label;
  const cpu = k.currentCpu;
  const rcName = errnoName(rc);
  const { warns, contGroupsSplit, pagesFreed: pagetablePagesFreed, tlbFlushes } = a;
  // Most calls split nothing: share one empty list and one zero count between them.
  const splits = NO_SPLITS;
  const pagetablePages = a.pages.memblock !== 0n || a.pages.buddy !== 0n || a.pages.atomic !== 0n ? a.pages : NO_PAGES;
  const source = ev.source;
  // Written out for each shape rather than with spreads (or a field added afterwards, which
  // goes to a separate property store): this runs for every call, and a spread in an object
  // literal costs several times the whole literal. The keys are in the same order in each.
  let result: Writable<CallResult>;
  if (range && source) result = { id, call, origin, label, range, touched, step, relation, cpu, rc, rcName, warns, splits, contGroupsSplit, pagetablePages, pagetablePagesFreed, tlbFlushes, invalidPagesLeft, source };
  else if (range) result = { id, call, origin, label, range, touched, step, relation, cpu, rc, rcName, warns, splits, contGroupsSplit, pagetablePages, pagetablePagesFreed, tlbFlushes, invalidPagesLeft };
  else if (source) result = { id, call, origin, label, touched, step, relation, cpu, rc, rcName, warns, splits, contGroupsSplit, pagetablePages, pagetablePagesFreed, tlbFlushes, invalidPagesLeft, source };
  else result = { id, call, origin, label, touched, step, relation, cpu, rc, rcName, warns, splits, contGroupsSplit, pagetablePages, pagetablePagesFreed, tlbFlushes, invalidPagesLeft };
  // The list is built when first read: a vmalloc alias update can make millions of steps.
  const log = a.splits;
  if (log.length > 0) Object.defineProperty(result, "splits", { enumerable: true, get: () => log.toArray() });
  return result;
}

/** The ranges a call acts on, for the result (the placements are the ones src/sim/calls.ts uses). */
function touchedRanges(k: LinuxKernel, ev: CallEvent): readonly PhysRange[] {
  const t = ev.target;
  if (t.kind === "range") return [t.range];
  if (t.kind === "vmalloc") return t.pages;
  const placed = (name: string) => placementNamed(k.program, name)?.range;
  const r =
    ev.call === "swiotlb_update_mem_attributes" ? placed("swiotlb_pool") : ev.call === "kfence_init_late" ? placed("kfence_late_pool") : ev.call === "memfd_secret" ? placed(`secretmem#${ev.id}`) : undefined;
  return r ? [r] : [];
}

function doStepWork(k: LinuxKernel, step: string, milestone: BootMilestone | undefined): void {
  const p = k.program;
  switch (milestone) {
    case "map_mem":
      k.within("map_mem", () => mapMem(k));
      return;
    case "rsi_init":
      if (p.kernel.realm) {
        k.realmVisible = true;
        k.log.push(kmsg.rsiInit());
      }
      return;
    case "buddy_handover":
      k.buddyUp = true;
      return;
    case "page_alloc_available":
      k.pageAllocAvailable = true;
      if (k.policy.settings.window1 === "on") k.log.push(kmsg.memInit());
      return;
    case "caps_finalized":
      k.within("setup_system_features", () => finalizeCaps(k));
      return;
    case "text_alias_ro":
      k.within("mark_linear_text_alias_ro", () => markLinearTextAliasRo(k));
      return;
    case "free_initmem":
      k.log.push(kmsg.freeInitmem((p.machine.image.initEnd - p.machine.image.initBegin) / 1024n));
      return;
    case "rodata_ro":
      // Before v7.2 mark_rodata_ro() changes only the image mapping, not the linear map.
      if (p.kernel.settings.alias_series === "on") {
        updateMappingProt(k, p.machine.image.initEnd, p.machine.image.bssStop, k.linearLeafBits() | RDONLY);
        k.log.push(kmsg.dataBssRo());
      }
      k.log.push(kmsg.rodataRo());
      return;
    case "userspace":
      k.log.push(kmsg.runInit());
      return;
    default:
      if (step === "arch_mm_preinit") {
        const pool = placementNamed(p, "swiotlb_pool");
        if (pool) k.log.push(kmsg.swiotlbMapped(pool.range.start, pool.range.end, (pool.range.end - pool.range.start) >> 20n));
      }
      if (step === "smp_cpus_done") k.log.push(kmsg.smpTotal(k.online.size));
      // kaslr_init() is a subsys_initcall: its verdict appears among the initcalls.
      if (step === "do_basic_setup") for (const m of k.kaslrMessages) k.log.push(m);
      return;
  }
}

/** The kernel alias's physical start: lm_alias(_stext) up to v6.17, lm_alias(_text) from 5973a62efa34. */
function aliasStart(k: LinuxKernel): bigint {
  const img = k.program.machine.image;
  return k.program.kernel.settings.alias_start === "_stext" ? img.stext : img.text;
}

/**
 * map_mem() (domain.md §2.2). ≤ v7.1: the early KFENCE pool and the kernel alias are NOMAP
 * holes while the banks are mapped (so their edges cut blocks), then the alias is mapped with
 * PAGE_KERNEL and NO_CONT_MAPPINGS only and the pool with PTEs. v7.2: pool, alias and
 * data/bss first with the linear flags, then the banks over them.
 */
function mapMem(k: LinuxKernel): void {
  const p = k.program;
  const before = k.map.pagetablePages;
  const linear = k.linearLeafBits();
  const pool = k.kfenceEarlyInit ? placementNamed(p, "kfence_pool") : undefined;
  const img = p.machine.image;
  const alias: PhysRange = { start: aliasStart(k), end: img.initBegin };
  const poolFlags = { noBlock: true, noCont: true };
  if (p.kernel.settings.alias_series === "on") {
    if (pool) k.map.mapRange(pool.range.start, pool.range.end, linear, poolFlags);
    k.linearMapRequiresBbml2 = k.policy.linearMapRequiresBbml2(k);
    const forced = k.policy.linearMapForcedPte(k);
    const flags = { noBlock: forced, noCont: forced };
    k.map.mapRange(alias.start, alias.end, linear, flags);
    k.map.mapRange(img.initEnd, img.bssStop, linear, flags);
    for (const bank of p.machine.banks) for (const part of subtract(bank, p.machine.nomap)) k.map.mapRange(part.start, part.end, linear, flags);
    k.notes.add(notes.aliasSeriesTagged());
    finishMapMem(k, before, forced, pool);
    return;
  }
  k.linearMapRequiresBbml2 = k.policy.linearMapRequiresBbml2(k);
  const forced = k.policy.linearMapForcedPte(k);
  const flags = { noBlock: forced, noCont: forced, refuseBlockOverTable: true };
  const holes = [...p.machine.nomap, alias, ...(pool ? [pool.range] : [])];
  for (const bank of p.machine.banks) for (const part of subtract(bank, holes)) k.map.mapRange(part.start, part.end, linear, flags);
  k.map.mapRange(alias.start, alias.end, k.kernelLeafBits(), { noBlock: false, noCont: true, refuseBlockOverTable: true });
  if (pool) k.map.mapRange(pool.range.start, pool.range.end, linear, { ...poolFlags, refuseBlockOverTable: true });
  k.notes.add(notes.kernelAliasModel(p.kernel.settings.alias_start));
  finishMapMem(k, before, forced, pool);
}

function finishMapMem(k: LinuxKernel, before: bigint, forced: boolean, pool: { range: PhysRange } | undefined): void {
  k.chargePages(before, "memblock");
  if (pool) {
    k.log.push(kmsg.kfenceMapPool(pool.range.start, pool.range.end));
    k.notes.add(notes.kfencePoolPlacement());
  }
  k.log.push(
    kmsg.mapMem(
      forced
        ? "mapped with PTEs (force_pte_mapping())"
        : `mapped with block mappings (linear_map_requires_bbml2=${k.linearMapRequiresBbml2 ? 1 : 0})`,
    ),
  );
}

/**
 * update_mapping_prot(): __create_pgd_mapping() again over an existing mapping with the new
 * protection, NO_CONT_MAPPINGS (flags 0 in v7.2), no allocation. ≤ v7.1 refuses block
 * requests over tables silently. Returns the refused chunks.
 */
function updateMappingProt(k: LinuxKernel, start: bigint, end: bigint, bits: number): PhysRange[] {
  const series = k.program.kernel.settings.alias_series === "on";
  const refused = k.map.mapRange(start, end, bits, { noBlock: false, noCont: !series, refuseBlockOverTable: !series });
  k.account.tlbFlushes++;
  return refused;
}

/** mark_linear_text_alias_ro(): the alias becomes PAGE_KERNEL_RO in place. */
function markLinearTextAliasRo(k: LinuxKernel): void {
  const p = k.program;
  const bits = (p.kernel.settings.alias_series === "on" ? k.linearLeafBits() : k.kernelLeafBits()) | RDONLY;
  const refused = updateMappingProt(k, aliasStart(k), p.machine.image.initBegin, bits);
  k.log.push(kmsg.textAliasRo(p.kernel.settings.alias_start));
  for (const r of refused) {
    k.log.push(kmsg.textAliasRoRefused(r.start, r.end));
    k.notes.add(notes.aliasWritable(r.start, r.end));
  }
}

function onlineSecondary(k: LinuxKernel, cpu: number): void {
  if (k.online.has(cpu)) return;
  k.online.add(cpu);
  k.log.push(kmsg.bootedSecondary(cpu, midrValue(k.cpu(cpu).midr)));
}

/** setup_system_features(): caps final, then linear_map_maybe_split_to_ptes(). */
function finalizeCaps(k: LinuxKernel): void {
  k.capsFinalized = true;
  const all = [...k.online].every((id) => k.cpu(id).bbml2Noabort);
  k.systemBbml2 = k.policy.hasBbml2Cap(k) && all;
  if (k.systemBbml2) k.log.push(kmsg.capDetected());
  if (k.policy.repaint && k.linearMapRequiresBbml2 && !k.systemBbml2) linearMapSplitToPtes(k);
  kptiInstallNgMappings(k);
}

/** linear_map_maybe_split_to_ptes(): the stop_machine() repaint, skipping [_stext, __init_begin). */
function linearMapSplitToPtes(k: LinuxKernel): void {
  k.within("linear_map_maybe_split_to_ptes", () => {
    k.log.push(kmsg.repaint());
    const img = k.program.machine.image;
    const lstart = k.map.memstart;
    const lend = k.map.memstart + k.geometry.linearSize;
    const before = k.map.pagetablePages;
    k.map.rangeSplitToPtes(lstart, img.stext);
    k.map.rangeSplitToPtes(img.initBegin, lend);
    k.chargePages(before, "atomic");
    k.account.tlbFlushes++;
    k.log.push(kmsg.repaintDone(k.map.pagetablePages - before));
  });
}

/** kpti_install_ng_mappings(), right after linear_map_maybe_split_to_ptes(). */
function kptiInstallNgMappings(k: LinuxKernel): void {
  const online = [...k.online].map((id) => k.cpu(id));
  const d = kptiDecision(k.program, online, k.kaslrEnabled);
  if (d.forcedBy) k.log.push(kmsg.kptiForced(d.on, d.forcedBy));
  if (!d.on) return;
  k.log.push(kmsg.kptiDetected());
  if (k.useNgMappings) return;
  k.within("kpti_install_ng_mappings", () => {
    k.map.setBitsOnValidLeaves(NG);
    k.useNgMappings = true;
    k.log.push(kmsg.kptiInstallNg());
  });
}

/** A late CPU: refused when the system has BBML2_NOABORT and the CPU does not (v6.17+). */
function hotplugCpu(k: LinuxKernel, cpu: number): void {
  const c = k.cpu(cpu);
  if (k.policy.hasBbml2Cap(k) && k.systemBbml2 && !c.bbml2Noabort) {
    k.currentCpu = cpu;
    k.log.push(kmsg.lateCpuConflict(cpu, Number(k.policy.settings.bbml2_cap)));
    k.log.push(kmsg.lateCpuDie(cpu));
    k.refused.add(cpu);
    k.currentCpu = k.bootCpu.id;
    return;
  }
  k.online.add(cpu);
  k.log.push(kmsg.bootedSecondary(cpu, midrValue(c.midr)));
}
