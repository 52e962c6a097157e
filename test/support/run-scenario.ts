// Test support: a scenario text through the whole pipeline, failing loudly on diagnostics.
import { runScenarioText } from "../../src/index.js";
import type { SimResult } from "../../src/sim/index.js";

export function simulateText(text: string, version?: string): SimResult {
  const o = runScenarioText(text, "test.linmap", version ? { version } : {});
  if (o.kind === "diagnostics") throw new Error(o.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`).join("\n"));
  return o.result;
}

export function call(r: SimResult, name: string, label?: string) {
  const c = r.calls.find((x) => x.call === name && (label === undefined || x.label === label));
  if (!c) throw new Error(`no call ${name} ${label ?? ""}`);
  return c;
}

export function totalPages(c: { pagetablePages: { memblock: bigint; buddy: bigint; atomic: bigint } }): bigint {
  return c.pagetablePages.memblock + c.pagetablePages.buddy + c.pagetablePages.atomic;
}
