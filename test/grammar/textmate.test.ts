// The TextMate grammar, tokenized headlessly with vscode-textmate and the Oniguruma WASM
// engine that editors use: each construct gets its scope, and names never hide keywords
// (`init` inside `mem_init` stays part of the step name).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";
import { BOOT_STEPS, callNames } from "../../src/catalog/index.js";
import { KEYWORD_WORDS } from "../../src/lang/tokens.js";

const root = join(import.meta.dirname, "..", "..");
let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(join(require.resolve("vscode-oniguruma"), "..", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(join(root, "grammar", "linmap.tmLanguage.json"), "utf8"), "linmap.tmLanguage.json"),
  });
  grammar = (await registry.loadGrammar("source.linmap"))!;
});

/** [text, innermost scope] for each token of one line, whitespace dropped. */
function tokens(line: string): [string, string][] {
  const r = grammar.tokenizeLine(line, vsctm.INITIAL);
  return r.tokens
    .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex).trim(), t.scopes[t.scopes.length - 1]!])
    .filter(([text]) => text.trim() !== "");
}

function scopeOf(line: string, word: string): string | undefined {
  return tokens(line).find(([t]) => t === word)?.[1];
}

describe("linmap.tmLanguage.json", () => {
  it("comments", () => {
    expect(tokens("# GIC ITS tables")).toEqual([["# GIC ITS tables", "comment.line.number-sign.linmap"]]);
  });

  it("item keywords and braces", () => {
    expect(tokens("machine {")).toEqual([
      ["machine", "keyword.control.linmap"],
      ["{", "punctuation.section.block.begin.linmap"],
    ]);
  });

  it("hex numbers and sizes", () => {
    expect(tokens("memory 0x8000_0000 size 2G")).toEqual([
      ["memory", "keyword.other.linmap"],
      ["0x8000_0000", "constant.numeric.hex.linmap"],
      ["size", "keyword.other.linmap"],
      ["2G", "constant.numeric.size.linmap"],
    ]);
  });

  it("steps and calls", () => {
    expect(tokens("at init_IRQ: its_alloc_pages_node its_prop")).toEqual([
      ["at", "keyword.other.linmap"],
      ["init_IRQ", "entity.name.tag.step.linmap"],
      [":", "keyword.operator.linmap"],
      ["its_alloc_pages_node", "entity.name.function.call.linmap"],
      ["its_prop", "source.linmap"],
    ]);
  });

  it("return codes, versions, strings, ranges and CPU models", () => {
    expect(scopeOf("expect x == -EINVAL", "-EINVAL")).toBe("constant.language.errno.linmap");
    expect(scopeOf("kernel { version v7.0 }", "v7.0")).toBe("constant.other.version.linmap");
    expect(scopeOf("compare fix-v1, memblock-split", "memblock-split")).toBe("constant.other.version.linmap");
    expect(tokens('cmdline "rodata=on"')[1]).toEqual(['"', "string.quoted.double.linmap"]);
    expect(scopeOf("cpu 0..7 neoverse-v3", "..")).toBe("keyword.operator.linmap");
    expect(scopeOf("cpu 0..7 neoverse-v3", "neoverse-v3")).toBe("support.type.cpu.linmap");
  });

  it("a keyword inside a longer name is not a keyword", () => {
    expect(tokens("at mem_init: memfd_secret")).toEqual([
      ["at", "keyword.other.linmap"],
      ["mem_init", "entity.name.tag.step.linmap"],
      [":", "keyword.operator.linmap"],
      ["memfd_secret", "entity.name.function.call.linmap"],
    ]);
    expect(scopeOf("buffer init_table size 4K", "init_table")).toBe("source.linmap");
  });

  it("scopes every keyword, every call and every boot step of the catalogues", () => {
    for (const w of KEYWORD_WORDS) expect(scopeOf(`${w} `, w), w).toMatch(/^keyword\./);
    for (const c of callNames()) expect(scopeOf(`x ${c} y`, c), c).toBe("entity.name.function.call.linmap");
    for (const s of BOOT_STEPS) expect(scopeOf(`at ${s.name}:`, s.name), s.name).toBe("entity.name.tag.step.linmap");
  });
});
