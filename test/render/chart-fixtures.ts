// The charts of every bundled example, and of the stress scenarios in ./chart-scenarios
// (many banks far apart, no calls at all, many calls on many CPUs): the scenario's own
// kernel, and for compare and the page-table comparison its `compare` command's kernels
// (v7.0 and v7.1 when it has none).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildChart, type BuiltChart } from "../../src/render/charts/index.js";
import type { SimResult } from "../../src/sim/index.js";
import { simulateText } from "../support/run-scenario.js";

export const EXAMPLES_DIR = join(import.meta.dirname, "..", "..", "grammar", "examples", "valid");
export const STRESS_DIR = join(import.meta.dirname, "chart-scenarios");
export const KINDS = ["map", "timeline", "pagetables", "compare"] as const;
export type Kind = (typeof KINDS)[number];

export interface ExampleCharts {
  readonly name: string;
  readonly result: SimResult;
  readonly runs: readonly { version: string; result: SimResult }[];
  readonly charts: Readonly<Record<Kind, BuiltChart>>;
}

function names(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith(".linmap")).map((f) => f.replace(/\.linmap$/, "")).sort();
}

export function exampleNames(): string[] {
  return names(EXAMPLES_DIR);
}

export function stressNames(): string[] {
  return names(STRESS_DIR);
}

export function exampleCharts(name: string, width?: number): ExampleCharts {
  const dir = stressNames().includes(name) ? STRESS_DIR : EXAMPLES_DIR;
  const text = readFileSync(join(dir, `${name}.linmap`), "utf8");
  const result = simulateText(text);
  const named = /^compare (.+)$/m.exec(text)?.[1]?.split(",").map((v) => v.trim()) ?? ["v7.0", "v7.1"];
  const runs = named.map((version) => ({ version, result: simulateText(text, version) }));
  const opts = width ? { width } : {};
  const charts = {
    map: buildChart({ chart: "map" }, result, [], opts),
    timeline: buildChart({ chart: "timeline" }, result, [], opts),
    pagetables: buildChart({ chart: "pagetables" }, result, runs, opts),
    compare: buildChart({ chart: "compare" }, result, runs, opts),
  };
  return { name, result, runs, charts };
}
