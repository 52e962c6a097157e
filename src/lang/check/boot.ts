// Checks of the boot block: known steps and calls, call shapes, CPUs that exist, `move` of
// the kernel's own calls only, and CPU events of the right kind at a possible time.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { BOOT_STEPS, KERNEL_OWN_CALLS, bootStepIndex, callNames, findCall } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import type { CheckContext } from "./context.js";
import { checkCallShape } from "./targets.js";

const SMP_INIT = bootStepIndex("smp_init")!;

export function checkStep(ctx: CheckContext, step: A.Name): boolean {
  if (bootStepIndex(step.text) !== undefined) return true;
  ctx.report(step.range, msg.stepUnknown(step.text, closestName(step.text, BOOT_STEPS.map((s) => s.name))));
  return false;
}

export function checkCallName(ctx: CheckContext, call: A.Name): boolean {
  if (findCall(call.text)) return true;
  ctx.report(call.range, msg.callUnknown(call.text, closestName(call.text, callNames())));
  return false;
}

export function checkCpuExists(ctx: CheckContext, id: A.NumberLiteral): boolean {
  // Without a cpus block the default CPUs apply; the compiler reports ids beyond them.
  if (!ctx.cpus || ctx.cpus.has(id.value)) return true;
  ctx.report(id.range, msg.cpuUndefined(id.value));
  return false;
}

export function checkBoot(ctx: CheckContext, block: A.BootBlock): void {
  for (const s of block.statements) {
    switch (s.kind) {
      case "calls-at":
        checkStep(ctx, s.when.step);
        for (const c of s.calls) checkCall(ctx, c);
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
  if (!checkCallName(ctx, c.call)) return;
  checkCallShape(ctx, findCall(c.call.text)!, c, true);
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
  if (!ctx.cpus) return;
  for (let id = first; id <= last && id - first < 4096n; id++) {
    const cpu = ctx.cpus.get(id);
    const lit = id === first ? s.first : (s.last ?? s.first);
    if (!cpu) {
      ctx.report(lit.range, msg.cpuUndefined(id));
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
