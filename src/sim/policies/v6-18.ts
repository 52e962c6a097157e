// Policy (b): v6.18 to v7.0 (a166563e7ec3 with 3df6979d222b, a660194dd101 and the 6.18-rc
// fixes). Blocks with rodata=full on a BBML2_NOABORT boot CPU; splitting only once caps are
// final on an all-BBML2 system; an invalid block is invisible to the walkers, so a realm
// decrypt of whole blocks leaves them invalid (fixed by 15bfba1ad77f).
import { isKfenceAddress, v618MapMem, type LinuxPolicy } from "./policy.js";

export const policyB: LinuxPolicy = {
  id: "b",
  title: "a166563e7ec3 (block mappings with rodata=full) before the fix",
  kernels: ["v6.18", "v6.19", "v7.0"],
  applyToPageRange: false,
  invalidLargeLeavesFixed: false,
  repaint: true,
  hasBbml2Cap: () => true,
  ...v618MapMem,
  splitGate: (k, start) => {
    // ce2b3a50ad92: forced-PTE systems and KFENCE addresses return before the mutex.
    if (k.forcePteMapping() || isKfenceAddress(k, start)) return { proceed: false, rc: 0 };
    if (!k.systemBbml2) return { proceed: false, rc: 0 };
    return { proceed: true };
  },
  splitTablesFromMemblock: () => false,
  notes: [],
};
