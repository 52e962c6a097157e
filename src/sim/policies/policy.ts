// What distinguishes the five linear-map policies of domain.md §6 (one module each). The
// common machinery (building, splitting, walking) lives elsewhere; a policy is data plus the
// few decisions that changed between kernels. Adding a policy (say a BBML3 rename) is one new
// module and one line in ./index.ts.
import { placementNamed } from "../placements.js";
import type { PolicyId, PolicySettings } from "../../catalog/index.js";
import type { LinuxKernel } from "../kernel-state.js";

/** The outcome of split_kernel_leaf_mapping()'s checks before any splitting. */
export type SplitGate = { readonly proceed: true } | { readonly proceed: false; readonly rc: number };

export interface LinuxPolicy {
  readonly id: PolicyId;
  readonly title: string;
  /** The settings it was built from. */
  readonly settings: PolicySettings;
  /**
   * Before a660194dd101 (v6.18), __change_memory_common() used apply_to_page_range(), which
   * fails with WARN_ON_ONCE and -EINVAL on any block, whole or not.
   */
  readonly applyToPageRange: boolean;
  /** 15bfba1ad77f: invalid large leaves are present-invalid and walked like valid ones. */
  readonly invalidLargeLeavesFixed: boolean;
  /** linear_map_maybe_split_to_ptes() at setup_system_features() (3df6979d222b). */
  readonly repaint: boolean;
  /** The cpufeature BBML2_NOABORT exists (v6.17+): late CPUs lacking it are refused. */
  hasBbml2Cap(k: LinuxKernel): boolean;
  /** map_mem(): is the whole linear map mapped with PTEs? */
  linearMapForcedPte(k: LinuxKernel): boolean;
  /** linear_map_requires_bbml2 as map_mem() computes it. */
  linearMapRequiresBbml2(k: LinuxKernel): boolean;
  /** split_kernel_leaf_mapping()'s checks, WARNs included. Unused when applyToPageRange. */
  splitGate(k: LinuxKernel, start: bigint): SplitGate;
  /** Whether split tables come from memblock at this point (policy e before the buddy is up). */
  splitTablesFromMemblock(k: LinuxKernel): boolean;
  /** Modelling notes this policy always adds to a result. */
  readonly notes: readonly string[];
}

export const EBUSY = -16;
export const EINVAL = -22;
export const ENOMEM = -12;
export const ENOSYS = -38;
export const EEXIST = -17;

/** The window checks of (c), (d) and (e): WARN_ON and -EBUSY inside a black-out window. */
export function blackoutWindows(k: LinuxKernel, window1: boolean, window2: boolean): SplitGate {
  if (window1 && !k.pageAllocAvailable) {
    k.warn("arch/arm64/mm/mmu.c", "split_kernel_leaf_mapping");
    return { proceed: false, rc: EBUSY };
  }
  if (window2 && k.online.size > 1) {
    k.warn("arch/arm64/mm/mmu.c", "split_kernel_leaf_mapping");
    return { proceed: false, rc: EBUSY };
  }
  return { proceed: true };
}

/** Whether `start` lies in the KFENCE pool (is_kfence_address()): the early pool or a late one. */
export function isKfenceAddress(k: LinuxKernel, start: bigint): boolean {
  const early = k.kfenceEarlyInit ? placementNamed(k.program, "kfence_pool")?.range : undefined;
  return [early, k.kfenceLatePool].some((r) => r !== undefined && start >= r.start && start < r.end);
}
