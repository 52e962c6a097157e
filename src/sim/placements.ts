// Looking up what the boot allocated by name in constant time: the kernel's pools (looked up
// on every call), the late KFENCE pool and memfd_secret's pages. Fixed buffers are not
// allocated and never looked up here; leaving them out keeps a program of 100,000 of them
// from building a map of 100,000 names. (No buffer shares a pool's name: the checker's
// BUFFER-NAME-RESERVED.)
import type { Placement, Program } from "./program.js";

const byProgram = new WeakMap<Program, Map<string, Placement>>();

/** The placement the boot made under `name` (not a fixed buffer's). */
export function placementNamed(program: Program, name: string): Placement | undefined {
  let m = byProgram.get(program);
  if (!m) {
    m = new Map();
    for (const p of program.placements) if (p.allocator !== "fixed" && !m.has(p.name)) m.set(p.name, p);
    byProgram.set(program, m);
  }
  return m.get(name);
}
