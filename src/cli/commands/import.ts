// `linmap import dmesg FILE [--iomem FILE] [-o OUT]`: write a scenario from an arm64 boot log
// (FILE may be - for standard input), each statement citing the log line it came from, the
// rest listed as assumptions. Exit 0 when written, 2 when an input cannot be read or is not
// an arm64 boot log (or /proc/iomem), 1 when the scenario it wrote does not check (a bug).
// This module only defines the command; what it does is in ./import-action.ts, loaded
// when it runs (start-up, issue 10: a command loads only what it uses).
import type { Command } from "commander";
import type { SetStatus } from "./index.js";

export interface ImportOptions {
  iomem?: string;
  output?: string;
}

export function register(program: Command, setStatus: SetStatus): void {
  const imp = program.command("import").description("write a scenario from a real machine's artefacts");
  imp
    .command("dmesg")
    .description("write a scenario from an arm64 boot log (dmesg or a console capture)")
    .argument("<file>", "the boot log (a file, or - for standard input)")
    .option("--iomem <file>", "also read /proc/iomem to place the banks, no-map regions and the image exactly")
    .option("-o, --output <out>", "write the scenario to OUT instead of standard output")
    .action(async (file: string, opts: ImportOptions) => (await import("./import-action.js")).importDmesgCommand(file, opts, setStatus));
}
