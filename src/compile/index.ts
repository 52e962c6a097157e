// AST → scenario program: the compile stage of the pipeline. Resolves the machine, the CPUs'
// capabilities for the chosen kernel, the kernel's switches, placements and the boot plan.
// Expects a scenario the checker passed; problems only a resolved scenario shows (no memory
// left for a buffer) come back as CompileProblems with a source position.
import type { Scenario } from "../lang/ast.js";
import { DEFAULT_SWIOTLB_SIZE, GRANULES, findKernelVersion } from "../catalog/index.js";
import type { Program } from "../sim/program.js";
import { compileMachine } from "./machine.js";
import { compileCpus } from "./cpus.js";
import { compileKernel } from "./kernel-config.js";
import { buildBootPlan } from "./boot-plan.js";
import { compileMsg, type CompileProblem } from "./messages.js";

export type { CompileProblem } from "./messages.js";

/** Whether a scenario can run under `name`: a built-in version or a policy it defines. */
export function isKernelName(ast: Scenario, name: string): boolean {
  return findKernelVersion(name) !== undefined || ast.items.some((i) => i.kind === "policy" && i.name.text === name);
}

export interface CompileOptions {
  /** Run under this kernel version instead of the scenario's (`--policy`, `compare`). */
  readonly version?: string;
}

export type CompileResult = { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly problems: CompileProblem[] };

export function compileScenario(ast: Scenario, opts: CompileOptions = {}): CompileResult {
  const machine = compileMachine(ast);
  const pageSize = GRANULES.find((g) => g.name === machine.granule)!.pageSize;
  const { kernel, swiotlbSize, notes } = compileKernel(ast, opts.version, pageSize, DEFAULT_SWIOTLB_SIZE);
  const cpus = compileCpus(ast, findKernelVersion(kernel.settings.bbml2_allow_list)!.order);
  const problems: CompileProblem[] = [];
  for (const item of ast.items) {
    if (item.kind !== "boot") continue;
    for (const s of item.statements) {
      const ids = s.kind === "calls-at" ? s.calls.flatMap((c) => (c.cpu ? [Number(c.cpu.value)] : [])) : s.kind === "cpu-event" ? [Number(s.first.value)] : [];
      for (const id of ids) {
        if (!cpus.some((c) => c.id === id)) problems.push({ code: "COMPILE-CPU-UNDEFINED", message: compileMsg.cpuUndefined(id), source: { source: s.range.source, line: s.range.start.line, column: s.range.start.column } });
      }
    }
  }
  const plan = buildBootPlan({ ast, machine, cpus, kernel, swiotlbSize, pageSize });
  problems.push(...plan.problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    program: { machine, cpus, kernel, placements: plan.placements, plan: plan.plan, expectations: plan.expectations, notes: [...notes, ...plan.notes] },
  };
}
