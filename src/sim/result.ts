// What a simulation produces: per-call outcomes, the kernel log, the final linear map (and
// snapshots after each step), statistics, evaluated expectations and notes. The renderers in
// src/render read only this.
import type { PolicyId, PolicySettings } from "../catalog/index.js";
import type { Geometry } from "./geometry/granule-geometry.js";
import type { PageTable } from "./tables/page-table.js";
import type { PhysRange, SourceRef, StepRelation } from "./program.js";

export type PagetableAllocator = "memblock" | "buddy" | "atomic";

export type PagesByAllocator = Record<PagetableAllocator, bigint>;

export interface CallResult {
  readonly id: number;
  readonly call: string;
  readonly origin: "scenario" | "kernel";
  /** The target as written (buffer name or range). */
  readonly label: string;
  readonly range?: PhysRange;
  /**
   * The linear-map ranges the call acted on: its target range, a vmalloc area's pages, or
   * what the kernel chose (the swiotlb pool, a late KFENCE pool, a secretmem page). Empty
   * when it acted on none. Charts draw a mark for each.
   */
  readonly touched: readonly PhysRange[];
  readonly step: string;
  readonly relation: StepRelation;
  readonly cpu: number;
  readonly rc: number;
  /** `0`, `-EINVAL`, ... */
  readonly rcName: string;
  readonly warns: number;
  /** split_pud, split_contpmd, split_pmd, split_contpte, range_split_to_ptes, in order. */
  readonly splits: readonly string[];
  readonly contGroupsSplit: number;
  readonly pagetablePages: PagesByAllocator;
  readonly pagetablePagesFreed: bigint;
  readonly tlbFlushes: number;
  /** Pages left invalid by this call (a failed realm conversion, or the (b) revalidation bug). */
  readonly invalidPagesLeft: bigint;
  readonly source?: SourceRef;
}

/** A frozen view of the linear map. */
export interface MapSnapshot {
  readonly root: PageTable;
  readonly memstart: bigint;
}

export interface StepStats {
  readonly step: string;
  readonly pagetablePages: PagesByAllocator;
}

export interface ExpectationResult {
  readonly text: string;
  readonly source: SourceRef;
  readonly passed: boolean;
  /** What was found, when it differs: "returned -EINVAL". */
  readonly actual: string;
}

export interface CpuState {
  readonly id: number;
  readonly online: boolean;
  readonly refused: boolean;
  readonly bbml2Noabort: boolean;
}

export interface SimResult {
  readonly provenance: {
    readonly linmap: string;
    readonly version: string;
    readonly policy: PolicyId;
    readonly policyTitle: string;
    readonly granule: string;
    readonly vaBits: number;
  };
  readonly geometry: Geometry;
  /** The machine's memory banks (charts draw one strip per bank). */
  readonly banks: readonly PhysRange[];
  readonly calls: readonly CallResult[];
  /** The kernel log, one line per entry. */
  readonly log: readonly string[];
  readonly finalMap: MapSnapshot;
  /** The map after each step's last event, by step name. */
  /** The settings of the kernel simulated (src/catalog/policy-settings.ts). */
  readonly settings: PolicySettings;
  readonly snapshots: ReadonlyMap<string, MapSnapshot>;
  /** Before 15bfba1ad77f ptdump cannot see an invalid block (it reads as its neighbour). */
  readonly ptdumpHidesInvalidBlocks: boolean;
  readonly stats: {
    readonly pagetablePages: bigint;
    readonly perStep: readonly StepStats[];
  };
  readonly expectations: readonly ExpectationResult[];
  readonly warnCount: number;
  readonly cpus: readonly CpuState[];
  /** CPUs online at the end of each step, in boot order. */
  readonly onlinePerStep: readonly { readonly step: string; readonly online: number }[];
  readonly linearMapRequiresBbml2: boolean;
  readonly systemBbml2: boolean;
  /** Modelling choices and uncertain points that affected this run. */
  readonly notes: readonly string[];
  readonly interrupted: boolean;
}
