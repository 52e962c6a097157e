// Bad input never crashes the readers: arbitrary text and mutated real inputs go through the
// boot-log reader, the scenario writer, the ptdump reader and the diff without a throw, and a
// scenario written from a (mutated) boot log never has checker errors.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { analyzeScenario } from "../../src/lang/index.js";
import { isBootLog, readBootLog } from "../../src/import/dmesg.js";
import { readIomem } from "../../src/import/iomem.js";
import { writeScenario } from "../../src/import/scenario.js";
import { linearSection, parsePtdump } from "../../src/ptdump/parse.js";
import { dumpStats } from "../../src/ptdump/stats.js";
import { diffDumps, renderDiff } from "../../src/ptdump/diff.js";

const fixtures = join(import.meta.dirname, "..", "fixtures");
const logs = readdirSync(join(fixtures, "dmesg")).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(fixtures, "dmesg", f), "utf8"));
const dumps = readdirSync(join(fixtures, "realdata")).filter((f) => f.includes("ptdump")).map((f) => readFileSync(join(fixtures, "realdata", f), "utf8"));

/** A real input with a random slice replaced by random text or by another line of it. */
function mutated(sources: readonly string[]) {
  return fc.tuple(fc.constantFrom(...sources), fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("0x", "\n", " ", "-", "[", "]", "0xffffffffffffffff", "999999999999K", "node   0: [mem 0x0-0x0]"))).map(([src, at, len, insert]) => {
    const i = at % (src.length + 1);
    return src.slice(0, i) + insert + src.slice(i + len);
  });
}

function importText(text: string): string[] {
  const log = readBootLog(text);
  if (!isBootLog(log)) return [];
  const { text: scenario } = writeScenario({ file: "x.log", log, iomem: { file: "iomem", data: readIomem(text) } });
  return analyzeScenario(scenario, "x.linmap").diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code}: ${d.message}`);
}

function diffText(text: string): void {
  const s = linearSection(parsePtdump(text));
  if (!s.geometry) return;
  dumpStats(s.entries, s.geometry.geometry);
  renderDiff(diffDumps({ role: "real", name: "a", section: s }, { role: "simulated", name: "b", section: s }));
}

describe("the boot-log reader and the scenario writer", () => {
  test.prop([fc.string({ maxLength: 400 })], { numRuns: 300 })("never throw on arbitrary text", (text) => {
    importText(text);
  });
  test.prop([mutated(logs)], { numRuns: 300, seed: 42 })("write a scenario without checker errors from mutated real logs", (text) => {
    expect(importText(text)).toEqual([]);
  });
});

describe("the ptdump reader and the diff", () => {
  test.prop([fc.string({ maxLength: 400 })], { numRuns: 300 })("never throw on arbitrary text", (text) => {
    diffText(text);
  });
  test.prop([mutated(dumps)], { numRuns: 300 })("never throw on mutated real dumps", (text) => {
    diffText(text);
  });
});
