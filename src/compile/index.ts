// The compile stage: a checked scenario (src/lang) to the simulator's program (src/sim): the
// machine with defaults, the CPUs with capabilities for the chosen kernel, the kernel's
// switches, and the boot plan.
// It assumes a scenario the checker admitted for the same kernel version (`checkScenario(ast,
// { version })`): every refusal is the checker's, so compiling never fails. Placements come
// from the layout the checker validated (src/lang/check/layout.ts).
import type { Scenario } from "../lang/ast.js";
import { layoutScenario } from "../lang/index.js";
import { findKernelVersion } from "../catalog/index.js";
import type { Program } from "../sim/program.js";
import { compileMachine } from "./machine.js";
import { compileCpus } from "./cpus.js";
import { compileKernel } from "./kernel-config.js";
import { buildBootPlan } from "./boot-plan.js";

/** Whether a scenario can run under `name`: a built-in version or a policy it defines. */
export function isKernelName(ast: Scenario, name: string): boolean {
  return findKernelVersion(name) !== undefined || ast.items.some((i) => i.kind === "policy" && i.name.text === name);
}

export interface CompileOptions {
  /** Run under this kernel version instead of the scenario's (`--policy`, `compare`). */
  readonly version?: string;
}

/** The program for a checked scenario. Linear in the scenario's size. */
export function compileScenario(ast: Scenario, opts: CompileOptions = {}): Program {
  const layout = layoutScenario(ast);
  const machine = compileMachine(layout);
  const { kernel, notes } = compileKernel(ast, opts.version, layout.switches);
  const cpus = compileCpus(ast, findKernelVersion(kernel.settings.bbml2_allow_list)!.order);
  const plan = buildBootPlan({ ast, machine, cpus, kernel, pageSize: layout.pageSize, layout });
  return { machine, cpus, kernel, placements: plan.placements, plan: plan.plan, expectations: plan.expectations, notes: [...notes, ...plan.notes] };
}
