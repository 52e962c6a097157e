// The clean path (src/lang/clean-lexer.ts, src/lang/clean-parser.ts) is an optimisation: on
// every text it takes, it must give what the recovering parser gives, and it must take every
// text that has nothing to report. Checked on the grammar itself, on every scenario in the
// repository, and on random texts.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { KEYWORD_WORDS, UNIT_LIKE, linmapLexer } from "../../src/lang/tokens.js";
import { lexClean } from "../../src/lang/clean-lexer.js";
import { linmapParser } from "../../src/lang/parser.js";
import { parseCleanly, parseWithRecovery } from "../../src/lang/parse.js";
import { callsAtOneStep, fixedBuffers } from "../../bench/scale.js";
import { generatedScenario, notesScenario } from "../../bench/parse.js";

const root = join(import.meta.dirname, "..", "..");

function scenarioFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".") || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...scenarioFiles(path));
    else if (name.endsWith(".linmap")) out.push(path);
  }
  return out.sort();
}

const files = scenarioFiles(root);
const texts = files.map((f) => readFileSync(f, "utf8"));

/** The AST as text, keys in order, bigints and undefined fields spelled out: the same tree and the same JSON. */
function exact(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v === undefined ? "<undefined>" : v), 1);
}

/**
 * The clean path agrees with recovery: the same AST when it takes the text, and it takes it
 * exactly when nothing is reported.
 */
function agree(text: string): boolean {
  const full = parseWithRecovery(text, "t.linmap");
  const clean = parseCleanly(text, "t.linmap");
  expect(clean !== undefined, `clean path ${clean ? "took" : "refused"} a text with ${full.diagnostics.length} diagnostics`).toBe(full.diagnostics.length === 0);
  if (clean) expect(exact(clean)).toBe(exact(full.ast));
  return clean !== undefined;
}

function tokensOf(text: string): { tokens: string[]; comments: string[]; errors: number } {
  const lexed = linmapLexer.tokenize(text);
  const show = (t: { image: string; startOffset: number; endOffset?: number; tokenType: { name: string } }) => `${t.tokenType.name}:${t.startOffset}-${t.endOffset}:${t.image}`;
  return { tokens: lexed.tokens.map(show), comments: (lexed.groups["comments"] ?? []).map(show), errors: lexed.errors.length };
}

/** A number then, right after it, a name that looks like a unit (`2GB`): parse.ts hints at it. */
function hasUnitHint(text: string): boolean {
  const tokens = linmapLexer.tokenize(text).tokens;
  return tokens.some((t, i) => {
    const next = tokens[i + 1];
    return t.tokenType.name === "DecimalLiteral" && next?.tokenType.name === "Identifier" && next.startOffset === t.startOffset + t.image.length && UNIT_LIKE.test(next.image);
  });
}

/** lexClean gives linmapLexer's tokens, or nothing when linmapLexer reports an error (or a first-use hint is due). */
function lexesAlike(text: string): void {
  const expected = tokensOf(text);
  const clean = lexClean(text);
  expect(clean === undefined, `lexClean ${clean ? "lexed" : "refused"} a text with ${expected.errors} lexer errors`).toBe(expected.errors > 0 || hasUnitHint(text));
  if (!clean) return;
  const show = (t: { image: string; startOffset: number; endOffset?: number; tokenType: { name: string } }) => `${t.tokenType.name}:${t.startOffset}-${t.endOffset}:${t.image}`;
  expect(clean.tokens.map(show)).toEqual(expected.tokens);
  expect(clean.comments.map(show)).toEqual(expected.comments);
}

describe("the clean parser", () => {
  // The grammar clean-parser.ts was written against, as LinmapParser records it. When the
  // grammar changes, make the same change in clean-parser.ts (each rule there names its
  // decisions), check that this file's comparisons pass, and then update the fingerprint.
  it("follows LinmapParser's grammar (its fingerprint)", () => {
    const grammar = JSON.stringify(linmapParser().getSerializedGastProductions());
    expect(createHash("sha256").update(grammar).digest("hex").slice(0, 16)).toBe("ed3884d18c3f237e");
  });
});

describe("on every scenario of the repository", () => {
  it(`gives recovery's tokens and AST (${files.length} files)`, () => {
    expect(files.length).toBeGreaterThan(50);
    let taken = 0;
    for (const [i, text] of texts.entries()) {
      lexesAlike(text);
      if (agree(text)) taken++;
      else expect(files[i]).toMatch(/invalid|syntax/i);
    }
    expect(taken).toBeGreaterThan(files.length / 2);
  });

  it("on the benchmarks' generated scenarios", () => {
    for (const text of [callsAtOneStep(2000), fixedBuffers(2000), notesScenario(100_000), generatedScenario(100_000)]) expect(agree(text)).toBe(true);
  });

  it("with a byte-order mark, and on a scenario written on one line", () => {
    expect(agree(`\ufeff${texts[0]!}`)).toBe(true);
    const oneLine = "machine { granule 4K; memory 0x8000_0000 size 4G } buffer b at 0x1_0000_0000 size 64K boot { at init_IRQ { set_memory_valid b 0; set_memory_valid b 1 } } expect warns 0";
    expect(agree(oneLine)).toBe(true);
  });
});

// Words and characters the lexer and the grammar care about, to make texts near the edges.
const vocabulary = [
  ...KEYWORD_WORDS, "{", "}", "[", "]", ")", "..", ":", ";", ",", "==", "=", "-", "\n", "\n", " ", "#c\n", '"rodata=on"', '"a\\"b"', '"',
  "0x8000_0000", "0x", "0X1f", "4K", "64K", "64KiB", "64KB", "2M", "1G", "99999999T", "1_000", "1__0", "0", "1", "7", "7.1", "-EINVAL", "-E", "v7.0", "v7.1",
  "v7.1.y", "v7", "r1p0", "r1p0x", "its", "its[0]", "its[0..2)", "init_IRQ", "mem_init", "set_memory_decrypted", "memfd_secret",
  "neoverse-v3", "a-", "bbml2_noabort", "KFENCE", "y", "\t", "\r\n", "\ufeff", "é", "(", ".",
];
const soup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join(""));
const spacedSoup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((ws) => ws.join(" "));
/** One of each construct and alternative of the grammar, to be joined into scenarios. */
const snippets = [
  "machine { granule 4K; va_bits 48\n pa_bits 52 memory 0x8000_0000 size 4G; memory [0x1_0000_0000..0x2_0000_0000) nomap 0x9000_0000 size 2M }",
  "machine { image at 0x8020_0000 text 16M init 2M data 8M; image; image data 1M }",
  "cpus { cpu 0 neoverse-v3 r1p0 boot; cpu 1..3 bbml2_noabort late r0p1 r2p2\n cpu 4-7 cortex-a720 }",
  'kernel { version v7.0; policy v6.18.y; cmdline "rodata=on kfence.sample_interval=0 a\\"b"; realm; config KFENCE = n; config X=7; config Y = 0x10 }',
  "kernel { swiotlb 64M; kaslr seed 0x1234; kaslr seed 42; alias _text }",
  "policy fix-v1 from v7.0 { window1 on; split_tables memblock; bbml2_allow_list v7.1; n 3 }",
  "buffer its at 0x1_0000_0000 size 64K", "buffer b size 2M at 0x2_0000_0000 align 2M", "buffer data size 4K", "buffer text size 8K align 4K",
  "vmalloc v size 1G", "vmalloc w at 0x3_0000_0000 size 2M", "vmalloc x at 0x4000_0000 size 4K at 0x5000_0000",
  "boot { at init_IRQ: set_memory_decrypted its\n before mem_init { set_memory_valid b[0] 0; set_memory_valid b[1..3) 1 on cpu 2\n memfd_secret\n kfence_init_late } }",
  "boot { after userspace: add_memory 0x10_0000_0000 size 1G; move swiotlb_update_mem_attributes to mm_core_init; move x before y; move x after y }",
  "boot { at x: add_memory 4096 size 4K; at y: f 7; at z { memfd_secret\n b\n c 1\n d 4096 size 4K 1 on cpu 1 e } }",
  "boot { online cpu 1 at smp_init; hotplug cpu 2..3 after userspace; online cpu 4-5 before userspace; ; at x: y [0x8000_0000..0x8000_1000) }",
  "expect pagetables 3; expect pagetables 4 at init_IRQ; expect warns 0; expect warns 1 after userspace",
  "expect [0x8000_0000..0x8020_0000) leaf 2M; expect 0x8000_0000 size 4K is valid, rw after userspace",
  "expect its leaf 4K at init_IRQ; expect its[0] is invalid; expect its[0..2) leaf 4K",
  "expect set_memory_decrypted its == -EINVAL; expect set_memory_valid b[0] at init_IRQ == 0; expect memfd_secret: returns -ENOSYS, warns 1, pages 2, flushes 3, splits 4",
  "expect its == 0", "expect its[0] == 0", "expect x [0x8000_0000..0x8000_1000) after y: returns 0",
  "expect under v7.0: warns 1; expect under v7.0, v7.1 { pagetables 2; its is valid; ptdump matches \"d.txt\" } expect under v6.18: ptdump matches \"e.txt\" 0 size 4K",
  'expect ptdump matches "dump.txt"; expect ptdump matches "dump.txt" [0x8000_0000..0x9000_0000)',
  "show calls; show ptdump [0x8000_0000..0x9000_0000), stats after init_IRQ; show ptdump its, trace its[1]; show trace b",
  "chart map; chart pagetables its at init_IRQ; chart compare; chart timeline 0x8000_0000 size 1G",
  "compare v7.0, v7.1, fix-v1", "sweep granule 4K, 16K, 64K by rodata on, off, full by realm on", "sweep its at 0x1_0000_0000..0x2_0000_0000 step 2M by version v7.0",
  "sweep its size 64K, 0x20000 by policy v7.0, v7.1 by debug_pagealloc 1", "run;", "run v7.0", "run policy fix-v1", "run version v7.1",
  'print "hello \\"x\\""', 'load ptdump "dump.txt" as real', "# a comment\n", ";",
];
const snippetScenario = fc
  .array(fc.tuple(fc.constantFrom(...snippets), fc.constantFrom("\n", " ", "\n\n", " # note\n", ";", "\r\n")), { maxLength: 12 })
  .map((parts) => parts.map(([s, sep]) => s + sep).join(""));

const mutated = fc
  .tuple(fc.constantFrom(...texts), fc.nat(), fc.nat({ max: 20 }), fc.oneof(fc.string({ maxLength: 8 }), spacedSoup))
  .map(([ex, at, len, insert]) => {
    const i = at % (ex.length + 1);
    return ex.slice(0, i) + insert + ex.slice(i + len);
  });

describe("on random texts", () => {
  test.prop([fc.oneof(soup, spacedSoup, fc.string({ maxLength: 80 }))], { numRuns: 1500 })("lexClean gives linmapLexer's tokens", (text) => {
    lexesAlike(text);
  });
  test.prop([fc.oneof(spacedSoup, mutated)], { numRuns: 1500 })("the clean path gives recovery's AST whenever nothing is reported", (text) => {
    agree(text);
  });
  test.prop([snippetScenario], { numRuns: 300 })("on scenarios made of every construct", (text) => {
    expect(agree(text)).toBe(true);
  });
  test.prop([fc.tuple(snippetScenario, fc.nat(), fc.constantFrom(...vocabulary))], { numRuns: 500 })("on those with one word put in", ([text, at, word]) => {
    const i = at % (text.length + 1);
    agree(text.slice(0, i) + word + text.slice(i));
  });
});
