// The typed AST of a linmap scenario: what the parser produces, the checker reads and the
// compiler turns into a simulation program. A scenario is a flat list of items so that
// notebook cells can each contribute items (ranges then carry different `source`s).
// No policy semantics here: addresses stay as written, names stay unresolved.

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** 0-based offset into the source text. */
  readonly offset: number;
}

export interface SourceRange {
  /** File path or cell name (`In[3]`). */
  readonly source: string;
  readonly start: Position;
  /** Exclusive. */
  readonly end: Position;
}

/** A name as written, resolved later against the catalogues or the scenario's declarations. */
export interface Name {
  readonly kind: "name";
  readonly text: string;
  readonly range: SourceRange;
}

/** An address, size or count: its value and its original spelling (kept by `fmt`). */
export interface NumberLiteral {
  readonly kind: "number";
  readonly value: bigint;
  readonly text: string;
  readonly range: SourceRange;
}

/** A physical range: `[A..B)` or `A size S`; half-open either way. */
export type Region =
  | { readonly kind: "bounds"; readonly start: NumberLiteral; readonly end: NumberLiteral; readonly range: SourceRange }
  | { readonly kind: "sized"; readonly start: NumberLiteral; readonly size: NumberLiteral; readonly range: SourceRange };

/** What a call or an expectation is about: a buffer (optionally some of its pages) or a physical range. */
export type Target =
  | {
      readonly kind: "buffer";
      readonly name: Name;
      /** `buf[i]` (one page) or `buf[i..j)` (pages i to j-1). */
      readonly pages?: { readonly first: NumberLiteral; readonly end?: NumberLiteral };
      readonly range: SourceRange;
    }
  | { readonly kind: "region"; readonly region: Region; readonly range: SourceRange };

export type StepRelation = "at" | "before" | "after";

/** A point in the boot: `at init_IRQ`, `before mem_init`, `after userspace`. */
export interface StepRef {
  readonly kind: "step-ref";
  readonly relation: StepRelation;
  readonly step: Name;
  readonly range: SourceRange;
}

// ---- machine ----------------------------------------------------------------------------

export type MachineStatement =
  | { readonly kind: "granule"; readonly size: NumberLiteral; readonly range: SourceRange }
  | { readonly kind: "va-bits"; readonly bits: NumberLiteral; readonly range: SourceRange }
  /** ID_AA64MMFR0_EL1.PARange in bits: decides whether KASLR can move the linear map. */
  | { readonly kind: "pa-bits"; readonly bits: NumberLiteral; readonly range: SourceRange }
  | { readonly kind: "memory"; readonly region: Region; readonly range: SourceRange }
  | { readonly kind: "nomap"; readonly region: Region; readonly range: SourceRange }
  | {
      readonly kind: "image";
      readonly at?: NumberLiteral;
      readonly text?: NumberLiteral;
      readonly init?: NumberLiteral;
      readonly data?: NumberLiteral;
      readonly range: SourceRange;
    };

export interface MachineBlock {
  readonly kind: "machine";
  readonly statements: readonly MachineStatement[];
  readonly range: SourceRange;
}

// ---- cpus -------------------------------------------------------------------------------

/** One `cpu` line: ids (a single id or an inclusive range, like the kernel's cpulist `0-7`). */
export interface CpuStatement {
  readonly kind: "cpu";
  readonly first: NumberLiteral;
  readonly last?: NumberLiteral;
  /** MIDR names and CPU features, in the order written; the checker tells them apart. */
  readonly traits: readonly Name[];
  /** `r1p0`: the variant and revision of the MIDR. */
  readonly revision?: { readonly variant: number; readonly revision: number; readonly text: string; readonly range: SourceRange };
  readonly boot: boolean;
  readonly late: boolean;
  readonly range: SourceRange;
}

export interface CpusBlock {
  readonly kind: "cpus";
  readonly statements: readonly CpuStatement[];
  readonly range: SourceRange;
}

// ---- kernel -----------------------------------------------------------------------------

export type KernelStatement =
  | { readonly kind: "version"; readonly version: Name; readonly range: SourceRange }
  | {
      readonly kind: "cmdline";
      readonly text: string;
      /** `name=value` words of the command line, with their own ranges inside the string. */
      readonly options: readonly CmdlineWord[];
      readonly range: SourceRange;
    }
  | { readonly kind: "realm"; readonly range: SourceRange }
  | { readonly kind: "config"; readonly option: Name; readonly value: Name | NumberLiteral; readonly range: SourceRange }
  | { readonly kind: "swiotlb"; readonly size: NumberLiteral; readonly range: SourceRange }
  /** The KASLR seed the boot finds (/chosen/kaslr-seed or RNDR). */
  | { readonly kind: "kaslr-seed"; readonly seed: NumberLiteral; readonly range: SourceRange }
  /** Where the kernel image's linear alias starts: `_stext` (≤ v6.17) or `_text` (5973a62efa34). */
  | { readonly kind: "alias"; readonly start: Name; readonly range: SourceRange };

export interface CmdlineWord {
  readonly name: string;
  readonly value?: string;
  readonly range: SourceRange;
}

export interface KernelBlock {
  readonly kind: "kernel";
  readonly statements: readonly KernelStatement[];
  readonly range: SourceRange;
}

// ---- policies ---------------------------------------------------------------------------

export interface PolicySettingStatement {
  readonly name: Name;
  readonly value: Name;
  readonly range: SourceRange;
}

/** `policy NAME from BASE { SETTING VALUE ... }` (src/catalog/policy-settings.ts). */
export interface PolicyDefinition {
  readonly kind: "policy";
  readonly name: Name;
  readonly base: Name;
  readonly settings: readonly PolicySettingStatement[];
  readonly range: SourceRange;
}

// ---- buffers ----------------------------------------------------------------------------

export interface BufferDeclaration {
  readonly kind: "buffer";
  readonly name: Name;
  /** Fixed physical placement; absent: the simulated allocator places it. */
  readonly at?: NumberLiteral;
  readonly size: NumberLiteral;
  readonly align?: NumberLiteral;
  readonly range: SourceRange;
}

export interface VmallocDeclaration {
  readonly kind: "vmalloc";
  readonly name: Name;
  /** Physical address of its backing pages; absent: the buddy allocator places them. */
  readonly at?: NumberLiteral;
  readonly size: NumberLiteral;
  readonly range: SourceRange;
}

// ---- boot -------------------------------------------------------------------------------

export interface CallStatement {
  readonly kind: "call";
  readonly call: Name;
  readonly target?: Target;
  /** The `enable` flag of set_memory_valid and friends. */
  readonly argument?: NumberLiteral;
  /** `on cpu N`: the CPU the call runs on (default: the boot CPU before smp_init, else CPU 0). */
  readonly cpu?: NumberLiteral;
  readonly range: SourceRange;
}

export type BootStatement =
  | { readonly kind: "calls-at"; readonly when: StepRef; readonly calls: readonly CallStatement[]; readonly range: SourceRange }
  | { readonly kind: "move"; readonly call: Name; readonly when: StepRef; readonly range: SourceRange }
  | {
      readonly kind: "cpu-event";
      readonly event: "online" | "hotplug";
      readonly first: NumberLiteral;
      readonly last?: NumberLiteral;
      readonly when: StepRef;
      readonly range: SourceRange;
    };

export interface BootBlock {
  readonly kind: "boot";
  readonly statements: readonly BootStatement[];
  readonly range: SourceRange;
}

// ---- expectations -----------------------------------------------------------------------

export type CallOutcomeField = "returns" | "warns" | "pages" | "flushes" | "splits";

export interface CallOutcome {
  readonly field: CallOutcomeField;
  /** `returns` takes an errno name or 0; the others a count. */
  readonly value: NumberLiteral | Name;
  readonly range: SourceRange;
}

export type Expectation =
  | {
      readonly kind: "call-result";
      readonly call: Name;
      readonly target?: Target;
      readonly when?: StepRef;
      readonly outcomes: readonly CallOutcome[];
    }
  | { readonly kind: "leaf"; readonly target: Target; readonly size: NumberLiteral; readonly when?: StepRef }
  | { readonly kind: "attributes"; readonly target: Target; readonly attributes: readonly Name[]; readonly when?: StepRef }
  | { readonly kind: "pagetables"; readonly count: NumberLiteral; readonly when?: StepRef }
  | { readonly kind: "warns"; readonly count: NumberLiteral; readonly when?: StepRef };

export interface ExpectItem {
  readonly kind: "expect";
  readonly expectation: Expectation;
  /** `expect under v7.0: ...`: the kernels it holds for (all when absent). A block form gives one item per expectation. */
  readonly under?: readonly Name[];
  readonly range: SourceRange;
}

// ---- output commands --------------------------------------------------------------------

export interface ShowItem {
  readonly kind: "show";
  /** `calls`, `trace`, `ptdump`, `stats`. */
  readonly views: readonly Name[];
  /** For `ptdump`: the part of the map to print. */
  readonly target?: Target;
  /** For `ptdump`: the map at that point of the boot instead of at its end. */
  readonly when?: StepRef;
  readonly range: SourceRange;
}

export interface ChartItem {
  readonly kind: "chart";
  /** `map`, `timeline`, `pagetables`, `compare`. */
  readonly chart: Name;
  readonly target?: Target;
  readonly when?: StepRef;
  readonly range: SourceRange;
}

export interface CompareItem {
  readonly kind: "compare";
  readonly versions: readonly Name[];
  readonly range: SourceRange;
}

export type SweepValue = Name | NumberLiteral;

/** `A..B step S`: A, A+S, A+2S, ... up to but not including B. */
export interface SweepSpan {
  readonly from: NumberLiteral;
  readonly to: NumberLiteral;
  readonly step: NumberLiteral;
  readonly range: SourceRange;
}

export interface SweepAxis {
  /** `policy`/`version`, `granule`, `rodata`, `realm`, `debug_pagealloc`, or a buffer name (with `at` or `size`). */
  readonly axis: Name;
  /** `buf at A, B`: the buffer's address is swept. */
  readonly address: boolean;
  /** `buf size S1, S2`: the buffer's size is swept. */
  readonly size?: boolean;
  /** The values listed; empty when the axis is a `span`. */
  readonly values: readonly SweepValue[];
  /** `buf at A..B step S`: a range of values instead of a list. */
  readonly span?: SweepSpan;
  readonly range: SourceRange;
}

export interface SweepItem {
  readonly kind: "sweep";
  readonly axes: readonly SweepAxis[];
  readonly range: SourceRange;
}

export interface RunItem {
  readonly kind: "run";
  readonly version?: Name;
  readonly range: SourceRange;
}

export interface PrintItem {
  readonly kind: "print";
  readonly text: string;
  readonly range: SourceRange;
}

/** `load ptdump "dump.txt" as NAME`: a real ptdump, shown beside the simulation. */
export interface LoadItem {
  readonly kind: "load";
  /** `ptdump` (the only kind so far). */
  readonly what: Name;
  /** The file as written (relative to the scenario's directory). */
  readonly file: string;
  readonly fileRange: SourceRange;
  readonly name: Name;
  readonly range: SourceRange;
}

/** `expect ptdump matches "dump.txt" [RANGE]`: the simulated linear map is the real dump's. */
export interface ExpectPtdumpItem {
  readonly kind: "expect-ptdump";
  readonly view: Name;
  readonly file: string;
  readonly fileRange: SourceRange;
  /** Only the part of the map over this physical range. */
  readonly region?: Region;
  readonly range: SourceRange;
}

export type TopLevelItem =
  | MachineBlock
  | CpusBlock
  | KernelBlock
  | PolicyDefinition
  | BufferDeclaration
  | VmallocDeclaration
  | BootBlock
  | ExpectItem
  | ShowItem
  | ChartItem
  | CompareItem
  | SweepItem
  | RunItem
  | PrintItem
  | LoadItem
  | ExpectPtdumpItem;

/** A comment, kept so that `fmt` never loses one. */
export interface CommentNode {
  readonly text: string;
  readonly range: SourceRange;
}

export interface Scenario {
  readonly kind: "scenario";
  readonly items: readonly TopLevelItem[];
  readonly comments: readonly CommentNode[];
  readonly range: SourceRange;
}
