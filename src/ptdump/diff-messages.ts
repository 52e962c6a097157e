// The words of the `linmap diff ptdump` report. Tests compare against these functions.
import { hex } from "../catalog/index.js";

export const diffMsg = {
  side: (role: string, name: string, granule: string, vaBits: number, lines: number, pageOffset: bigint) =>
    `${`${role}:`.padEnd(11)}${name} · ${granule} pages, ${vaBits}-bit VA · ${lines} line${lines === 1 ? "" : "s"} · linear map from ${hex(pageOffset)}`,
  agree: (lines: number, origin: string) => `the linear maps agree line for line (${lines} line${lines === 1 ? "" : "s"}, offsets from the ${origin === "linear map" ? "start of the linear map" : "first mapped byte"})`,
  linesDiffer: (origin: string) => `lines that differ (offsets from the ${origin === "linear map" ? "start of the linear map" : "first mapped byte"}):`,
  firstMappedDiffers: (real: bigint, sim: bigint) =>
    `the real map's first mapped line is at offset ${hex(real)}, the simulation's at ${hex(sim)}: a randomised linear base (KASLR)? --align memory compares from each side's first mapped byte`,
  badAlign: (v: string) => `linmap: --align takes start or memory, not '${v}'`,
  leafHeading: () => "bytes mapped per leaf size:",
  tablesHeading: () => "page-table pages the lines imply (below the root table):",
  verdictAgree: () => "the maps agree",
  verdictDiffer: (onlyReal: number, onlySim: number) =>
    `the maps differ: ${onlyReal} line${onlyReal === 1 ? "" : "s"} only in the real dump, ${onlySim} only in the simulation`,
  geometryMismatch: (realG: string, realVa: number, simG: string, simVa: number) =>
    `the dump reads as ${realG}/${realVa}-bit but the scenario is ${simG}/${simVa}-bit; compared by offset anyway`,
  noGeometry: (file: string) => `${file}: no linear-map lines found (expected lines such as '0xffff000000000000-0xffff000000200000   2M PMD ...')`,
  skipped: (file: string, line: number, text: string, reason: string) => `${file}:${line}: ${reason}: ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`,
  unknownStep: (step: string) => `linmap: unknown boot step '${step}' for --after`,
  notModelled: (step: string) => `linmap: the simulation has no map after '${step}'`,
} as const;
