// Kernel page-table isolation and the non-global linear map (domain.md §2.8). The linear map
// is born NG when early_map_kernel() sees a KASLR seed on a CPU for which KASLR needs KPTI (no
// E0PD); otherwise, if KPTI ends up on, kpti_install_ng_mappings() rewrites every valid entry
// to NG in setup_system_features(), after the repaint. Block sizes never change.
import type { Program, ProgramCpu } from "./program.js";

export interface KptiDecision {
  readonly on: boolean;
  /** "kernel page table isolation forced %s by %s" when something forced it. */
  readonly forcedBy?: string;
}

/** kaslr_requires_kpti(): false on CPUs with E0PD. */
export function kaslrRequiresKpti(cpu: ProgramCpu): boolean {
  return !cpu.e0pd;
}

/** Whether early_map_kernel() sets arm64_use_ng_mappings (PTE_MAYBE_NG = PTE_NG from map_mem()). */
export function bornNonGlobal(program: Program, kaslrEnabled: boolean): boolean {
  const boot = program.cpus.find((c) => c.boot)!;
  return kaslrEnabled && kaslrRequiresKpti(boot);
}

/** unmap_kernel_at_el0() over the CPUs that came up before caps were finalized. */
export function kptiDecision(program: Program, online: readonly ProgramCpu[], kaslrEnabled: boolean): KptiDecision {
  const k = program.kernel;
  if (k.kpti !== undefined) return { on: k.kpti, forcedBy: "kpti command line option" };
  const boot = program.cpus.find((c) => c.boot)!;
  if (kaslrEnabled && kaslrRequiresKpti(boot)) return { on: true, forcedBy: "KASLR" };
  if (k.mitigationsOff) return { on: false, forcedBy: "mitigations=off" };
  return { on: online.some((c) => !c.meltdownSafe) };
}
