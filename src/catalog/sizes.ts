// How sizes and physical ranges are written everywhere (messages, logs, reports): binary
// units (`64K`, `2M`, `1G`) and half-open hex ranges `[0x80000000..0x80200000)`. Shared by
// every stage so the language's diagnostics and the simulator's log agree.

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
