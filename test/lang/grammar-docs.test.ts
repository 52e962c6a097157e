// The committed grammar documents must be exactly what the parser generates today.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { grammarDocuments } from "../../src/lang/grammar-docs.js";

const root = join(import.meta.dirname, "..", "..");

describe("generated grammar documents", () => {
  const docs = grammarDocuments(root);
  for (const [path, text] of Object.entries(docs)) {
    it(`${path} matches the parser (run \`npm run grammar\` after changing src/lang/parser.ts)`, () => {
      expect(readFileSync(join(root, path), "utf8")).toBe(text);
    });
  }

  it("the railroad page loads nothing from the network", () => {
    const html = docs["grammar/railroad.html"]!;
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain("window.serializedGrammar");
    expect(html).toContain('"name": "bootBlock"');
  });

  it("the README's code table lists every diagnostic code", () => {
    const readme = docs["grammar/README.md"]!;
    expect(readme).toContain("| `BANK-OVERLAP` | error | Two memory banks overlap. |");
    expect(readme).toContain("| `RODATA-FULL-IGNORED` | warning |");
  });

  it("the EBNF has a rule for every parser rule", () => {
    const ebnf = docs["grammar/linmap.ebnf"]!;
    for (const rule of ["scenario", "machineBlock", "cpuStatement", "callStatement", "expectItem", "sweepAxis"]) {
      expect(ebnf).toMatch(new RegExp(`^${rule} =`, "m"));
    }
    expect(ebnf).toContain('region =\n      "[" address ".." address ")"\n    | address "size" sizeValue\n    ;');
  });
});
