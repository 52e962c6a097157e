// Policy (a): kernels up to v6.17, before a166563e7ec3. The linear map is PTE-mapped iff
// can_set_direct_map(); nothing is ever split; any permission change that meets a block fails
// in apply_to_page_range() with WARN_ON_ONCE and -EINVAL.
import type { LinuxPolicy } from "./policy.js";

export const policyA: LinuxPolicy = {
  id: "a",
  title: "before a166563e7ec3 (no block mappings with rodata=full)",
  kernels: ["v6.13", "v6.14", "v6.15", "v6.16", "v6.17"],
  applyToPageRange: true,
  invalidLargeLeavesFixed: false,
  repaint: false,
  hasBbml2Cap: (k) => k.program.kernel.order >= 617,
  linearMapForcedPte: (k) => k.canSetDirectMap(),
  linearMapRequiresBbml2: () => false,
  splitGate: () => ({ proceed: false, rc: 0 }),
  splitTablesFromMemblock: () => false,
  notes: [],
};
