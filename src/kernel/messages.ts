// Everything the Jupyter kernel says on its own account: banner, help, magic replies and
// log lines.
import { LINMAP_VERSION } from "../version.js";

export const kernelMsg = {
  banner: () => `linmap ${LINMAP_VERSION}: the arm64 Linux linear map during boot. %help for the language and magics.`,
  help: () =>
    [
      "linmap: a notebook is one scenario, built cell by cell.",
      "",
      "  machine { granule 4K; memory 0x8000_0000 size 2G }",
      "  cpus    { cpu 0..7 neoverse-v3 }",
      '  kernel  { version v7.0; cmdline "rodata=on"; realm }',
      "  buffer its_prop at 0x1_8234_0000 size 64K",
      "  boot    { at init_IRQ: its_alloc_pages_node its_prop }",
      "  expect  its_alloc_pages_node its_prop == -EINVAL",
      "  show calls, trace, ptdump, stats      run      compare v7.0, v7.1      print \"text\"",
      "",
      "Re-running a cell replaces what it defined. Tab completes names; Shift-Tab documents them.",
      "",
      "Magics: %help (this text), %policy [VERSION] (run every cell under VERSION; no argument: show it),",
      "%reset (forget every cell), %clear (clear this cell's output).",
      "The language in full: grammar/README.md in the linmap repository.",
    ].join("\n"),
  scenarioPolicy: () => "the scenario's own kernel version (default v7.1)",
  unknownPolicy: (v: string) => `unknown kernel version '${v}'`,
  versions: (vs: readonly string[]) => `known: ${vs.join(", ")}`,
  reset: () => "session reset: no cells, no policy override",
  unknownMagic: (m: string) => `unknown magic %${m}`,
  magics: () => "magics: %help, %policy [VERSION], %reset, %clear",
  comparing: (versions: readonly string[], done: number) => `comparing ${versions.join(", ")}: ${done} of ${versions.length} simulated`,
  expectationsFailed: (n: number) => `${n} expectation${n === 1 ? "" : "s"} failed`,
  interrupted: () => "the run was interrupted",
  droppedMessage: (channel: string, reason: string) => `linmap kernel: dropped a ${channel} message: ${reason}`,
  workerFailed: (reason: string) => `the evaluator stopped unexpectedly: ${reason}`,
  // The evaluator thread's death, named for the cell that was running (then evaluatorDied).
  evaluatorOutOfMemory: () => "the evaluator ran out of memory",
  evaluatorCrashed: (reason: string) => `the evaluator crashed: ${reason}`,
  evaluatorExited: (code: number) => `the evaluator exited with code ${code}`,
  evaluatorClosed: () => "the kernel is shutting down",
  evaluatorDied: (how: string) => `${how}; a new evaluator holds the notebook's definitions (this cell's run is lost)`,
  sessionLost: (how: string) => `linmap kernel: ${how} again while restoring the notebook; its definitions are forgotten`,
  duplicateSignature: () => "duplicate signature (a replayed message)",
  notAString: (field: string, value: unknown) => `${field} must be a string, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
  noHandler: (channel: string, msgType: string) => `linmap kernel: no ${channel} handler for ${msgType}`,
  requestFailed: (msgType: string, reason: string) => `linmap kernel: ${msgType} failed: ${reason}`,
  sendFailed: (reason: string) => `linmap kernel: send failed: ${reason}`,
  unhandledRejection: (reason: string) => `linmap kernel: unhandled rejection (a kernel bug): ${reason}`,
} as const;
