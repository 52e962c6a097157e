// Public surface of the run-length page-table model (domain.md §1-§3).
export * from "./attrs.js";
export {
  KernelPageTable,
  PGTABLE_ALLOCATORS,
  type LeafRun,
  type LevelStats,
  type MapRangeOptions,
  type PageTableStats,
  type PgtableAllocator,
  type RangeSplitResult,
  type SplitResult,
  type SplitStep,
  type TableView,
  type UpdateProtResult,
} from "./kernel-page-table.js";
