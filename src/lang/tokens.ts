// The linmap lexer: every token type of the language and the one Lexer built from them.
// Keywords are tokens of their own with `longer_alt: Identifier`, so `mem_init` is a name
// while `memory` is a keyword; a few keywords ("soft" ones) may still be used as names of
// buffers (`buffer data size 4K`), see SOFT_KEYWORDS.
import type { IToken, TokenType } from "chevrotain";
import { createToken, Lexer } from "./chevrotain.js";

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n\r]*/, group: "comments" });

// Names: step, call, MIDR, feature, buffer and Kconfig names. Hyphens are allowed inside a
// name because MIDR and policy names have them (`neoverse-v3`, `fix-v1`, `memblock-split`).
export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/ });

// Literals. Order matters: a size (`64K`) and a hex number must win over a plain number.
export const VersionLiteral = createToken({ name: "VersionLiteral", pattern: /v\d+\.\d+(?:\.y)?/, longer_alt: Identifier });
export const RevisionLiteral = createToken({ name: "RevisionLiteral", pattern: /r\d+p\d+/, longer_alt: Identifier });
export const HexLiteral = createToken({ name: "HexLiteral", pattern: /0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*/ });
export const SizeLiteral = createToken({ name: "SizeLiteral", pattern: /\d(?:_?\d)*(?:K|M|G|T|P)(?:iB)?(?![A-Za-z0-9_])/ });
export const DecimalLiteral = createToken({ name: "DecimalLiteral", pattern: /\d(?:_?\d)*/ });
export const ErrnoLiteral = createToken({ name: "ErrnoLiteral", pattern: /-E[A-Z0-9]+/ });
// Only \" and \\ escape: command lines and messages need no others.
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\n\r]|\\["\\])*"/ });

// Punctuation.
export const LCurly = createToken({ name: "LCurly", pattern: /\{/, label: "'{'" });
export const RCurly = createToken({ name: "RCurly", pattern: /\}/, label: "'}'" });
// `buf[2]` / `buf[0..4)`: a page index written right after a name (no space) is an index,
// while `[0x8000_0000..0x8020_0000)` after a space is a physical range. Deciding this in the
// lexer keeps the grammar LL(k) without a gate.
export const IndexOpen = createToken({
  name: "IndexOpen",
  label: "'['",
  line_breaks: false,
  start_chars_hint: ["["],
  pattern: (text: string, offset: number) => {
    if (text[offset] !== "[" || offset === 0 || !/[A-Za-z0-9_]/.test(text[offset - 1]!)) return null;
    return ["["] as unknown as RegExpExecArray;
  },
});
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./, label: "'..'" });
export const Colon = createToken({ name: "Colon", pattern: /:/, label: "':'" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/, label: "';'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const EqualsEquals = createToken({ name: "EqualsEquals", pattern: /==/, label: "'=='" });
export const Equals = createToken({ name: "Equals", pattern: /=/, label: "'='" });
/** The cpulist range `0-7` (ErrnoLiteral `-EINVAL` is tried first). */
export const Dash = createToken({ name: "Dash", pattern: /-/, label: "'-'" });

function keyword(word: string): TokenType {
  const name = word
    .split("_")
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
  // A string pattern matches as the same sticky RegExp would, but the lexer takes its first
  // character as it is instead of parsing a RegExp to find it (start-up, issue 10).
  return createToken({ name, pattern: word, longer_alt: Identifier, label: `'${word}'` });
}

// Top-level items.
export const Machine = keyword("machine");
export const Cpus = keyword("cpus");
export const Kernel = keyword("kernel");
export const Buffer = keyword("buffer");
export const Vmalloc = keyword("vmalloc");
export const Boot = keyword("boot");
export const Expect = keyword("expect");
export const Show = keyword("show");
export const Chart = keyword("chart");
export const Compare = keyword("compare");
export const Sweep = keyword("sweep");
export const Run = keyword("run");
export const Print = keyword("print");
export const Load = keyword("load");
// Statements and modifiers.
export const Granule = keyword("granule");
export const VaBits = keyword("va_bits");
export const Memory = keyword("memory");
export const Nomap = keyword("nomap");
export const Image = keyword("image");
export const Text = keyword("text");
export const Init = keyword("init");
export const Data = keyword("data");
export const Cpu = keyword("cpu");
export const Late = keyword("late");
export const Version = keyword("version");
export const Policy = keyword("policy");
export const Cmdline = keyword("cmdline");
export const Realm = keyword("realm");
export const Config = keyword("config");
export const Swiotlb = keyword("swiotlb");
export const Kaslr = keyword("kaslr");
export const Seed = keyword("seed");
export const Alias = keyword("alias");
export const PaBits = keyword("pa_bits");
export const From = keyword("from");
export const Size = keyword("size");
export const Align = keyword("align");
export const At = keyword("at");
export const Before = keyword("before");
export const After = keyword("after");
export const On = keyword("on");
export const Move = keyword("move");
export const To = keyword("to");
export const Online = keyword("online");
export const Hotplug = keyword("hotplug");
export const Returns = keyword("returns");
export const Warns = keyword("warns");
export const Pages = keyword("pages");
export const Flushes = keyword("flushes");
export const Splits = keyword("splits");
export const Leaf = keyword("leaf");
export const Is = keyword("is");
export const Pagetables = keyword("pagetables");
export const By = keyword("by");
export const Under = keyword("under");
export const As = keyword("as");
export const Matches = keyword("matches");
export const Step = keyword("step");

/** Keywords that may also name a buffer or a vmalloc area (never at a place where that is ambiguous: `policy`, which starts a top-level item, is not one). */
export const SOFT_KEYWORDS: readonly TokenType[] = [
  Text, Init, Data, Image, Memory, Nomap, Granule, Version, Realm, Config, Swiotlb, Cmdline, Late,
  Returns, Pages, Flushes, Splits, Cpu, VaBits, Align, Kaslr, Seed, Alias, PaBits, From, Step,
];

export const KEYWORDS: readonly TokenType[] = [
  Machine, Cpus, Kernel, Buffer, Vmalloc, Boot, Expect, Show, Chart, Compare, Sweep, Run, Print, Load,
  Granule, VaBits, Memory, Nomap, Image, Text, Init, Data, Cpu, Late, Version, Policy, Cmdline, Realm,
  Config, Swiotlb, Size, Align, At, Before, After, On, Move, To, Online, Hotplug, Returns, Warns, Pages,
  Flushes, Splits, Leaf, Is, Pagetables, By, Kaslr, Seed, Alias, PaBits, From, As, Matches, Step,
  Under,
];

/** A name that a first-time user means as a size unit when written right after a number (`2GB`, `4kb`): parse.ts hints at it. */
export const UNIT_LIKE = /^([KMGTP])(?:B|iB|b|ib)?$|^([kmgtp])(?:i?b)?$/;

/** The words of the language, for completion and the TextMate grammar. */
export const KEYWORD_WORDS: readonly string[] = KEYWORDS.map((k) => (k.LABEL ?? k.name).replace(/'/g, ""));

export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace, Comment,
  ErrnoLiteral, StringLiteral, HexLiteral, SizeLiteral, DecimalLiteral,
  LCurly, RCurly, IndexOpen, LBracket, RBracket, RParen, DotDot, Colon, Semicolon, Comma, EqualsEquals, Equals, Dash,
  // A keyword that is a prefix of another (`on`/`online`, `cpu`/`cpus`) must come after it:
  // longer_alt only rescues identifiers, not longer keywords.
  ...[...KEYWORDS].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  VersionLiteral, RevisionLiteral,
  Identifier,
];

// Lexer validations run in the tests (VITEST) and `npm run grammar`, not on every start.
const VALIDATE_LEXER = process.env["VITEST"] !== undefined || process.env["LINMAP_GRAMMAR_CHECKS"] === "1";
/**
 * Offset-only tokens (tracking lines for every token costs a third of parse time; see
 * ./line-table.ts) that still carry `endOffset`, which the parser's node locations read.
 * Setting it on each token after lexing gave every token a second shape and a separate
 * property store: a million tokens took half a second and 50 MB more. Chevrotain picks its
 * token factory by `positionTracking` (this method for "onlyOffset"); the token is the
 * fields of its IToken type, created with all of them at once.
 */
class OffsetLexer extends Lexer {
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken {
    return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType } as IToken;
  }
}

export const linmapLexer: import("chevrotain").Lexer = new OffsetLexer(ALL_TOKENS as TokenType[], { ensureOptimizations: VALIDATE_LEXER, positionTracking: "onlyOffset", skipValidations: !VALIDATE_LEXER });
