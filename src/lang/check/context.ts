// What the checks share: the diagnostics being collected, and the facts the declarations
// establish (granule, banks, CPUs, buffers, kernel version) that later checks look up.
import type * as A from "../ast.js";
import { diagnosticAt, type Diagnostic } from "../diagnostic.js";
import type { Problem } from "../messages.js";
import { closestName } from "../suggest.js";
import { DEFAULT_GRANULE, DEFAULT_VA_BITS, GRANULES, type GranuleInfo, type PolicySettings } from "../../catalog/index.js";

export interface DeclaredCpu {
  readonly id: bigint;
  readonly late: boolean;
  readonly boot: boolean;
  readonly line: number;
}

export interface CheckOptions {
  /** The kernel version the scenario will run under, when not its own (`--policy`, a compare or sweep point). */
  readonly version?: string;
}

export interface DefinedPolicy {
  readonly def: A.PolicyDefinition;
  readonly base: string;
  readonly order: number;
  readonly settings: PolicySettings;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  granule: GranuleInfo = GRANULES.find((g) => g.name === DEFAULT_GRANULE)!;
  vaBits = BigInt(DEFAULT_VA_BITS);
  /** Valid banks, as half-open [start, end). */
  readonly banks: [bigint, bigint][] = [];
  readonly nomaps: [bigint, bigint][] = [];
  /** The declared CPUs, or the default ones when the scenario has no cpus block (see cpusDefault). */
  cpus: Map<bigint, DeclaredCpu> | undefined;
  cpusDefault = false;
  /** The declaration of each buffer and vmalloc name (the first of each; layout.ts `declarationsOf`), set by checkBufferDeclarations. */
  buffers: ReadonlyMap<string, A.BufferDeclaration | A.VmallocDeclaration> = new Map();
  /** The kernel version's release order, when one is named and known. */
  versionOrder: number | undefined;
  versionName: string | undefined;
  /** Set when the caller fixed the version (CheckOptions.version): the kernel block's is then not the one run. */
  versionFixed = false;
  /** The kernel's settings, when its version (or defined policy) is known. */
  versionSettings: PolicySettings | undefined;
  /** Policies the scenario defines, by name. */
  readonly policies = new Map<string, DefinedPolicy>();

  private readonly bufferSuggestions = new Map<string, string | undefined>();

  /**
   * The declared buffer name closest to `name` (suggest.ts), once per name: a misspelt name
   * used 100,000 times among 100,000 buffers was a search through them all at each use.
   */
  closestBuffer(name: string): string | undefined {
    if (!this.bufferSuggestions.has(name)) this.bufferSuggestions.set(name, closestName(name, this.buffers.keys()));
    return this.bufferSuggestions.get(name);
  }

  report(range: A.SourceRange, p: Problem): void {
    this.diagnostics.push(diagnosticAt(range, p));
  }

  get pageSize(): bigint {
    return this.granule.pageSize;
  }
}

/** `[start, end)` of a region, or undefined when it is empty. */
export function regionBounds(r: A.Region): [bigint, bigint] {
  return r.kind === "bounds" ? [r.start.value, r.end.value] : [r.start.value, r.start.value + r.size.value];
}

export function overlaps(a: [bigint, bigint], b: [bigint, bigint]): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

export function contains(outer: [bigint, bigint], inner: [bigint, bigint]): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}
