// A lexer for text that lexes cleanly, an order of magnitude cheaper than Chevrotain's
// general one on large scenarios (100,000 lines): it gives exactly the tokens `linmapLexer`
// gives (same types, images and offsets), or undefined as soon as the text has anything
// else in it (a character no token starts with, an unterminated string, a lone '.'); the
// caller then lexes with `linmapLexer`, which reports the error. test/lang/clean-path.test.ts
// compares the two on examples and random text.
//
// Why it is cheaper: a word is scanned once and looked up among the keywords (Chevrotain
// tries each keyword starting with its first letter as a regular expression, then the
// identifier as the longer alternative), and keywords and punctuation share one image string.
import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";

export interface CleanTokens {
  readonly tokens: IToken[];
  readonly comments: IToken[];
}

/** Keywords by their word: each keyword's pattern is its word (tokens.ts `keyword()`). */
const KEYWORD_BY_WORD = new Map<string, TokenType>(T.KEYWORDS.map((k) => [(k.PATTERN as RegExp).source, k]));

// The patterns tried after the keywords and before Identifier, as `linmapLexer` has them.
const VERSION = new RegExp((T.VersionLiteral.PATTERN as RegExp).source, "y");
const REVISION = new RegExp((T.RevisionLiteral.PATTERN as RegExp).source, "y");

const IDENT_START = 1;
const IDENT_PART = 2;
const DIGIT = 4;
const HEX = 8;
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CHAR_CLASS[c]! |= IDENT_START | IDENT_PART;
  if (/[0-9]/.test(ch)) CHAR_CLASS[c]! |= IDENT_PART | DIGIT;
  if (/[0-9a-fA-F]/.test(ch)) CHAR_CLASS[c]! |= HEX;
}

function is(c: number, cls: number): boolean {
  return c < 128 && (CHAR_CLASS[c]! & cls) !== 0;
}

/** `\d(?:_?\d)*` from `i` (a digit): where it ends. */
function digitsEnd(text: string, i: number, cls: number): number {
  let j = i + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (is(c, cls)) j++;
    else if (c === 0x5f /* _ */ && is(text.charCodeAt(j + 1), cls)) j += 2;
    else return j;
  }
}

/** `[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*` from `i`: where it ends. */
function identifierEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const c = text.charCodeAt(j);
    if (is(c, IDENT_PART)) j++;
    else if (c === 0x2d /* - */ && is(text.charCodeAt(j + 1), IDENT_PART)) j += 2;
    else return j;
  }
}

/** `"(?:[^"\\\n\r]|\\["\\])*"` from `i` (the opening quote): where it ends, or -1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; ) {
    const c = text.charCodeAt(j);
    if (c === 0x22 /* " */) return j + 1;
    if (c === 0x0a || c === 0x0d) return -1;
    if (c === 0x5c /* \ */) {
      const next = text.charCodeAt(j + 1);
      if (next !== 0x22 && next !== 0x5c) return -1;
      j += 2;
    } else j++;
  }
  return -1;
}

function token(type: TokenType, image: string, startOffset: number): IToken {
  // The fields, in the order, of the tokens linmapLexer makes (tokens.ts OffsetLexer).
  return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

const PUNCTUATION: Readonly<Record<string, TokenType>> = {
  "{": T.LCurly, "}": T.RCurly, "]": T.RBracket, ")": T.RParen, ":": T.Colon, ";": T.Semicolon, ",": T.Comma,
};

/** The tokens of `text` as `linmapLexer` gives them, when it gives them without an error. */
export function lexClean(text: string): CleanTokens | undefined {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else if (is(c, IDENT_START)) {
      const end = identifierEnd(text, i);
      const word = text.slice(i, end);
      const keyword = KEYWORD_BY_WORD.get(word);
      if (keyword) {
        tokens.push(token(keyword, (keyword.PATTERN as RegExp).source, i));
      } else {
        // `v7.1` and `r1p0` win unless the identifier is longer (Chevrotain's longer_alt).
        const literal = c === 0x76 /* v */ ? VERSION : c === 0x72 /* r */ ? REVISION : undefined;
        let image = word;
        let type = T.Identifier;
        if (literal) {
          literal.lastIndex = i;
          const m = literal.exec(text);
          if (m && m[0].length >= word.length) [image, type] = [m[0], literal === VERSION ? T.VersionLiteral : T.RevisionLiteral];
        }
        tokens.push(token(type, image, i));
      }
      i += tokens[tokens.length - 1]!.image.length;
    } else if (is(c, DIGIT)) {
      let end: number;
      let type: TokenType;
      const x = text.charCodeAt(i + 1);
      if (c === 0x30 && (x === 0x78 || x === 0x58) && is(text.charCodeAt(i + 2), HEX)) {
        end = digitsEnd(text, i + 2, HEX);
        type = T.HexLiteral;
      } else {
        end = digitsEnd(text, i, DIGIT);
        type = T.DecimalLiteral;
        // A size: a unit letter, `iB` optionally, then no character a name could go on with.
        if ("KMGTP".includes(text[end] ?? "-")) {
          const withIb = text.startsWith("iB", end + 1) ? end + 3 : end + 1;
          if (!is(text.charCodeAt(withIb), IDENT_PART)) [end, type] = [withIb, T.SizeLiteral];
        }
      }
      tokens.push(token(type, text.slice(i, end), i));
      i = end;
    } else if (PUNCTUATION[ch]) {
      tokens.push(token(PUNCTUATION[ch], ch, i));
      i++;
    } else if (ch === "[") {
      // IndexOpen: a '[' right after a name or a number (tokens.ts).
      tokens.push(token(i > 0 && is(text.charCodeAt(i - 1), IDENT_PART) ? T.IndexOpen : T.LBracket, "[", i));
      i++;
    } else if (ch === "#") {
      let end = i + 1;
      while (end < n && text[end] !== "\n" && text[end] !== "\r") end++;
      comments.push(token(T.Comment, text.slice(i, end), i));
      i = end;
    } else if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      tokens.push(token(T.StringLiteral, text.slice(i, end), i));
      i = end;
    } else if (ch === "-") {
      // `-EINVAL` before the cpulist dash.
      let end = i + 1;
      if (text[end] === "E") {
        end++;
        while (end < n && /[A-Z0-9]/.test(text[end]!)) end++;
      }
      if (end > i + 2) tokens.push(token(T.ErrnoLiteral, text.slice(i, end), i));
      else tokens.push(token(T.Dash, "-", i));
      i = tokens[tokens.length - 1]!.image.length + i;
    } else if (ch === "=") {
      if (text[i + 1] === "=") tokens.push(token(T.EqualsEquals, "==", i));
      else tokens.push(token(T.Equals, "=", i));
      i += tokens[tokens.length - 1]!.image.length;
    } else if (ch === "." && text[i + 1] === ".") {
      tokens.push(token(T.DotDot, "..", i));
      i += 2;
    } else {
      return undefined;
    }
  }
  return { tokens, comments };
}
