// Policy (d): v7.1, the merged fix f12b435de2f2 with 15bfba1ad77f. Nothing to do unless
// linear_map_requires_bbml2; before caps are final, WARN and -EBUSY in window 1 (until
// mem_init() sets page_alloc_available) and window 2 (secondaries online).
import { mergedFixGate, v618MapMem, type LinuxPolicy } from "./policy.js";

export const policyD: LinuxPolicy = {
  id: "d",
  title: "fix v2 = merged f12b435de2f2 (v7.1)",
  kernels: ["v7.1"],
  applyToPageRange: false,
  invalidLargeLeavesFixed: true,
  repaint: true,
  hasBbml2Cap: () => true,
  ...v618MapMem,
  splitGate: (k, start) => mergedFixGate(k, start, true),
  splitTablesFromMemblock: () => false,
  notes: [],
};
