// Numeric literals of the language: decimal and hex with `_` separators, and sizes with a
// binary suffix (`64K`, `2M`, `1G`, `1T`, `1P`, or `64KiB`). Also the canonical spellings
// used in messages (from src/catalog/sizes.ts).

const SIZE_SHIFT: Readonly<Record<string, bigint>> = { K: 10n, M: 20n, G: 30n, T: 40n, P: 50n };

/** The value of a number or size literal, or undefined when the text is not one. */
export function parseNumberLiteral(text: string): bigint | undefined {
  const t = text.replace(/_/g, "");
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return BigInt(t);
  if (/^\d+$/.test(t)) return BigInt(t);
  const m = /^(\d+)([KMGTP])(?:iB)?$/.exec(t);
  if (m) return BigInt(m[1]!) << SIZE_SHIFT[m[2]!]!;
  return undefined;
}

export { hex, hexRange, sizeText } from "../catalog/sizes.js";
