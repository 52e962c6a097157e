// The words of the views that every face shows (views.ts): the CLI, the kernel, the library
// and the HTML report print these, so they live here and not in a front end's catalogue.
export const viewMsg = {
  refusedUnder: (version: string, why: string) => `${version}: not run: ${why}`,
  notesTitle: () => "notes:",
  expectationsTitle: () => "expectations:",
} as const;
