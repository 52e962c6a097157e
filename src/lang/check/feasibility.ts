// Checks that need the whole scenario at once: a call `on cpu N` only where CPU N is online,
// everything allocated during boot fits (the shared layout of ./layout.ts), expectations about
// buffers that have an address, and `expect under` naming kernels the scenario runs.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { DEFAULT_KERNEL_VERSION, KERNEL_VERSIONS, bootStepIndex, findKernelVersion } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import type { CheckContext } from "./context.js";
import { lastBlock, layoutScenario } from "./layout.js";

const RELATIONS = ["before", "at", "after"] as const;
const SMP_INIT = bootStepIndex("smp_init")!;

function slot(w: A.StepRef): number {
  return (bootStepIndex(w.step.text) ?? 0) * 3 + RELATIONS.indexOf(w.relation);
}

function whenText(w: A.StepRef): string {
  return `${w.relation} ${w.step.text}`;
}

/**
 * When each CPU comes online, as a slot (step × relation). CPU events run before the calls of
 * their step and relation, so a call in the same slot sees the CPU online.
 */
export function checkCallCpusOnline(ctx: CheckContext, items: readonly A.TopLevelItem[]): void {
  if (!ctx.cpus) return;
  const online = new Map<bigint, { slot: number; text: string }>();
  const smpInit = SMP_INIT * 3 + 1;
  for (const c of ctx.cpus.values()) {
    if (c.boot) online.set(c.id, { slot: -1, text: "" });
    else if (!c.late) online.set(c.id, { slot: smpInit, text: "it comes online at smp_init" });
  }
  const brought = new Map<bigint, number>();
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind !== "cpu-event" || bootStepIndex(s.when.step.text) === undefined) continue;
      const last = s.last?.value ?? s.first.value;
      if (last - s.first.value > 4096n) continue;
      for (let id = s.first.value; id <= last; id++) {
        const cpu = ctx.cpus.get(id);
        if (!cpu) continue;
        const lit = id === s.first.value ? s.first : (s.last ?? s.first);
        if (cpu.boot) {
          ctx.report(lit.range, msg.cpuAlreadyOnline(id, "it is the boot CPU, online from the start"));
          break;
        }
        const prior = brought.get(id);
        if (prior !== undefined) {
          ctx.report(lit.range, msg.cpuAlreadyOnline(id, `line ${prior} already brings it up`));
          break;
        }
        brought.set(id, s.range.start.line);
        online.set(id, { slot: slot(s.when), text: `it comes online ${whenText(s.when)} (line ${s.range.start.line})` });
      }
    }
  }
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind !== "calls-at" || bootStepIndex(s.when.step.text) === undefined) continue;
      for (let cIndex = 0; cIndex < s.calls.length; cIndex++) {
        const c = s.calls[cIndex]!;
        if (!c.cpu || !ctx.cpus.has(c.cpu.value)) continue;
        const when = online.get(c.cpu.value);
        if (!when) ctx.report(c.cpu.range, msg.cpuNotOnline(c.cpu.value, whenText(s.when), "it is 'late' and no 'hotplug' brings it up"));
        else if (when.slot > slot(s.when)) ctx.report(c.cpu.range, msg.cpuNotOnline(c.cpu.value, whenText(s.when), when.text));
      }
    }
  }
}

/** Everything the boot allocates is placed; expectations look at buffers that have an address. */
export function checkLayout(ctx: CheckContext, ast: A.Scenario): void {
  const layout = layoutScenario(ast);
  for (const f of layout.failures) {
    const where = f.range ?? ast.range;
    ctx.report(where, msg.memoryExhausted(f.name, f.size, `${f.relation} ${f.step}`));
  }
  const failed = new Set(layout.failures.map((f) => f.name));
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "expect") continue;
    const e = item.expectation;
    if (e.kind !== "leaf" && e.kind !== "attributes") continue;
    const t = e.target;
    if (t.kind === "buffer" && !layout.byName.has(t.name.text) && !failed.has(t.name.text)) {
      ctx.report(t.name.range, msg.expectTargetUnplaced(t.name.text));
    }
  }
}

/** The kernels a scenario runs: its own (or the one fixed by the caller), its compare and sweep versions. */
export function versionsRun(ctx: CheckContext, items: readonly A.TopLevelItem[]): string[] {
  const own = ctx.versionName ?? findKernelVersion(DEFAULT_KERNEL_VERSION)!.name;
  const out = new Set<string>([own]);
  if (ctx.versionFixed) return [...out];
  for (let iIndex = 0; iIndex < items.length; iIndex++) {
    const i = items[iIndex]!;
    if (i.kind === "compare") for (const v of i.versions) out.add(findKernelVersion(v.text)?.name ?? v.text);
    if (i.kind === "sweep") {
      for (const a of i.axes) if (!a.address && (a.axis.text === "policy" || a.axis.text === "version")) for (const v of a.values) out.add(findKernelVersion(v.text)?.name ?? v.text);
    }
  }
  return [...out].filter((v) => findKernelVersion(v) || ctx.policies.has(v));
}

/** `expect under V` where V is not a kernel the scenario runs: the expectation would never be checked. */
export function checkExpectationVersions(ctx: CheckContext, ast: A.Scenario): void {
  const runs = versionsRun(ctx, ast.items);
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "expect" || !item.under) continue;
    for (const v of item.under) {
      // A built-in version, or a policy the scenario defines.
      const name = findKernelVersion(v.text)?.name ?? (ctx.policies.has(v.text) ? v.text : undefined);
      if (!name) ctx.report(v.range, msg.versionUnknown(v.text, closestName(v.text, [...KERNEL_VERSIONS.map((k) => k.name), ...ctx.policies.keys()])));
      else if (!ctx.versionFixed && !runs.includes(name)) ctx.report(v.range, msg.expectVersionUnused(name, runs));
    }
  }
}
