// The words of the `linmap diff ptdump` report. Tests compare against these functions.
import { hex } from "../catalog/index.js";

export const diffMsg = {
  side: (role: string, name: string, granule: string, vaBits: number, lines: number, pageOffset: bigint) =>
    `${`${role}:`.padEnd(11)}${name} · ${granule} pages, ${vaBits}-bit VA · ${lines} line${lines === 1 ? "" : "s"} · linear map from ${hex(pageOffset)}`,
  agree: (lines: number) => `the linear maps agree line for line (${lines} line${lines === 1 ? "" : "s"}, offsets from the start of the linear map)`,
  linesDiffer: () => "lines that differ (offsets from the start of the linear map):",
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
