// The boot plan: every step of domain.md §5 in order, the kernel's own calls where the chosen
// kernel makes them, the scenario's calls, moves and CPU events merged in, allocations placed
// as the plan reaches them, and the expectations tied to plan positions.
import type * as A from "../lang/ast.js";
import { BOOT_STEPS, findCall, findKernelVersion, hexRange } from "../catalog/index.js";
import type {
  BootEvent, CallEvent, CallTarget, ExpectationCheck, Placement, PhysRange, ProgramCpu, ProgramExpectation, ProgramKernel, ProgramMachine, SourceRef, StepRelation,
} from "../sim/program.js";
import { regionBounds } from "./scenario-parts.js";
import { errnoValue } from "../sim/errno.js";
import { kfenceProtectedPages } from "../sim/kfence.js";
import { formatItemText, type LayoutPlacement, type ScenarioLayout } from "../lang/index.js";

const RELATIONS: readonly StepRelation[] = ["before", "at", "after"];

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function sourceRef(r: A.SourceRange): SourceRef {
  // Read once: an AST range computes its position when read (src/lang/line-table.ts).
  const start = r.start;
  return { source: r.source, line: start.line, column: start.column };
}

/** A call before its target is placed. */
interface PendingCall {
  readonly call: string;
  readonly target?: A.Target;
  readonly argument?: number;
  readonly cpu?: number;
  readonly step: string;
  readonly relation: StepRelation;
  readonly origin: "scenario" | "kernel";
  readonly source?: SourceRef;
  /** For kernel calls: the placement they act on. */
  readonly kernelTarget?: string;
  /** For scenario calls: the statement, which keys its placements in the layout. */
  readonly statement?: A.CallStatement;
}

type PendingEvent =
  | { readonly kind: "step"; readonly step: string }
  | { readonly kind: "call"; readonly call: PendingCall }
  | { readonly kind: "cpu-online" | "cpu-hotplug"; readonly cpu: number; readonly step: string; readonly relation: StepRelation; readonly source?: SourceRef }
  | { readonly kind: "checkpoint"; readonly step: string; readonly relation: StepRelation };

export interface PlanInput {
  readonly ast: A.Scenario;
  readonly machine: ProgramMachine;
  readonly cpus: readonly ProgramCpu[];
  readonly kernel: ProgramKernel;
  readonly pageSize: bigint;
  /** Where everything allocated during boot goes (src/lang/check/layout.ts, shared with the checker). */
  readonly layout: ScenarioLayout;
}

export interface PlanOutput {
  readonly plan: BootEvent[];
  readonly placements: Placement[];
  readonly expectations: ProgramExpectation[];
  readonly notes: string[];
}

function key(step: string, relation: StepRelation): string {
  return `${relation} ${step}`;
}

export function buildBootPlan(input: PlanInput): PlanOutput {
  const { ast, cpus, kernel, pageSize, layout } = input;
  const notes: string[] = [];
  const groups = new Map<string, PendingEvent[]>();
  const push = (step: string, relation: StepRelation, ev: PendingEvent) => {
    const k = key(step, relation);
    const g = groups.get(k);
    if (g) g.push(ev);
    else groups.set(k, [ev]);
  };
  const boot = cpus.find((c) => c.boot) ?? cpus[0]!;

  // Loops over every item, statement or call are indexed: a for...of makes an iterator
  // result per element until the optimizing compiler takes over (~100 MB of garbage for a
  // 100,000-line scenario).
  // The kernel's own calls, where the chosen kernel makes them (a scenario `move` relocates them).
  const moves = new Map<string, A.StepRef>();
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind === "move") moves.set(findCall(s.call.text)?.name ?? s.call.text, s.when);
    }
  }
  if (kernel.realm) {
    const moved = moves.get("swiotlb_update_mem_attributes");
    const step = moved?.step.text ?? kernel.settings.swiotlb_update;
    const relation = moved?.relation ?? "at";
    push(step, relation, { kind: "call", call: { call: "swiotlb_update_mem_attributes", step, relation, origin: "kernel", kernelTarget: "swiotlb_pool" } });
  }
  if (kernel.debugPagealloc) {
    notes.push("debug_pagealloc: one representative __kernel_map_pages() call stands for the page frees of memblock_free_all().");
    push("memblock_free_all", "at", {
      kind: "call",
      call: { call: "__kernel_map_pages", argument: 0, step: "memblock_free_all", relation: "at", origin: "kernel", kernelTarget: "debug_pagealloc_page" },
    });
  }
  if (kernel.kfence.configured && kernel.kfence.earlyInit) {
    push("kfence_init", "at", {
      kind: "call",
      call: { call: "set_memory_valid", argument: 0, step: "kfence_init", relation: "at", origin: "kernel", kernelTarget: "kfence_init_pool" },
    });
  }

  // CPUs: secondaries come online at smp_init unless the scenario says otherwise.
  const known = new Set(cpus.map((c) => c.id));
  const explicitlyOnlined = new Set<number>();
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind !== "cpu-event") continue;
      const last = Number(s.last?.value ?? s.first.value);
      for (let id = Number(s.first.value); id <= last; id++) {
        if (!known.has(id)) continue; // the checker refuses these; never simulate a CPU that does not exist
        if (s.event === "online") explicitlyOnlined.add(id);
        push(s.when.step.text, s.when.relation, { kind: s.event === "online" ? "cpu-online" : "cpu-hotplug", cpu: id, step: s.when.step.text, relation: s.when.relation, source: sourceRef(s.range) });
      }
    }
  }
  const defaultOnline: PendingEvent[] = cpus
    .filter((c) => !c.boot && !c.late && !explicitlyOnlined.has(c.id))
    .map((c) => ({ kind: "cpu-online", cpu: c.id, step: "smp_init", relation: "at" }));
  groups.set(key("smp_init", "at"), [...defaultOnline, ...(groups.get(key("smp_init", "at")) ?? [])]);

  // The scenario's calls, in source order within each group.
  let last: { step: string; relation: StepRelation; group: PendingEvent[] } | undefined;
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind !== "calls-at") continue;
      // One group lookup per statement (100,000 calls at one step: one), and none for a
      // statement at the same step as the one before it (100,000 one-call statements).
      let group: PendingEvent[];
      if (last && last.step === s.when.step.text && last.relation === s.when.relation) group = last.group;
      else {
        const k = key(s.when.step.text, s.when.relation);
        const known = groups.get(k);
        if (known) group = known;
        else groups.set(k, (group = []));
        last = { step: s.when.step.text, relation: s.when.relation, group };
      }
      for (let cIndex = 0; cIndex < s.calls.length; cIndex++) {
        const c = s.calls[cIndex]!;
        const info = findCall(c.call.text);
        if (!info) continue;
        const cpu = c.cpu ? Number(c.cpu.value) : undefined;
        // Absent and undefined are the same to `emit` (and a literal without spreads is several times cheaper).
        group.push({
          kind: "call",
          call: {
            call: info.name,
            target: c.target,
            argument: c.argument ? Number(c.argument.value) : undefined,
            cpu: cpu !== undefined && known.has(cpu) ? cpu : undefined,
            step: s.when.step.text,
            relation: s.when.relation,
            origin: "scenario",
            source: sourceRef(c.range),
            statement: c,
          },
        });
      }
    }
  }

  // Checkpoints where expectations look.
  const checkpoints = new Set<string>();
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "expect") continue;
    const w = item.expectation.when;
    if (w && item.expectation.kind !== "call-result") checkpoints.add(key(w.step.text, w.relation));
  }

  const plan: BootEvent[] = [];
  let nextId = 1;
  const placements: Placement[] = [];
  const placed = new Map<string, Placement>();
  const record = (p: LayoutPlacement, name = p.name): Placement => {
    const known = placed.get(name);
    if (known) return known;
    const out: Placement = { name, range: p.range, allocator: p.allocator, step: p.step };
    placed.set(name, out);
    placements.push(out);
    return out;
  };
  // The fixed placements first, as the layout made them (a name of the layout is never
  // recorded twice, so they need no entry in `placed`).
  for (let pIndex = 0; pIndex < layout.placements.length; pIndex++) {
    const p = layout.placements[pIndex]!;
    if (p.allocator === "fixed") placements.push(p);
  }
  const named = (name: string): Placement | undefined => {
    const p = layout.byName.get(name);
    return p && (p.allocator === "fixed" ? p : record(p));
  };
  const declared = layout.declared;

  function resolveTarget(c: PendingCall, id: number): CallTarget | undefined {
    if (c.kernelTarget) {
      if (c.kernelTarget === "debug_pagealloc_page") {
        const p = named("debug_pagealloc_page");
        return p && { kind: "range", range: p.range, label: "a freed page" };
      }
      if (c.kernelTarget === "kfence_init_pool") {
        // kfence_init_pool(): one set_memory_valid() per protected page, reported as one call.
        const pool = named("kfence_pool");
        const n = pool ? kfenceProtectedPages(pool.range, pageSize).length : 0;
        return pool && { kind: "range", range: pool.range, label: `KFENCE pool: pages 0, 1 and ${n - 2} guard pages` };
      }
      const p = named(c.kernelTarget);
      return p ? { kind: "none", label: `swiotlb pool ${hexRange(p.range.start, p.range.end)}` } : { kind: "none", label: "swiotlb pool" };
    }
    if (c.call === "memfd_secret") {
      const p = c.statement && layout.byCall.get(c.statement);
      if (p) record(p, `secretmem#${id}`);
      return { kind: "none", label: "a secret page" };
    }
    if (c.call === "kfence_init_late") {
      // One pool: a later kfence_init_late() only re-enables KFENCE (placed by the layout).
      const pool = named("kfence_late_pool");
      return { kind: "none", label: pool ? `KFENCE pool ${hexRange(pool.range.start, pool.range.end)}` : "KFENCE pool" };
    }
    if (!c.target) return { kind: "none", label: "" };
    if (c.target.kind === "region") {
      const r = regionBounds(c.target.region);
      return { kind: "range", range: r, label: hexRange(r.start, r.end) };
    }
    const decl = declared.get(c.target.name.text);
    const p = decl && named(decl.name.text);
    if (!decl || !p) return undefined;
    if (decl.kind === "vmalloc") return { kind: "vmalloc", name: decl.name.text, pages: [p.range], label: decl.name.text };
    return { kind: "range", range: pagesOf(p.range, c.target, c.call, pageSize), label: targetLabel(c.target) };
  }

  const emit = (ev: PendingEvent) => {
    if (ev.kind !== "call") {
      plan.push(ev);
      return;
    }
    const c = ev.call;
    const id = nextId++;
    const target = resolveTarget(c, id);
    if (!target) return;
    const { call, step, relation, origin } = c;
    const cpu = c.cpu ?? boot.id;
    // The optional fields in their place without spreads (this runs for every call): a literal
    // for each shape of a scenario's call, `each` (the kernel's kfence_init only) appended.
    const { argument, source } = c;
    let callEvent: Writable<CallEvent>;
    if (argument !== undefined && source) callEvent = { kind: "call", id, call, target, argument, cpu, step, relation, origin, source };
    else if (argument !== undefined) callEvent = { kind: "call", id, call, target, argument, cpu, step, relation, origin };
    else if (source) callEvent = { kind: "call", id, call, target, cpu, step, relation, origin, source };
    else callEvent = { kind: "call", id, call, target, cpu, step, relation, origin };
    if (c.kernelTarget === "kfence_init_pool" && target.kind === "range") callEvent.each = { of: "kfence_init_pool", ranges: kfenceProtectedPages(target.range, pageSize) };
    plan.push(callEvent);
  };
  for (const step of BOOT_STEPS) {
    for (const relation of RELATIONS) {
      if (relation === "at") {
        if (step.name === "paging_init") named("kfence_pool");
        if (step.name === "arch_mm_preinit") named("swiotlb_pool");
        plan.push({ kind: "step", step: step.name });
      }
      groups.get(key(step.name, relation))?.forEach(emit);
      if (checkpoints.has(key(step.name, relation))) plan.push({ kind: "checkpoint", step: step.name, relation });
    }
  }

  const expectations = compileExpectations(ast, plan, layout, declared, pageSize, kernel.version);
  return { plan, placements, expectations, notes };
}

function sameVersion(written: string, version: string): boolean {
  return (findKernelVersion(written)?.name ?? written) === version;
}

function targetLabel(t: A.Target): string {
  if (t.kind === "region") {
    const r = regionBounds(t.region);
    return hexRange(r.start, r.end);
  }
  if (!t.pages) return t.name.text;
  return t.pages.end ? `${t.name.text}[${t.pages.first.value}..${t.pages.end.value})` : `${t.name.text}[${t.pages.first.value}]`;
}

/** The physical pages a buffer target names; a `page` call on a whole buffer takes its first page. */
function pagesOf(r: PhysRange, t: A.Target, call: string, pageSize: bigint): PhysRange {
  if (t.kind !== "buffer") return r;
  if (t.pages) {
    const first = r.start + t.pages.first.value * pageSize;
    const end = t.pages.end ? r.start + t.pages.end.value * pageSize : first + pageSize;
    return { start: first, end };
  }
  if (findCall(call)?.target === "page") return { start: r.start, end: r.start + pageSize };
  return r;
}


/** The ids of the calls an expectation can name, in plan order, by `callKey`. */
type CallIndex = ReadonlyMap<string, readonly number[]>;

/** A call, the label of its target and its step: a target (undefined: any) and a step (undefined: any) as an expectation names them. */
function callKey(call: string, label: string | undefined, when: string | undefined): string {
  return `${call}|${label === undefined ? "" : `=${label}`}|${when ?? ""}`;
}

/**
 * Every call of the plan under each question an expectation may ask: the call, on a target,
 * at a step. With a target, only the scenario's calls on that target count: the kernel's
 * own call of the same name is another call. (Filtering the calls for each expectation made
 * 100,000 expectations on 100,000 calls quadratic.)
 */
function callIndex(plan: readonly BootEvent[]): CallIndex {
  const index = new Map<string, number[]>();
  const add = (k: string, id: number) => {
    const list = index.get(k);
    if (list) list.push(id);
    else index.set(k, [id]);
  };
  for (let eIndex = 0; eIndex < plan.length; eIndex++) {
    const e = plan[eIndex]!;
    if (e.kind !== "call") continue;
    const when = key(e.step, e.relation);
    add(callKey(e.call, undefined, undefined), e.id);
    add(callKey(e.call, undefined, when), e.id);
    if (e.origin !== "scenario") continue;
    add(callKey(e.call, e.target.label, undefined), e.id);
    add(callKey(e.call, e.target.label, when), e.id);
  }
  return index;
}

function compileExpectations(
  ast: A.Scenario,
  plan: readonly BootEvent[],
  layout: ScenarioLayout,
  declared: ReadonlyMap<string, A.BufferDeclaration | A.VmallocDeclaration>,
  pageSize: bigint,
  version: string,
): ProgramExpectation[] {
  const out: ProgramExpectation[] = [];
  const end = plan.length - 1;
  const checkpointAt = new Map<string, number>();
  plan.forEach((e, i) => {
    if (e.kind === "checkpoint" && !checkpointAt.has(key(e.step, e.relation))) checkpointAt.set(key(e.step, e.relation), i);
  });
  // Built at the first expectation about calls: most scenarios have none.
  let calls: CallIndex | undefined;
  const positionOf = (w: A.StepRef | undefined): number => (w ? (checkpointAt.get(key(w.step.text, w.relation)) ?? end) : end);
  const rangeOf = (t: A.Target): PhysRange | undefined => {
    if (t.kind === "region") return regionBounds(t.region);
    // The checker admits expectations only on buffers that are placed (fixed, or used by a call).
    const p = layout.byName.get(t.name.text);
    return p && declared.has(t.name.text) ? pagesOf(p.range, t, "", pageSize) : undefined;
  };
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "expect") continue;
    // `expect under v7.0: ...` holds for the kernels it names only.
    if (item.under && !item.under.some((v) => sameVersion(v.text, version))) continue;
    const e = item.expectation;
    const source = sourceRef(item.range);
    const text = formatItemText(item) ?? "expect";
    let check: ExpectationCheck | undefined;
    switch (e.kind) {
      case "call-result": {
        const name = findCall(e.call.text)?.name ?? e.call.text;
        const label = e.target ? targetLabel(e.target) : undefined;
        calls ??= callIndex(plan);
        const ids = [...(calls.get(callKey(name, label, e.when && key(e.when.step.text, e.when.relation))) ?? [])];
        const outcomes = e.outcomes.map((o) => ({
          field: o.field,
          value: o.value.kind === "name" ? (errnoValue(o.value.text) ?? Number.NaN) : Number(o.value.value),
        }));
        check = { kind: "call-result", callIds: ids, outcomes };
        break;
      }
      case "leaf": {
        const r = rangeOf(e.target);
        if (r) check = { kind: "leaf", range: r, size: e.size.value, at: positionOf(e.when) };
        break;
      }
      case "attributes": {
        const r = rangeOf(e.target);
        if (r) check = { kind: "attributes", range: r, attributes: e.attributes.map((a) => a.text), at: positionOf(e.when) };
        break;
      }
      case "pagetables":
        check = { kind: "pagetables", count: e.count.value, at: positionOf(e.when) };
        break;
      case "warns":
        check = { kind: "warns", count: Number(e.count.value), at: positionOf(e.when) };
        break;
    }
    if (check) out.push({ text, source, check });
  }
  return out;
}
