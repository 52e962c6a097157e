// The boot plan: every step of domain.md §5 in order, the kernel's own calls where the chosen
// kernel makes them, the scenario's calls, moves and CPU events merged in, allocations placed
// as the plan reaches them, and the expectations tied to plan positions.
import type * as A from "../lang/ast.js";
import { BOOT_STEPS, bootStepIndex, findCall, hexRange } from "../catalog/index.js";
import type {
  BootEvent, CallEvent, CallTarget, ExpectationCheck, Placement, PhysRange, ProgramCpu, ProgramExpectation, ProgramKernel, ProgramMachine, SourceRef, StepRelation,
} from "../sim/program.js";
import { PhysAllocator } from "./phys-allocator.js";
import { regionBounds } from "./scenario-parts.js";
import { compileMsg, type CompileProblem } from "./messages.js";
import { errnoValue } from "../sim/errno.js";
import { kfenceLatePoolAlign, kfenceProtectedPages } from "../sim/kfence.js";
import { formatItemText } from "../lang/index.js";

const RELATIONS: readonly StepRelation[] = ["before", "at", "after"];
const BUDDY_STEP = bootStepIndex("memblock_free_all")!;
const SWIOTLB_LOW_LIMIT = 1n << 32n; // memblock_alloc_low(): below the 32-bit DMA limit

function sourceRef(r: A.SourceRange): SourceRef {
  return { source: r.source, line: r.start.line, column: r.start.column };
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
  readonly swiotlbSize: bigint;
  readonly pageSize: bigint;
}

export interface PlanOutput {
  readonly plan: BootEvent[];
  readonly placements: Placement[];
  readonly expectations: ProgramExpectation[];
  readonly problems: CompileProblem[];
  readonly notes: string[];
}

function key(step: string, relation: StepRelation): string {
  return `${relation} ${step}`;
}

export function buildBootPlan(input: PlanInput): PlanOutput {
  const { ast, machine, cpus, kernel, pageSize } = input;
  const problems: CompileProblem[] = [];
  const notes: string[] = [];
  const groups = new Map<string, PendingEvent[]>();
  const push = (step: string, relation: StepRelation, ev: PendingEvent) => {
    const k = key(step, relation);
    groups.set(k, [...(groups.get(k) ?? []), ev]);
  };
  const boot = cpus.find((c) => c.boot)!;

  // The kernel's own calls, where the chosen kernel makes them (a scenario `move` relocates them).
  const moves = new Map<string, A.StepRef>();
  for (const item of ast.items) {
    if (item.kind !== "boot") continue;
    for (const s of item.statements) if (s.kind === "move") moves.set(findCall(s.call.text)?.name ?? s.call.text, s.when);
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
  const explicitlyOnlined = new Set<number>();
  for (const item of ast.items) {
    if (item.kind !== "boot") continue;
    for (const s of item.statements) {
      if (s.kind !== "cpu-event") continue;
      for (let id = Number(s.first.value); id <= Number(s.last?.value ?? s.first.value); id++) {
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
  for (const item of ast.items) {
    if (item.kind !== "boot") continue;
    for (const s of item.statements) {
      if (s.kind !== "calls-at") continue;
      for (const c of s.calls) {
        const info = findCall(c.call.text);
        if (!info) continue;
        push(s.when.step.text, s.when.relation, {
          kind: "call",
          call: {
            call: info.name,
            ...(c.target ? { target: c.target } : {}),
            ...(c.argument ? { argument: Number(c.argument.value) } : {}),
            ...(c.cpu ? { cpu: Number(c.cpu.value) } : {}),
            step: s.when.step.text,
            relation: s.when.relation,
            origin: "scenario",
            source: sourceRef(c.range),
          },
        });
      }
    }
  }

  // Checkpoints where expectations look.
  const checkpoints = new Set<string>();
  for (const item of ast.items) {
    if (item.kind !== "expect") continue;
    const w = item.expectation.when;
    if (w && item.expectation.kind !== "call-result") checkpoints.add(key(w.step.text, w.relation));
  }

  const pending: PendingEvent[] = [];
  for (const step of BOOT_STEPS) {
    for (const relation of RELATIONS) {
      if (relation === "at") pending.push({ kind: "step", step: step.name });
      pending.push(...(groups.get(key(step.name, relation)) ?? []));
      if (checkpoints.has(key(step.name, relation))) pending.push({ kind: "checkpoint", step: step.name, relation });
    }
  }

  // Placement, in plan order.
  const memory = machine.banks.flatMap((b) => subtractAll(b, machine.nomap));
  // Fixed placements: buffers and vmalloc areas whose physical pages the scenario gives.
  const fixed = ast.items.filter((i): i is A.BufferDeclaration | A.VmallocDeclaration => (i.kind === "buffer" || i.kind === "vmalloc") && i.at !== undefined);
  const allocator = new PhysAllocator(memory, [
    { start: machine.image.text, end: machine.image.bssStop },
    ...fixed.map((b) => ({ start: b.at!.value, end: b.at!.value + b.size.value })),
  ]);
  const placements: Placement[] = fixed.map((b) => ({ name: b.name.text, range: { start: b.at!.value, end: b.at!.value + b.size.value }, allocator: "fixed", step: "" }));
  const declared = new Map<string, A.BufferDeclaration | A.VmallocDeclaration>();
  for (const i of ast.items) if (i.kind === "buffer" || i.kind === "vmalloc") declared.set(i.name.text, i);
  const placementOf = (name: string) => placements.find((p) => p.name === name);

  const place = (name: string, size: bigint, align: bigint, step: string, relation: StepRelation, where: A.SourceRange | undefined, low?: bigint): Placement | undefined => {
    const existing = placementOf(name);
    if (existing) return existing;
    const idx = bootStepIndex(step)!;
    const memblock = idx < BUDDY_STEP || (idx === BUDDY_STEP && relation === "before");
    let range = memblock ? allocator.topDown(size, align, low) : allocator.bottomUp(size, align);
    if (!range && low !== undefined) range = allocator.topDown(size, align);
    if (!range) {
      problems.push({ code: "COMPILE-NO-MEMORY", message: compileMsg.noMemory(name, size), ...(where ? { source: sourceRef(where) } : {}) });
      return undefined;
    }
    const p: Placement = { name, range, allocator: memblock ? "memblock" : "buddy", step };
    placements.push(p);
    return p;
  };

  const plan: BootEvent[] = [];
  let nextId = 1;
  for (const ev of pending) {
    if (ev.kind === "step") {
      if (ev.step === "paging_init" && kernel.kfence.configured && kernel.kfence.earlyInit) {
        place("kfence_pool", kernel.kfence.poolSize, pageSize, "paging_init", "at", undefined);
      }
      if (ev.step === "arch_mm_preinit" && kernel.realm) place("swiotlb_pool", input.swiotlbSize, pageSize, "arch_mm_preinit", "at", undefined, SWIOTLB_LOW_LIMIT);
      plan.push(ev);
      continue;
    }
    if (ev.kind !== "call") {
      plan.push(ev);
      continue;
    }
    const c = ev.call;
    const id = nextId++;
    const target = resolveTarget(c, id);
    if (!target) continue;
    const callEvent: CallEvent = {
      kind: "call",
      id,
      call: c.call,
      target,
      ...(c.argument !== undefined ? { argument: c.argument } : {}),
      cpu: c.cpu ?? boot.id,
      step: c.step,
      relation: c.relation,
      origin: c.origin,
      ...(c.source ? { source: c.source } : {}),
      ...(c.kernelTarget === "kfence_init_pool" && target.kind === "range" ? { each: { of: "kfence_init_pool" as const, ranges: kfenceProtectedPages(target.range, pageSize) } } : {}),
    };
    plan.push(callEvent);
  }

  function resolveTarget(c: PendingCall, id: number): CallTarget | undefined {
    if (c.kernelTarget) {
      if (c.kernelTarget === "debug_pagealloc_page") {
        const p = place("debug_pagealloc_page", pageSize, pageSize, c.step, c.relation, undefined);
        return p && { kind: "range", range: p.range, label: "a freed page" };
      }
      if (c.kernelTarget === "kfence_init_pool") {
        // kfence_init_pool(): one set_memory_valid() per protected page, reported as one call.
        const pool = placementOf("kfence_pool");
        const n = pool ? kfenceProtectedPages(pool.range, pageSize).length : 0;
        return pool && { kind: "range", range: pool.range, label: `KFENCE pool: pages 0, 1 and ${n - 2} guard pages` };
      }
      const p = placementOf(c.kernelTarget);
      return p ? { kind: "none", label: `swiotlb pool ${hexRange(p.range.start, p.range.end)}` } : { kind: "none", label: "swiotlb pool" };
    }
    if (c.call === "memfd_secret") {
      place(`secretmem#${id}`, pageSize, pageSize, c.step, c.relation, undefined);
      return { kind: "none", label: "a secret page" };
    }
    if (c.call === "kfence_init_late") {
      // One pool: a later kfence_init_late() only re-enables KFENCE. alloc_contig_pages()
      // places it naturally aligned (domain.md §2.5, §9 q17).
      const pool = place("kfence_late_pool", kernel.kfence.poolSize, kfenceLatePoolAlign(kernel.kfence.poolSize), c.step, c.relation, undefined);
      return { kind: "none", label: pool ? `KFENCE pool ${hexRange(pool.range.start, pool.range.end)}` : "KFENCE pool" };
    }
    if (!c.target) return { kind: "none", label: "" };
    if (c.target.kind === "region") {
      const r = regionBounds(c.target.region);
      return { kind: "range", range: r, label: hexRange(r.start, r.end) };
    }
    const decl = declared.get(c.target.name.text);
    if (!decl) return undefined;
    const align = decl.kind === "buffer" && decl.align ? decl.align.value : pageSize;
    const p = place(decl.name.text, decl.size.value, align, c.step, c.relation, decl.range);
    if (!p) return undefined;
    if (decl.kind === "vmalloc") return { kind: "vmalloc", name: decl.name.text, pages: [p.range], label: decl.name.text };
    return { kind: "range", range: pagesOf(p.range, c.target, c.call, pageSize), label: targetLabel(c.target) };
  }

  const expectations = compileExpectations(ast, plan, placements, declared, pageSize);
  return { plan, placements, expectations, problems, notes };
}

function subtractAll(r: PhysRange, holes: readonly PhysRange[]): PhysRange[] {
  let parts = [r];
  for (const h of holes) {
    parts = parts.flatMap((p) => (h.end <= p.start || h.start >= p.end ? [p] : [
      ...(p.start < h.start ? [{ start: p.start, end: h.start }] : []),
      ...(h.end < p.end ? [{ start: h.end, end: p.end }] : []),
    ]));
  }
  return parts;
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


function compileExpectations(
  ast: A.Scenario,
  plan: readonly BootEvent[],
  placements: readonly Placement[],
  declared: ReadonlyMap<string, A.BufferDeclaration | A.VmallocDeclaration>,
  pageSize: bigint,
): ProgramExpectation[] {
  const out: ProgramExpectation[] = [];
  const end = plan.length - 1;
  const positionOf = (w: A.StepRef | undefined): number => {
    if (!w) return end;
    const i = plan.findIndex((e) => e.kind === "checkpoint" && e.step === w.step.text && e.relation === w.relation);
    return i < 0 ? end : i;
  };
  const rangeOf = (t: A.Target): PhysRange | undefined => {
    if (t.kind === "region") return regionBounds(t.region);
    const p = placements.find((x) => x.name === t.name.text);
    if (!p) {
      // Never used by a call: not placed. Only fixed buffers have a range of their own.
      const d = declared.get(t.name.text);
      if (d?.kind === "buffer" && d.at) return { start: d.at.value, end: d.at.value + d.size.value };
      return undefined;
    }
    return pagesOf(p.range, t, "", pageSize);
  };
  for (const item of ast.items) {
    if (item.kind !== "expect") continue;
    const e = item.expectation;
    const source = sourceRef(item.range);
    const text = formatItemText(item) ?? "expect";
    let check: ExpectationCheck | undefined;
    switch (e.kind) {
      case "call-result": {
        const name = findCall(e.call.text)?.name ?? e.call.text;
        const label = e.target ? targetLabel(e.target) : undefined;
        const ids = plan
          .filter((x): x is CallEvent => x.kind === "call")
          .filter((x) => x.call === name && (label === undefined || x.target.label === label || x.origin === "kernel") && (!e.when || (x.step === e.when.step.text && x.relation === e.when.relation)))
          .map((x) => x.id);
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
