// The parts of a checked scenario the compiler reads, with the rule for notebook-built
// scenarios: the last machine/cpus/kernel block counts (the same functions the checker's
// layout uses).
import type * as A from "../lang/ast.js";
export { lastBlock } from "../lang/index.js";

export function regionBounds(r: A.Region): { start: bigint; end: bigint } {
  return r.kind === "bounds" ? { start: r.start.value, end: r.end.value } : { start: r.start.value, end: r.start.value + r.size.value };
}
