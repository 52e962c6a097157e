// Which kernels a scenario is run under, and the scenario under another kernel. A kernel is
// given to a scenario by rewriting its `version` statement, so the checker judges the name
// (an unknown name is VERSION-UNKNOWN at the statement; a policy the scenario defines is
// whatever the checker accepts) and the version-dependent checks (rodata=full) apply.
import type * as A from "../lang/ast.js";
import { DEFAULT_KERNEL_VERSION } from "../catalog/index.js";

function versionStatement(ast: A.Scenario): Extract<A.KernelStatement, { kind: "version" }> | undefined {
  for (const item of ast.items) {
    if (item.kind !== "kernel") continue;
    const s = item.statements.find((x): x is Extract<A.KernelStatement, { kind: "version" }> => x.kind === "version");
    if (s) return s;
  }
  return undefined;
}

/** The kernel the scenario was written for: its `version`, else the default. */
export function ownKernel(ast: A.Scenario): string {
  return versionStatement(ast)?.version.text ?? DEFAULT_KERNEL_VERSION;
}

/** The kernels a scenario names: those of its `compare` commands, else its own. */
export function namedKernels(ast: A.Scenario): string[] {
  const named = ast.items.flatMap((i) => (i.kind === "compare" ? i.versions.map((v) => v.text) : []));
  return named.length > 0 ? [...new Set(named)] : [ownKernel(ast)];
}

/** The scenario with `version NAME` in its kernel block (added, or replacing the one there). */
export function withKernelVersion(ast: A.Scenario, name: string): A.Scenario {
  const existing = versionStatement(ast);
  if (existing?.version.text === name) return ast;
  const range = existing?.range ?? ast.range;
  const statement: A.KernelStatement = { kind: "version", version: { kind: "name", text: name, range: existing?.version.range ?? range }, range };
  const i = ast.items.findIndex((x) => x.kind === "kernel");
  const items = [...ast.items];
  if (i < 0) items.unshift({ kind: "kernel", statements: [statement], range: ast.range });
  else {
    const k = items[i] as A.KernelBlock;
    const statements = existing ? k.statements.map((s) => (s === existing ? statement : s)) : [statement, ...k.statements];
    items[i] = { ...k, statements };
  }
  return { ...ast, items };
}
