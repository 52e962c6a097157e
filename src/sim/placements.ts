// Looking up a placement of the program by name in constant time (a program can hold
// 100,000 fixed buffers, and the kernel's pools are looked up on every call).
import type { Placement, Program } from "./program.js";

const byProgram = new WeakMap<Program, Map<string, Placement>>();

export function placementNamed(program: Program, name: string): Placement | undefined {
  let m = byProgram.get(program);
  if (!m) {
    m = new Map();
    for (const p of program.placements) if (!m.has(p.name)) m.set(p.name, p);
    byProgram.set(program, m);
  }
  return m.get(name);
}
