// The views of one result (`show calls, trace, ptdump, stats`, `linmap run --show`). Apart
// from ./views.ts, which renders them, so that the run command's definition can name them in
// its help without loading the renderers and the language (start-up, issue 10).
export const RESULT_VIEWS = ["calls", "trace", "ptdump", "stats"] as const;
export type ResultViewName = (typeof RESULT_VIEWS)[number];
