// Every message the ptdump reader and the diff print on their own account: skipped lines,
// inference notes and the report's headings. Tests compare against these functions.
import { hex } from "../catalog/index.js";

export const ptdumpMsg = {
  notEntry: () => "not a ptdump line (ignored)",
  badAttribute: (token: string) => `unknown attribute '${token}' (line ignored)`,
  badRange: () => "the end address is not above the start (line ignored)",
  sizeMismatch: (line: number, printed: string, actual: string) => `line ${line}: the size column says ${printed.trim()} but the range is ${actual.trim()}`,
  secondLinear: (line: number) => `a second 'Linear Mapping' section at line ${line} is not part of the kernel's linear map (ignored)`,
  outsideLinear: (count: number) => `${count} line${count === 1 ? "" : "s"} outside the linear map ignored`,
  gap: (start: bigint, end: bigint) => `no line covers ${hex(start)}..${hex(end)} (lines missing from the dump?)`,
  inferred: (granule: string, vaBits: number, legacy: boolean, pageOffset: bigint) =>
    `read as ${granule} pages, ${vaBits}-bit VA${legacy ? " (pre-5.4 layout: linear map in the upper half)" : ""}, linear map from ${hex(pageOffset)}`,
} as const;
