// `sweep`: the points of a sweep (the product of its axes) and the scenario at each point,
// made by rewriting the AST (a granule, a rodata= or debug_pagealloc= value, realm on or off,
// a buffer's address or size); the kernel version is passed to the compiler instead.
import type * as A from "../lang/ast.js";
import { hex, parseNumberLiteral, sizeText } from "../lang/numbers.js";

export interface SweepSetting {
  readonly axis: string;
  readonly value: string;
}

export type SweepPoint = readonly SweepSetting[];

/** One axis of a sweep without its values in memory: `count` values, the i-th by `valueAt`. */
export interface SweepAxisSpace {
  /** `policy`, `its_prop at`, `its_prop size`, ... */
  readonly name: string;
  readonly count: number;
  valueAt(i: number): string;
}

/** The points of a sweep as a mixed-radix number: point i is decoded, never stored. */
export interface SweepSpace {
  readonly axes: readonly SweepAxisSpace[];
  readonly total: number;
}

function axisSpace(axis: A.SweepAxis): SweepAxisSpace {
  const name = axis.address ? `${axis.axis.text} at` : axis.size ? `${axis.axis.text} size` : axis.axis.text;
  const span = axis.span;
  if (!span) return { name, count: axis.values.length, valueAt: (i) => axis.values[i]!.text };
  const { from, to, step } = { from: span.from.value, to: span.to.value, step: span.step.value };
  const count = to > from && step > 0n ? Number((to - from + step - 1n) / step) : 0;
  // Addresses in hex, sizes in binary units, both as the language writes them.
  const text = axis.size ? sizeText : hex;
  return { name, count, valueAt: (i) => text(from + BigInt(i) * step) };
}

export function sweepSpace(item: A.SweepItem): SweepSpace {
  const axes = item.axes.map(axisSpace);
  return { axes, total: axes.reduce((n, a) => n * a.count, 1) };
}

/** Point `index` of the space, the first axis varying slowest. */
export function sweepPointAt(space: SweepSpace, index: number): SweepPoint {
  const out: SweepSetting[] = new Array<SweepSetting>(space.axes.length);
  let rest = index;
  for (let k = space.axes.length - 1; k >= 0; k--) {
    const axis = space.axes[k]!;
    out[k] = { axis: axis.name, value: axis.valueAt(rest % axis.count) };
    rest = Math.floor(rest / axis.count);
  }
  return out;
}

/** Every combination of the axes' values, the first axis varying slowest. */
export function sweepPoints(item: A.SweepItem): SweepPoint[] {
  const space = sweepSpace(item);
  return Array.from({ length: space.total }, (_, i) => sweepPointAt(space, i));
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
    } else if (axis.endsWith(" size")) {
      const name = axis.slice(0, -5);
      out = { ...out, items: out.items.map((i) => (i.kind === "buffer" && i.name.text === name ? { ...i, size: literal(value, range) } : i)) };
    }
  }
  return { ast: out, ...(version ? { version } : {}) };
}
