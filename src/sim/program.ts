// The scenario program: the simulator's only input, produced by src/compile from a checked
// scenario. Everything is resolved: addresses, CPU capabilities for the chosen kernel, the
// boot plan in order. No syntax here; source positions are plain data so that results can
// point back at the scenario.
import type { GranuleName, PolicyId, PolicySettings } from "../catalog/index.js";

export interface SourceRef {
  readonly source: string;
  readonly line: number;
  readonly column: number;
}

export interface PhysRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** Physical layout of the kernel image (the symbols map_mem() and the repaint use). */
export interface KernelImage {
  readonly text: bigint; // _text
  readonly stext: bigint; // _stext = _text + the image header rounded up to 64 KiB
  readonly initBegin: bigint; // __init_begin
  readonly initEnd: bigint; // __init_end
  readonly bssStop: bigint; // __bss_stop
}

export interface ProgramMachine {
  readonly granule: GranuleName;
  readonly vaBits: number;
  /** ID_AA64MMFR0_EL1.PARange in bits (KASLR of the linear base depends on it). */
  readonly paBits: number;
  readonly banks: readonly PhysRange[];
  readonly nomap: readonly PhysRange[];
  readonly image: KernelImage;
}

export interface ProgramCpu {
  readonly id: number;
  readonly midr?: string;
  /** Resolved for the chosen kernel: allow-list membership or an explicit feature. */
  readonly bbml2Noabort: boolean;
  /** Why, for the trace: "neoverse-v3 r0 is on the v6.18 allow-list". */
  readonly bbml2Reason: string;
  readonly mte: boolean;
  /** On kpti_safe_list or CSV3: no KPTI needed for this CPU. */
  readonly meltdownSafe: boolean;
  /** FEAT_E0PD: kaslr_requires_kpti() is false on it. */
  readonly e0pd: boolean;
  readonly boot: boolean;
  readonly late: boolean;
}

export interface ProgramKernel {
  /** The version simulated, or the name of a policy the scenario defines. */
  readonly version: string;
  /** The built-in policy family it is (for a defined policy, its base's). */
  readonly policy: PolicyId;
  readonly policyTitle: string;
  /** `uname -r` as the dump_stack banner prints it (`+` for a patched tree). */
  readonly release: string;
  /** Every decision the simulator reads (src/catalog/policy-settings.ts). */
  readonly settings: PolicySettings;
  /** Release order (613 for v6.13 ... 701 for v7.1; proposals in between). */
  readonly order: number;
  readonly rodataEnabled: boolean;
  readonly rodataFull: boolean;
  readonly debugPagealloc: boolean;
  readonly kfence: { readonly configured: boolean; readonly earlyInit: boolean; readonly poolSize: bigint };
  readonly realm: boolean;
  /** The KASLR seed the boot finds; absent: none (or `nokaslr`). */
  readonly kaslrSeed?: bigint;
  /** `nokaslr` on the command line. */
  readonly nokaslr: boolean;
  /** `kpti=`: forced on (true) or off (false); absent: decided by the CPUs. */
  readonly kpti?: boolean;
  /** `mitigations=off`. */
  readonly mitigationsOff: boolean;
  /** Messages the kernel prints while parsing the command line. */
  readonly cmdlineMessages: readonly string[];
}

/** Where something the kernel or the scenario allocates ends up, decided by src/compile. */
export interface Placement {
  readonly name: string;
  readonly range: PhysRange;
  /** memblock (top-down) before the buddy allocator exists, buddy (bottom-up) after. */
  readonly allocator: "fixed" | "memblock" | "buddy";
  readonly step: string;
}

export type CallTarget =
  | { readonly kind: "range"; readonly range: PhysRange; readonly label: string }
  | { readonly kind: "vmalloc"; readonly name: string; readonly pages: readonly PhysRange[]; readonly label: string }
  | { readonly kind: "none"; readonly label: string };

export type StepRelation = "before" | "at" | "after";

export interface CallEvent {
  readonly kind: "call";
  readonly id: number;
  /** Canonical call name from src/catalog. */
  readonly call: string;
  readonly target: CallTarget;
  readonly argument?: number;
  /** The CPU it runs on (the boot CPU unless the scenario says otherwise). */
  readonly cpu: number;
  readonly step: string;
  readonly relation: StepRelation;
  readonly origin: "scenario" | "kernel";
  readonly source?: SourceRef;
  /**
   * A kernel loop reported as one call: the call is made once per range, in order, stopping
   * at the first failure (kfence_init_pool()'s protection of the KFENCE pool).
   */
  readonly each?: { readonly of: "kfence_init_pool"; readonly ranges: readonly PhysRange[] };
}

export type BootEvent =
  | { readonly kind: "step"; readonly step: string }
  | CallEvent
  | { readonly kind: "cpu-online"; readonly cpu: number; readonly step: string; readonly relation: StepRelation; readonly source?: SourceRef }
  | { readonly kind: "cpu-hotplug"; readonly cpu: number; readonly step: string; readonly relation: StepRelation; readonly source?: SourceRef }
  | { readonly kind: "checkpoint"; readonly step: string; readonly relation: StepRelation };

export type ExpectationCheck =
  | {
      readonly kind: "call-result";
      readonly callIds: readonly number[];
      readonly outcomes: readonly { readonly field: "returns" | "warns" | "pages" | "flushes" | "splits"; readonly value: number }[];
    }
  | { readonly kind: "leaf"; readonly range: PhysRange; readonly size: bigint; readonly at: number }
  | { readonly kind: "attributes"; readonly range: PhysRange; readonly attributes: readonly string[]; readonly at: number }
  | { readonly kind: "pagetables"; readonly count: bigint; readonly at: number }
  | { readonly kind: "warns"; readonly count: number; readonly at: number };

export interface ProgramExpectation {
  /** The expectation as written, for reports. */
  readonly text: string;
  readonly source: SourceRef;
  /** `at` fields index BootPlan events: the check runs after that event. */
  readonly check: ExpectationCheck;
}

export interface Program {
  readonly machine: ProgramMachine;
  readonly cpus: readonly ProgramCpu[];
  readonly kernel: ProgramKernel;
  readonly placements: readonly Placement[];
  readonly plan: readonly BootEvent[];
  readonly expectations: readonly ProgramExpectation[];
  /** Choices the compiler made that the user should know about. */
  readonly notes: readonly string[];
}
