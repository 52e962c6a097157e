// The checker: semantic diagnostics for a parsed scenario, from what the text and the
// catalogues can tell (no simulation). Declarations are checked first (machine, then CPUs,
// kernel and buffers) because the uses of names and ranges are checked against them.
import type * as A from "../ast.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostic.js";
import { msg } from "../messages.js";
import { CheckContext } from "./context.js";
import { checkGranule, checkImage, checkMemory } from "./machine.js";
import { checkCpus } from "./cpus.js";
import { checkKernel } from "./kernel.js";
import { checkPolicyDefinitions } from "./policies.js";
import { checkBufferDeclarations } from "./buffers.js";
import { checkBoot } from "./boot.js";
import { checkExpectations } from "./expectations.js";
import { checkOutputs } from "./outputs.js";

type BlockKind = "machine" | "cpus" | "kernel";

/**
 * The block of each kind that counts: the last one. Within one source a second block is an
 * error; across sources (notebook cells) the later cell's block replaces the earlier one.
 */
function effectiveBlocks<K extends BlockKind>(ctx: CheckContext, items: readonly A.TopLevelItem[], kind: K): Extract<A.TopLevelItem, { kind: K }> | undefined {
  const blocks = items.filter((i): i is Extract<A.TopLevelItem, { kind: K }> => i.kind === kind);
  const firstBySource = new Map<string, number>();
  for (const b of blocks) {
    const range: A.SourceRange = (b as A.TopLevelItem).range;
    const first = firstBySource.get(range.source);
    if (first !== undefined) ctx.report(range, msg.blockDuplicate(kind, first));
    else firstBySource.set(range.source, range.start.line);
  }
  return blocks[blocks.length - 1];
}

export function checkScenario(ast: A.Scenario): Diagnostic[] {
  const ctx = new CheckContext();
  const items = ast.items;
  const machine = effectiveBlocks(ctx, items, "machine");
  if (machine) {
    checkGranule(ctx, machine);
    checkMemory(ctx, machine);
    checkImage(ctx, machine);
  }
  const cpus = effectiveBlocks(ctx, items, "cpus");
  if (cpus) checkCpus(ctx, cpus);
  checkPolicyDefinitions(ctx, items);
  const kernel = effectiveBlocks(ctx, items, "kernel");
  if (kernel) checkKernel(ctx, kernel);
  checkBufferDeclarations(ctx, items);
  for (const item of items) if (item.kind === "boot") checkBoot(ctx, item);
  checkExpectations(ctx, items);
  for (const item of items) checkOutputs(ctx, item);
  // `load ptdump ... as NAME`: one dump per name (a later notebook cell may replace its own).
  const loaded = new Map<string, A.LoadItem>();
  for (const item of items) {
    if (item.kind !== "load") continue;
    const earlier = loaded.get(item.name.text);
    if (earlier && earlier.range.source === item.range.source) ctx.report(item.name.range, msg.loadDuplicate(item.name.text, earlier.range.start.line));
    loaded.set(item.name.text, item);
  }
  return sortDiagnostics(ctx.diagnostics);
}
