// Properties over many inputs: nothing in the language stage throws, whatever the text; and
// fmt then parse gives back the same AST.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { analyzeScenario, checkScenario, formatScenario, parseScenario, renderDiagnostic } from "../../src/lang/index.js";
import { KEYWORD_WORDS } from "../../src/lang/tokens.js";
import { stripRanges } from "./strip-ranges.js";

const validDir = join(import.meta.dirname, "..", "..", "grammar", "examples", "valid");
const examples = readdirSync(validDir)
  .filter((f) => f.endsWith(".linmap"))
  .sort()
  .map((f) => readFileSync(join(validDir, f), "utf8"));

const vocabulary = [
  ...KEYWORD_WORDS, "{", "}", "[", "]", ")", "..", ":", ";", ",", "==", "=", "\n", "\n", "#c\n", '"rodata=on"', '"',
  "0x8000_0000", "4K", "64K", "2M", "1G", "99999999T", "0", "1", "7", "-EINVAL", "v7.0", "v7.1", "r1p0", "its", "its[0]", "init_IRQ",
  "mem_init", "set_memory_decrypted", "memfd_secret", "neoverse-v3", "bbml2_noabort", "KFENCE", "y",
];

const tokenSoup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 60 }).map((ws) => ws.join(" "));

function exercise(text: string): void {
  const { ast, diagnostics } = analyzeScenario(text, "p.linmap");
  for (const d of diagnostics) renderDiagnostic(d, text);
  checkScenario(ast);
  formatScenario(ast);
}

/** An example with a random slice replaced by random text. */
const mutatedExample = fc
  .tuple(fc.constantFrom(...examples), fc.nat(), fc.nat({ max: 20 }), fc.oneof(fc.string({ maxLength: 8 }), tokenSoup))
  .map(([ex, at, len, insert]) => {
    const i = at % (ex.length + 1);
    return ex.slice(0, i) + insert + ex.slice(i + len);
  });

describe("the language stage never throws", () => {
  test.prop([fc.string({ maxLength: 300 })], { numRuns: 300 })("on arbitrary text", (text) => {
    exercise(text);
  });
  test.prop([fc.string({ unit: "binary", maxLength: 200 })], { numRuns: 200 })("on arbitrary unicode", (text) => {
    exercise(text);
  });
  test.prop([tokenSoup], { numRuns: 500 })("on sequences of the language's own words", (text) => {
    exercise(text);
  });
  test.prop([mutatedExample], { numRuns: 400 })("on mutated valid examples", (text) => {
    exercise(text);
  });
});

describe("fmt round trip", () => {
  test.prop([mutatedExample], { numRuns: 400 })("whenever a text parses cleanly, fmt then parse gives the same AST", (text) => {
    const first = parseScenario(text, "a");
    fc.pre(first.diagnostics.length === 0);
    const formatted = formatScenario(first.ast);
    const second = parseScenario(formatted, "b");
    expect(second.diagnostics).toEqual([]);
    expect(stripRanges(second.ast.items)).toEqual(stripRanges(first.ast.items));
    expect(second.ast.comments.map((c) => c.text)).toEqual(first.ast.comments.map((c) => c.text));
    expect(formatScenario(second.ast)).toBe(formatted);
  });
});
