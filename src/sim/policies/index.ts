// A kernel's linear-map policy, built from its settings (src/catalog/policy-settings.ts): the
// built-in versions and the policies a scenario defines go through the same function, so a
// policy is data and only the decisions below are code. Each decision names the setting it
// reads; the machinery they steer (building, splitting, walking) lives elsewhere.
import type { PolicyId, PolicySettings } from "../../catalog/index.js";
import { notes } from "../messages.js";
import { blackoutWindows, isKfenceAddress, type LinuxPolicy, type SplitGate } from "./policy.js";
import type { LinuxKernel } from "../kernel-state.js";

export type { LinuxPolicy } from "./policy.js";

/** split_kernel_leaf_mapping()'s checks before any splitting, as `split_gate` says. */
function splitGate(s: PolicySettings, k: LinuxKernel, start: bigint): SplitGate {
  const windows = () => blackoutWindows(k, s.window1 === "on", s.window2 === "on");
  switch (s.split_gate) {
    case "never":
      return { proceed: false, rc: 0 };
    case "system_cap":
      // ce2b3a50ad92: forced-PTE systems and KFENCE addresses return before the mutex.
      if (k.forcePteMapping() || isKfenceAddress(k, start)) return { proceed: false, rc: 0 };
      return k.systemBbml2 ? { proceed: true } : { proceed: false, rc: 0 };
    case "calling_cpu": {
      if (!k.systemBbml2) {
        if (k.capsFinalized || !k.cpuSupportsBbml2()) return { proceed: false, rc: 0 };
        const gate = windows();
        if (!gate.proceed) return gate;
      }
      if (k.forcePteMapping() || isKfenceAddress(k, start)) return { proceed: false, rc: 0 };
      return { proceed: true };
    }
    case "linear_map_requires_bbml2": {
      if (!k.linearMapRequiresBbml2 || isKfenceAddress(k, start)) return { proceed: false, rc: 0 };
      if (!k.systemBbml2) {
        if (k.capsFinalized) return { proceed: false, rc: 0 };
        const gate = windows();
        if (!gate.proceed) return gate;
      }
      return { proceed: true };
    }
  }
}

export function linuxPolicy(id: PolicyId, title: string, s: PolicySettings): LinuxPolicy {
  const forcePte = s.map_mem_decision === "force_pte_mapping";
  return {
    id,
    title,
    settings: s,
    applyToPageRange: s.permission_change === "apply_to_page_range",
    invalidLargeLeavesFixed: s.invalid_large_leaves === "present_invalid",
    repaint: s.repaint === "on",
    hasBbml2Cap: () => s.bbml2_cap !== "absent",
    linearMapForcedPte: (k) => (forcePte ? k.forcePteMapping() : k.canSetDirectMap()),
    linearMapRequiresBbml2: (k) => forcePte && !k.forcePteMapping() && k.canSetDirectMap(),
    splitGate: (k, start) => splitGate(s, k, start),
    splitTablesFromMemblock: (k) => s.split_tables_before_buddy === "memblock" && !k.buddyUp,
    notes: s.split_tables_before_buddy === "memblock" ? [notes.policyE()] : [],
  };
}
