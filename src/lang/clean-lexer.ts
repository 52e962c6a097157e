// The lexing of clean text, one token at a time and without making a token object: the
// parser of clean text (./clean-parser.ts) reads each token's type and offsets from the
// scanner and takes the text of the few it keeps. The tokens are exactly those `linmapLexer`
// gives (same types and offsets); the scanner stops (`type` undefined, `failed` true) at
// anything linmapLexer would report (a character no token starts with, an unterminated
// string, a lone '.') or a parse would hint at (`2GB`): the text then takes the recovering
// parser, which reports it. test/lang/clean-path.test.ts compares the two lexers on examples
// and random text.
//
// Why it is cheap: a word is scanned once and compared with the few keywords of its first
// letter and length (Chevrotain tries each keyword starting with that letter as a regular
// expression, then the identifier as the longer alternative), and nothing is allocated for
// a token the AST does not keep. A million tokens as objects were a third of the parse.
import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";

/** Keywords by their first character: each keyword's pattern is its word (tokens.ts `keyword()`). */
const KEYWORDS_BY_FIRST: { word: string; type: TokenType }[][] = [];
for (const type of T.KEYWORDS) {
  const word = type.PATTERN instanceof RegExp ? type.PATTERN.source : String(type.PATTERN);
  (KEYWORDS_BY_FIRST[word.charCodeAt(0)] ??= []).push({ word, type });
}

/** The keyword that is exactly `text[start, end)`, if any. */
function keywordAt(text: string, start: number, end: number): TokenType | undefined {
  const candidates = KEYWORDS_BY_FIRST[text.charCodeAt(start)];
  if (!candidates) return undefined;
  for (const k of candidates) if (k.word.length === end - start && text.startsWith(k.word, start)) return k.type;
  return undefined;
}

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

/** K, M, G, T or P. */
function isUnit(c: number): boolean {
  return c === 0x4b || c === 0x4d || c === 0x47 || c === 0x54 || c === 0x50;
}

/** [A-Z0-9]. */
function isErrnoPart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** The one-character tokens, by character code. */
const PUNCTUATION: TokenType[] = [];
for (const [ch, type] of [["{", T.LCurly], ["}", T.RCurly], ["]", T.RBracket], [")", T.RParen], [":", T.Colon], [";", T.Semicolon], [",", T.Comma]] as const) {
  PUNCTUATION[ch.charCodeAt(0)] = type;
}

/** Reads a text token by token: `next()` moves to the next token, whose type and offsets it leaves in `type`, `start` and `end`. */
export class Scanner {
  /** The token read: undefined at the end of the text, or when the text is not clean (then `failed`). */
  type: TokenType | undefined;
  start = 0;
  end = 0;
  failed = false;
  /** Where the next token is looked for. */
  private i = 0;

  /** `onComment`: called with the offsets of each comment, in text order. */
  constructor(
    private readonly text: string,
    private readonly onComment: (start: number, end: number) => void = () => {},
  ) {}

  next(): void {
    const text = this.text;
    const n = text.length;
    const after = this.type === T.DecimalLiteral ? this.end : -1;
    let i = this.i;
    for (;;) {
      if (i >= n) {
        this.type = undefined;
        this.start = this.end = this.i = n;
        return;
      }
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) {
        i++;
        continue;
      }
      if (c !== 0x23 /* # */) break;
      let end = i + 1;
      for (let d = text.charCodeAt(end); end < n && d !== 0x0a && d !== 0x0d; d = text.charCodeAt(++end));
      this.onComment(i, end);
      i = end;
    }
    const c = text.charCodeAt(i);
    let type: TokenType | undefined;
    let end = i + 1;
    if (is(c, IDENT_START)) {
      end = identifierEnd(text, i);
      type = keywordAt(text, i, end);
      if (!type) {
        type = T.Identifier;
        // `v7.1` and `r1p0` win unless the identifier is longer (Chevrotain's longer_alt).
        const literal = c === 0x76 /* v */ ? VERSION : c === 0x72 /* r */ ? REVISION : undefined;
        if (literal) {
          literal.lastIndex = i;
          const m = literal.exec(text);
          if (m && m[0].length >= end - i) [type, end] = [literal === VERSION ? T.VersionLiteral : T.RevisionLiteral, i + m[0].length];
        }
        // `2GB`: a unit-like name right after a number is a first-use hint (parse.ts).
        if (type === T.Identifier && after === i && T.UNIT_LIKE.test(text.slice(i, end))) type = undefined;
      }
    } else if (is(c, DIGIT)) {
      const x = text.charCodeAt(i + 1);
      if (c === 0x30 && (x === 0x78 || x === 0x58) && is(text.charCodeAt(i + 2), HEX)) {
        end = digitsEnd(text, i + 2, HEX);
        type = T.HexLiteral;
      } else {
        end = digitsEnd(text, i, DIGIT);
        type = T.DecimalLiteral;
        // A size: a unit letter, `iB` optionally, then no character a name could go on with.
        if (isUnit(text.charCodeAt(end))) {
          const withIb = text.startsWith("iB", end + 1) ? end + 3 : end + 1;
          if (!is(text.charCodeAt(withIb), IDENT_PART)) [end, type] = [withIb, T.SizeLiteral];
        }
      }
    } else if (PUNCTUATION[c]) {
      type = PUNCTUATION[c];
    } else if (c === 0x5b /* [ */) {
      // IndexOpen: a '[' right after a name or a number (tokens.ts).
      type = i > 0 && is(text.charCodeAt(i - 1), IDENT_PART) ? T.IndexOpen : T.LBracket;
    } else if (c === 0x22 /* " */) {
      end = stringEnd(text, i);
      if (end >= 0) type = T.StringLiteral;
    } else if (c === 0x2d /* - */) {
      // `-EINVAL` before the cpulist dash.
      if (text.charCodeAt(i + 1) === 0x45 /* E */ && isErrnoPart(text.charCodeAt(i + 2))) {
        for (end = i + 3; end < n && isErrnoPart(text.charCodeAt(end)); end++);
        type = T.ErrnoLiteral;
      } else type = T.Dash;
    } else if (c === 0x3d /* = */) {
      if (text.charCodeAt(i + 1) === 0x3d) [type, end] = [T.EqualsEquals, i + 2];
      else type = T.Equals;
    } else if (c === 0x2e /* . */ && text.charCodeAt(i + 1) === 0x2e) {
      [type, end] = [T.DotDot, i + 2];
    }
    if (!type) {
      this.failed = true;
      this.type = undefined;
      this.start = this.end = this.i = n;
      return;
    }
    this.type = type;
    this.start = i;
    this.end = this.i = end;
  }
}

export interface CleanTokens {
  readonly tokens: IToken[];
  readonly comments: IToken[];
}

function token(type: TokenType, image: string, startOffset: number): IToken {
  return { image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/** All the tokens of `text`, as token objects, when it is clean (for the tests that compare with `linmapLexer`). */
export function lexClean(text: string): CleanTokens | undefined {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const scanner = new Scanner(text, (start, end) => comments.push(token(T.Comment, text.slice(start, end), start)));
  for (scanner.next(); scanner.type; scanner.next()) tokens.push(token(scanner.type, text.slice(scanner.start, scanner.end), scanner.start));
  return scanner.failed ? undefined : { tokens, comments };
}
