// Numeric literals of the language: decimal and hex with `_` separators, and sizes with a
// binary suffix (`64K`, `2M`, `1G`, `1T`, `1P`, or `64KiB`). Also the canonical spellings
// used in messages: hex ranges as half-open `[0x80000000..0x80200000)` and sizes as `2M`.

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

/** `0x80000000` */
export function hex(value: bigint): string {
  return `0x${value.toString(16)}`;
}

/** `[0x80000000..0x80200000)` */
export function hexRange(start: bigint, end: bigint): string {
  return `[${hex(start)}..${hex(end)})`;
}

/** The largest exact binary unit: `64K`, `2M`, `1G`; bytes as a plain number. */
export function sizeText(value: bigint): string {
  for (const [unit, shift] of [["P", 50n], ["T", 40n], ["G", 30n], ["M", 20n], ["K", 10n]] as const) {
    const scale = 1n << shift;
    if (value >= scale && value % scale === 0n) return `${value / scale}${unit}`;
  }
  return value.toString();
}
