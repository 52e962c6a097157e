// Numeric literals of the language: decimal and hex with `_` separators, and sizes with a
// binary suffix (`64K`, `2M`, `1G`, `1T`, `1P`, or `64KiB`). Also the canonical spellings
// used in messages (from src/catalog/sizes.ts).

const SIZE_SHIFT: Readonly<Record<string, bigint>> = { K: 10n, M: 20n, G: 30n, T: 40n, P: 50n };

/** 0n to 1023n, made once: page indices and call arguments are mostly small numbers. */
const SMALL = Array.from({ length: 1024 }, (_, i) => BigInt(i));

/** The value of a number or size literal, or undefined when the text is not one. */
export function parseNumberLiteral(text: string): bigint | undefined {
  // Up to four plain digits: the common case, without a regular expression or a parse.
  if (text.length <= 4) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const d = text.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) {
        n = -1;
        break;
      }
      n = n * 10 + d;
    }
    if (n >= 0 && text.length > 0) return n < SMALL.length ? SMALL[n] : BigInt(n);
  }
  const t = text.includes("_") ? text.replace(/_/g, "") : text;
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return BigInt(t);
  if (/^\d+$/.test(t)) return BigInt(t);
  const m = /^(\d+)([KMGTP])(?:iB)?$/.exec(t);
  if (m) return BigInt(m[1]!) << SIZE_SHIFT[m[2]!]!;
  return undefined;
}

export { hex, hexRange, sizeText } from "../catalog/sizes.js";
