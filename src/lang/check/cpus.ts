// Checks of the cpus block: ids unique and within NR_CPUS, exactly one boot CPU (explicit or
// cpu 0) that is not late, and traits that are MIDR names or CPU features.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { MIDRS, NR_CPUS, cpuFeatureNames, findCpuFeature, findMidr } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import type { CheckContext, DeclaredCpu } from "./context.js";

export function checkCpus(ctx: CheckContext, block: A.CpusBlock): void {
  const cpus = ctx.cpus ?? new Map<bigint, DeclaredCpu>();
  ctx.cpus = cpus;
  let boot: { id: bigint } | undefined = [...cpus.values()].find((c) => c.boot);
  for (const s of block.statements) {
    const first = s.first.value;
    const last = s.last?.value ?? first;
    if (last < first) {
      ctx.report(s.last!.range, msg.cpuRangeEmpty(first, last));
      continue;
    }
    if (last >= BigInt(NR_CPUS)) {
      ctx.report((s.last ?? s.first).range, msg.cpuBeyondNrCpus(last, NR_CPUS));
      continue;
    }
    checkTraits(ctx, s);
    if (s.boot && s.late) ctx.report(s.range, msg.cpuBootLate(first));
    for (let id = first; id <= last; id++) {
      const prior = cpus.get(id);
      if (prior) {
        ctx.report(s.first.range, msg.cpuDuplicate(id, prior.line));
        break;
      }
      const isBoot = s.boot && id === first;
      if (isBoot && boot) ctx.report(s.range, msg.cpuTwoBoot(id, boot.id));
      else if (isBoot) boot = { id };
      cpus.set(id, { id, late: s.late, boot: isBoot, line: s.range.start.line });
    }
  }
  if (cpus.size === 0) {
    if (!block.statements.some((s) => (s.last?.value ?? s.first.value) < s.first.value || (s.last ?? s.first).value >= BigInt(NR_CPUS))) ctx.report(block.range, msg.cpusEmpty());
  } else if (!boot && !cpus.has(0n)) ctx.report(block.range, msg.cpuNoBoot());
  else if (!boot && cpus.get(0n)?.late) ctx.report(block.range, msg.cpuBootLate(0n));
}

function checkTraits(ctx: CheckContext, s: A.CpuStatement): void {
  let midr: string | undefined;
  for (const t of s.traits) {
    if (findMidr(t.text)) {
      if (midr) ctx.report(t.range, msg.cpuTwoMidrs(midr, t.text));
      else midr = t.text;
    } else if (!findCpuFeature(t.text)) {
      ctx.report(t.range, msg.cpuUnknownTrait(t.text, closestName(t.text, [...MIDRS.map((m) => m.name), ...cpuFeatureNames()])));
    }
  }
  if (s.revision && !midr) ctx.report(s.revision.range, msg.cpuRevisionWithoutMidr(s.revision.text));
}
