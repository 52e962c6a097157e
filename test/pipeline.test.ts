// The pipeline is total over what the checker admits: scenarios generated from the grammar
// (every block, CPU ranges, calls with every kind of target, expectations, outputs) that
// check clean must compile and simulate without throwing and give a result, under their own
// kernel and under each kernel they compare. Seeded; LINMAP_FUZZ_RUNS=N runs more and
// LINMAP_FUZZ_SEED=S another sequence.
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { parseScenario } from "../src/lang/index.js";
import { admit } from "../src/pipeline.js";
import { simulate } from "../src/sim/index.js";
import { scenarioArb } from "./support/scenario-arbitrary.js";

const RUNS = Number(process.env["LINMAP_FUZZ_RUNS"] ?? 10_000);
const SEED = Number(process.env["LINMAP_FUZZ_SEED"] ?? 20261202);


/** Check, then (when admitted) compile and simulate under every kernel the scenario names. */
function exercise(text: string): "admitted" | "refused" | "syntax" {
  const parsed = parseScenario(text, "fuzz.linmap");
  if (parsed.diagnostics.length > 0) return "syntax";
  const versions = new Set<string | undefined>([undefined]);
  for (const i of parsed.ast.items) if (i.kind === "compare") for (const v of i.versions) versions.add(v.text);
  let admitted = false;
  for (const version of versions) {
    const a = admit(parsed.ast, version ? { version } : {});
    if (!a.ok) continue;
    admitted = true;
    const r = simulate(a.program);
    expect(r.provenance.version).toBeTruthy();
    expect(Array.isArray(r.calls)).toBe(true);
  }
  return admitted ? "admitted" : "refused";
}

describe("check-clean scenarios compile and simulate", () => {
  const seen = { admitted: 0, refused: 0, syntax: 0 };
  test.prop([scenarioArb], { numRuns: RUNS, seed: SEED })(`${RUNS} generated scenarios (seed ${SEED})`, (text) => {
    seen[exercise(text)]++;
  }, 60_000 + RUNS * 20); // about 1 ms a scenario on a quiet machine; room for a loaded one
  test.prop([fc.constant(0)], { numRuns: 1 })("and a good share of them are admitted (the generator reaches the simulator)", () => {
    if (process.env["LINMAP_FUZZ_RUNS"]) console.log(seen);
    expect(seen.syntax).toBeLessThan(RUNS / 4);
    expect(seen.admitted).toBeGreaterThan(RUNS / 10);
  });
});
