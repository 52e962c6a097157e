// Checks of the boot block: known steps and calls, call shapes, CPUs that exist, `move` of
// the kernel's own calls only, and CPU events of the right kind at a possible time.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { BOOT_STEPS, DEFAULT_CPUS, KERNEL_OWN_CALLS, NR_CPUS, bootStepIndex, callNames, findCall, type CallInfo } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import type { CheckContext } from "./context.js";
import { checkCallShape } from "./targets.js";

const SMP_INIT = bootStepIndex("smp_init")!;

export function checkStep(ctx: CheckContext, step: A.Name): boolean {
  if (bootStepIndex(step.text) !== undefined) return true;
  ctx.report(step.range, msg.stepUnknown(step.text, closestName(step.text, BOOT_STEPS.map((s) => s.name))));
  return false;
}

/** The catalogue's entry for a call name; undefined (and reported) when there is none. */
export function checkCallName(ctx: CheckContext, call: A.Name): CallInfo | undefined {
  const info = findCall(call.text);
  if (!info) ctx.report(call.range, msg.callUnknown(call.text, closestName(call.text, callNames())));
  return info;
}

/** The CPU is declared (or one of the default CPUs when there is no cpus block). */
export function checkCpuExists(ctx: CheckContext, id: A.NumberLiteral, value = id.value): boolean {
  if (!ctx.cpus || ctx.cpus.has(value)) return true;
  if (value >= BigInt(NR_CPUS)) ctx.report(id.range, msg.cpuBeyondNrCpus(value, NR_CPUS));
  else ctx.report(id.range, ctx.cpusDefault ? msg.cpuUndefinedDefault(value, DEFAULT_CPUS.count) : msg.cpuUndefined(value));
  return false;
}

export function checkBoot(ctx: CheckContext, block: A.BootBlock): void {
  for (let sIndex = 0; sIndex < block.statements.length; sIndex++) {
    const s = block.statements[sIndex]!;
    switch (s.kind) {
      case "calls-at":
        checkStep(ctx, s.when.step);
        for (let cIndex = 0; cIndex < s.calls.length; cIndex++) {
          const c = s.calls[cIndex]!;
          checkCall(ctx, c);
        }
        break;
      case "move":
        if (checkCallName(ctx, s.call) && !KERNEL_OWN_CALLS.includes(findCall(s.call.text)!.name)) {
          ctx.report(s.call.range, msg.moveUnmovable(s.call.text, KERNEL_OWN_CALLS));
        }
        checkStep(ctx, s.when.step);
        break;
      case "cpu-event":
        checkCpuEvent(ctx, s);
        break;
    }
  }
}

function checkCall(ctx: CheckContext, c: A.CallStatement): void {
  if (c.cpu) checkCpuExists(ctx, c.cpu);
  const info = checkCallName(ctx, c.call);
  if (info) checkCallShape(ctx, info, c, true);
}

function checkCpuEvent(ctx: CheckContext, s: Extract<A.BootStatement, { kind: "cpu-event" }>): void {
  if (checkStep(ctx, s.when.step)) {
    const at = bootStepIndex(s.when.step.text)!;
    if (at < SMP_INIT || (at === SMP_INIT && s.when.relation === "before")) ctx.report(s.when.range, msg.cpuEventTooEarly(s.event, s.when.step.text));
  }
  const first = s.first.value;
  const last = s.last?.value ?? first;
  if (last < first) {
    ctx.report(s.last!.range, msg.cpuRangeEmpty(first, last));
    return;
  }
  if (last >= BigInt(NR_CPUS)) {
    ctx.report((s.last ?? s.first).range, msg.cpuBeyondNrCpus(last, NR_CPUS));
    return;
  }
  if (!ctx.cpus) return;
  // Every id of the range, each against the declared (or default) CPUs; the first problem is reported.
  for (let id = first; id <= last; id++) {
    const cpu = ctx.cpus.get(id);
    const lit = id === first ? s.first : (s.last ?? s.first);
    if (!cpu) {
      checkCpuExists(ctx, lit, id);
      return;
    }
    if (s.event === "hotplug" && !cpu.late) {
      ctx.report(lit.range, msg.hotplugNotLate(id));
      return;
    }
    if (s.event === "online" && cpu.late) {
      ctx.report(lit.range, msg.onlineLateCpu(id));
      return;
    }
  }
}
