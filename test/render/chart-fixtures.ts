// The charts of every bundled example: the scenario's own kernel, and for compare and the
// page-table comparison its `compare` command's kernels (v7.0 and v7.1 when it has none).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildChart, type BuiltChart } from "../../src/render/charts/index.js";
import type { SimResult } from "../../src/sim/index.js";
import { simulateText } from "../support/run-scenario.js";

export const EXAMPLES_DIR = join(import.meta.dirname, "..", "..", "grammar", "examples", "valid");
export const KINDS = ["map", "timeline", "pagetables", "compare"] as const;
export type Kind = (typeof KINDS)[number];

export interface ExampleCharts {
  readonly name: string;
  readonly result: SimResult;
  readonly runs: readonly { version: string; result: SimResult }[];
  readonly charts: Readonly<Record<Kind, BuiltChart>>;
}

export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith(".linmap")).map((f) => f.replace(/\.linmap$/, "")).sort();
}

export function exampleCharts(name: string, width?: number): ExampleCharts {
  const text = readFileSync(join(EXAMPLES_DIR, `${name}.linmap`), "utf8");
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
