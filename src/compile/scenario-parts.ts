// The parts of a checked scenario the compiler reads, with the rule for notebook-built
// scenarios: the last machine/cpus/kernel block counts.
import type * as A from "../lang/ast.js";

export function lastBlock<K extends "machine" | "cpus" | "kernel">(ast: A.Scenario, kind: K): Extract<A.TopLevelItem, { kind: K }> | undefined {
  const blocks = ast.items.filter((i): i is Extract<A.TopLevelItem, { kind: K }> => i.kind === kind);
  return blocks[blocks.length - 1];
}

export function regionBounds(r: A.Region): { start: bigint; end: bigint } {
  return r.kind === "bounds" ? { start: r.start.value, end: r.end.value } : { start: r.start.value, end: r.start.value + r.size.value };
}
