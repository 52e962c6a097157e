// The views `linmap run --show` accepts. Its own module so that the run action does not
// import the command's definition (./run.ts), which brings commander.
export const VIEWS = ["calls", "trace", "ptdump", "stats"] as const;
