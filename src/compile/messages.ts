// Messages of the compile stage: problems only a resolved scenario can show.
import { sizeText } from "../catalog/index.js";
import type { SourceRef } from "../sim/program.js";

export interface CompileProblem {
  readonly code: "COMPILE-NO-MEMORY" | "COMPILE-CPU-UNDEFINED";
  readonly message: string;
  readonly source?: SourceRef;
}

export const compileMsg = {
  noMemory: (name: string, size: bigint) => `no free memory left to place '${name}' (${sizeText(size)})`,
  cpuUndefined: (id: number) => `cpu ${id} is not one of the default CPUs (0-3); declare it in a cpus block`,
} as const;
