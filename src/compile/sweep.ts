// `sweep`: the points of a sweep (the product of its axes) and the scenario at each point,
// made by rewriting the AST (a granule, a rodata= or debug_pagealloc= value, realm on or off,
// a buffer's address); the kernel version is passed to the compiler instead.
import type * as A from "../lang/ast.js";
import { parseNumberLiteral } from "../lang/numbers.js";

export interface SweepSetting {
  readonly axis: string;
  readonly value: string;
}

export type SweepPoint = readonly SweepSetting[];

/** Every combination of the axes' values, the first axis varying slowest. */
export function sweepPoints(item: A.SweepItem): SweepPoint[] {
  let points: SweepSetting[][] = [[]];
  for (const axis of item.axes) {
    const name = axis.address ? `${axis.axis.text} at` : axis.axis.text;
    points = points.flatMap((p) => axis.values.map((v) => [...p, { axis: name, value: v.text }]));
  }
  return points;
}

function literal(text: string, range: A.SourceRange): A.NumberLiteral {
  return { kind: "number", value: parseNumberLiteral(text) ?? 0n, text, range };
}

function withMachine(ast: A.Scenario, f: (m: A.MachineBlock) => A.MachineBlock): A.Scenario {
  const i = ast.items.map((x) => x.kind).lastIndexOf("machine");
  const items = [...ast.items];
  if (i >= 0) items[i] = f(items[i] as A.MachineBlock);
  else items.unshift(f({ kind: "machine", statements: [], range: ast.range }));
  return { ...ast, items };
}

function withKernel(ast: A.Scenario, f: (k: A.KernelBlock) => A.KernelBlock): A.Scenario {
  const i = ast.items.map((x) => x.kind).lastIndexOf("kernel");
  const items = [...ast.items];
  if (i >= 0) items[i] = f(items[i] as A.KernelBlock);
  else items.unshift(f({ kind: "kernel", statements: [], range: ast.range }));
  return { ...ast, items };
}

/** The scenario at one sweep point, and the kernel version to compile it for (if swept). */
export function applySweepPoint(ast: A.Scenario, point: SweepPoint): { ast: A.Scenario; version?: string } {
  let out = ast;
  let version: string | undefined;
  for (const { axis, value } of point) {
    const range = ast.range;
    if (axis === "policy" || axis === "version") version = value;
    else if (axis === "granule") {
      out = withMachine(out, (m) => ({ ...m, statements: [...m.statements.filter((s) => s.kind !== "granule" && s.kind !== "va-bits"), { kind: "granule", size: literal(value, range), range }] }));
    } else if (axis === "rodata" || axis === "debug_pagealloc") {
      const word: A.CmdlineWord = { name: axis, value, range };
      out = withKernel(out, (k) => {
        const cmdline = k.statements.find((s): s is Extract<A.KernelStatement, { kind: "cmdline" }> => s.kind === "cmdline");
        const options = [...(cmdline?.options.filter((w) => w.name !== axis) ?? []), word];
        const text = options.map((w) => (w.value === undefined ? w.name : `${w.name}=${w.value}`)).join(" ");
        const statement: A.KernelStatement = { kind: "cmdline", text, options, range: cmdline?.range ?? range };
        return { ...k, statements: cmdline ? k.statements.map((s) => (s === cmdline ? statement : s)) : [...k.statements, statement] };
      });
    } else if (axis === "realm") {
      out = withKernel(out, (k) => ({
        ...k,
        statements: [...k.statements.filter((s) => s.kind !== "realm"), ...(value === "on" ? [{ kind: "realm" as const, range }] : [])],
      }));
    } else if (axis.endsWith(" at")) {
      const name = axis.slice(0, -3);
      out = { ...out, items: out.items.map((i) => (i.kind === "buffer" && i.name.text === name ? { ...i, at: literal(value, range) } : i)) };
    }
  }
  return { ast: out, ...(version ? { version } : {}) };
}
