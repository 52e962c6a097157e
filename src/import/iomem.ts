// Reading /proc/iomem (as root: unprivileged reads show zeros). arm64's
// request_standard_resources() registers every memblock memory region at the top level,
// as "System RAM" or, for a no-map region, "reserved"; the kernel's "Kernel code"
// [_stext, __init_begin) and "Kernel data" [_sdata, _end) are nested inside System RAM.
import type { Fact } from "./dmesg.js";

export interface IomemRange {
  readonly start: bigint;
  /** Exclusive. */
  readonly end: bigint;
  readonly name: string;
  /** Nesting depth (0 = top level). */
  readonly depth: number;
}

export interface Iomem {
  readonly ranges: readonly Fact<IomemRange>[];
  /** Memory banks: runs of adjacent top-level System RAM and reserved holding System RAM. */
  readonly banks: readonly { readonly start: bigint; readonly end: bigint; readonly lines: readonly number[] }[];
  /** Top-level "reserved" inside a bank: no-map regions. */
  readonly nomap: readonly Fact<IomemRange>[];
  readonly kernelCode?: Fact<IomemRange>;
  readonly kernelData?: Fact<IomemRange>;
  /** True when every address is zero (read without CAP_SYS_ADMIN). */
  readonly zeroed: boolean;
}

const LINE = /^(\s*)([0-9a-fA-F]+)-([0-9a-fA-F]+) : (.+)$/;

export function readIomem(text: string): Iomem {
  const ranges: Fact<IomemRange>[] = [];
  text.split("\n").forEach((raw, i) => {
    const l = raw.replace(/\r$/, "");
    const m = LINE.exec(l);
    if (!m) return;
    const start = BigInt(`0x${m[2]}`);
    const end = BigInt(`0x${m[3]}`) + 1n;
    ranges.push({ value: { start, end, name: m[4]!.trim(), depth: Math.floor(m[1]!.length / 2) }, line: i + 1, text: l.trim() });
  });
  const top = ranges.filter((r) => r.value.depth === 0 && (r.value.name === "System RAM" || r.value.name === "reserved"));
  const banks: { start: bigint; end: bigint; lines: number[]; ram: boolean }[] = [];
  for (const r of top) {
    const last = banks[banks.length - 1];
    if (last && last.end === r.value.start) {
      last.end = r.value.end;
      last.lines.push(r.line);
      last.ram ||= r.value.name === "System RAM";
    } else {
      banks.push({ start: r.value.start, end: r.value.end, lines: [r.line], ram: r.value.name === "System RAM" });
    }
  }
  const ramBanks = banks.filter((b) => b.ram).map(({ start, end, lines }) => ({ start, end, lines }));
  const nomap = top.filter((r) => r.value.name === "reserved" && ramBanks.some((b) => b.start <= r.value.start && r.value.end <= b.end));
  const kernelCode = ranges.find((r) => r.value.name === "Kernel code");
  const kernelData = ranges.find((r) => r.value.name === "Kernel data");
  return {
    ranges,
    banks: ramBanks,
    nomap,
    ...(kernelCode ? { kernelCode } : {}),
    ...(kernelData ? { kernelData } : {}),
    zeroed: ranges.length > 0 && ranges.every((r) => r.value.start === 0n && r.value.end === 1n),
  };
}
