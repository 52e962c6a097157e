// Policy (e): Yang Shi's alternative (proposed 23 Mar 2026, declined): split with page-table
// pages from memblock while the buddy allocator is not up, so there is no window 1. Window 2
// was never discussed; it is assumed to behave as in v7.1.
import { notes } from "../messages.js";
import { mergedFixGate, v618MapMem, type LinuxPolicy } from "./policy.js";

export const policyE: LinuxPolicy = {
  id: "e",
  title: "Yang Shi's memblock split (proposed, declined)",
  kernels: ["memblock-split"],
  applyToPageRange: false,
  invalidLargeLeavesFixed: true,
  repaint: true,
  hasBbml2Cap: () => true,
  ...v618MapMem,
  splitGate: (k, start) => mergedFixGate(k, start, false),
  splitTablesFromMemblock: (k) => !k.buddyUp,
  notes: [notes.policyE()],
};
