// Policy (c): Ryan Roberts' fix as first posted (23 Mar 2026, not merged). The black-out
// windows are checked first, but only when the calling CPU passes the MIDR check; the old
// forced-PTE / KFENCE test comes after them.
import { blackoutWindows, isKfenceAddress, v618MapMem, type LinuxPolicy } from "./policy.js";

export const policyC: LinuxPolicy = {
  id: "c",
  title: "fix v1 (posted 23 Mar 2026, not merged)",
  kernels: ["fix-v1"],
  applyToPageRange: false,
  invalidLargeLeavesFixed: true,
  repaint: true,
  hasBbml2Cap: () => true,
  ...v618MapMem,
  splitGate: (k, start) => {
    if (!k.systemBbml2) {
      if (k.capsFinalized || !k.cpuSupportsBbml2()) return { proceed: false, rc: 0 };
      const gate = blackoutWindows(k, true);
      if (!gate.proceed) return gate;
    }
    if (k.forcePteMapping() || isKfenceAddress(k, start)) return { proceed: false, rc: 0 };
    return { proceed: true };
  },
  splitTablesFromMemblock: () => false,
  notes: [],
};
