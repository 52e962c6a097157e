// The words of the views that every face shows (views.ts): the CLI, the kernel, the library
// and the HTML report print these, so they live here and not in a front end's catalogue.
export const viewMsg = {
  refusedUnder: (version: string, why: string) => `${version}: not run: ${why}`,
  notesTitle: () => "notes:",
  expectationsTitle: () => "expectations:",
  summaryHead: () => ["outcome", "points", "first point", "last point"] as const,
  summaryTitle: (points: number, outcomes: number) => `${points} point${points === 1 ? "" : "s"}, ${outcomes} outcome${outcomes === 1 ? "" : "s"}:`,
  summaryInsteadOfTable: (limit: number) => `more than ${limit} points: grouped by outcome (each point: linmap sweep FILE --format jsonl)`,
} as const;
