// MIDR_EL1 as the boot log prints it (`[0x410fd083]`): implementer, variant, part number and
// revision, the model linmap knows for it (src/catalog/cpus.ts), and, for parts outside the
// catalogue, a name to say in a comment (these only label; they change nothing simulated).
import { MIDRS, type MidrInfo } from "../catalog/index.js";

export interface DecodedMidr {
  readonly value: number;
  readonly implementer: number;
  readonly variant: number;
  readonly partNum: number;
  readonly revision: number;
  /** The catalogue's model, when linmap has one. */
  readonly model?: MidrInfo;
}

const IMPLEMENTERS: Readonly<Record<number, string>> = {
  0x00: "software model",
  0x41: "Arm",
  0x42: "Broadcom",
  0x43: "Cavium",
  0x46: "Fujitsu",
  0x48: "HiSilicon",
  0x4e: "NVIDIA",
  0x50: "APM",
  0x51: "Qualcomm",
  0x61: "Apple",
  0x6d: "Microsoft",
  0xc0: "Ampere",
};

/** Parts seen in public boot logs that the catalogue does not model. */
const PARTS: Readonly<Record<string, string>> = {
  "0x00:0x051": "QEMU 'max' CPU",
  "0x41:0xd0f": "Arm AEMv8 architecture model (FVP)",
  "0x43:0x0af": "Cavium ThunderX2",
  "0x42:0x516": "Broadcom Vulcan",
  "0x48:0xd01": "HiSilicon TSV110 (Kunpeng 920)",
  "0x46:0x001": "Fujitsu A64FX",
  "0x51:0xc00": "Qualcomm Falkor",
};

function hex(n: number, digits: number): string {
  return `0x${n.toString(16).padStart(digits, "0")}`;
}

export function decodeMidr(value: number): DecodedMidr {
  const implementer = (value >>> 24) & 0xff;
  const partNum = (value >>> 4) & 0xfff;
  const model = MIDRS.find((m) => m.implementer === implementer && m.partNum === partNum);
  return { value, implementer, variant: (value >>> 20) & 0xf, partNum, revision: value & 0xf, ...(model ? { model } : {}) };
}

/** `Cavium ThunderX2 (implementer 0x43, part 0x0af)` */
export function describeMidr(d: DecodedMidr): string {
  const known = PARTS[`${hex(d.implementer, 2)}:${hex(d.partNum, 3)}`];
  const who = known ?? `${IMPLEMENTERS[d.implementer] ?? "unknown implementer"} part`;
  return `${who} (implementer ${hex(d.implementer, 2)}, part ${hex(d.partNum, 3)})`;
}

export function midrText(value: number): string {
  return hex(value >>> 0, 8);
}
