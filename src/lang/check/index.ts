// The checker: semantic diagnostics for a parsed scenario, from what the text and the
// catalogues can tell (no simulation). Declarations are checked first (machine, then CPUs,
// kernel and buffers) because the uses of names and ranges are checked against them.
import type * as A from "../ast.js";
import { sortDiagnostics, type Diagnostic } from "../diagnostic.js";
import { msg } from "../messages.js";
import { CheckContext, type CheckOptions } from "./context.js";
import { DEFAULT_CPUS, VERSION_SETTINGS, findKernelVersion } from "../../catalog/index.js";
import { checkCallCpusOnline, checkExpectationVersions, checkLayout } from "./feasibility.js";
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

export type { CheckOptions } from "./context.js";

/**
 * Every diagnostic for `ast` run under its own kernel or `opts.version`. This is the only
 * gate: a scenario with no error here compiles and simulates (src/compile assumes it).
 */
export function checkScenario(ast: A.Scenario, opts: CheckOptions = {}): Diagnostic[] {
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
  else {
    ctx.cpusDefault = true;
    ctx.cpus = new Map(Array.from({ length: DEFAULT_CPUS.count }, (_, i) => [BigInt(i), { id: BigInt(i), late: false, boot: i === 0, line: 0 }]));
  }
  checkPolicyDefinitions(ctx, items);
  // The kernel the run uses, when the caller fixes it: a built-in version or a policy the scenario defines.
  if (opts.version !== undefined) {
    const defined = ctx.policies.get(opts.version);
    const builtin = findKernelVersion(opts.version);
    if (defined) [ctx.versionOrder, ctx.versionName, ctx.versionSettings, ctx.versionFixed] = [defined.order, opts.version, defined.settings, true];
    else if (builtin) [ctx.versionOrder, ctx.versionName, ctx.versionSettings, ctx.versionFixed] = [builtin.order, builtin.name, VERSION_SETTINGS[builtin.name], true];
  }
  const kernel = effectiveBlocks(ctx, items, "kernel");
  if (kernel) checkKernel(ctx, kernel);
  checkBufferDeclarations(ctx, ast);
  // Loops over every item, statement or call are indexed: a for...of makes an iterator
  // result per element until the optimizing compiler takes over (~100 MB of garbage for a
  // 100,000-line scenario).
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    if (item.kind === "boot") checkBoot(ctx, item);
  }
  checkExpectations(ctx, items);
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    checkOutputs(ctx, item);
  }
  // `load ptdump ... as NAME`: one dump per name (a later notebook cell may replace its own).
  const loaded = new Map<string, A.LoadItem>();
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    if (item.kind !== "load") continue;
    const earlier = loaded.get(item.name.text);
    if (earlier && earlier.range.source === item.range.source) ctx.report(item.name.range, msg.loadDuplicate(item.name.text, earlier.range.start.line));
    loaded.set(item.name.text, item);
  }
  checkCallCpusOnline(ctx, items);
  checkExpectationVersions(ctx, ast);
  // Placement runs on what is otherwise valid: it reads the sizes and ranges checked above.
  if (!ctx.diagnostics.some((d) => d.severity === "error")) checkLayout(ctx, ast);
  return sortDiagnostics(ctx.diagnostics);
}
