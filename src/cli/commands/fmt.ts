// `linmap fmt FILE`: print a scenario in canonical form (or rewrite it with --write).
// A scenario that does not parse is left alone: its diagnostics are printed, exit 1.
import type { Command } from "commander";
import type { SetStatus } from "./index.js";
import { printDiagnostics, readInput, writeOutput } from "../io.js";
import { cliMsg } from "../messages.js";

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("fmt")
    .description("print a scenario in canonical form")
    .argument("<file>", "scenario file (.linmap; - for standard input)")
    .option("-w, --write", "rewrite the file in place instead of printing")
    .action(async (file: string, opts: { write?: boolean }) => {
      if (opts.write && file === "-") {
        process.stderr.write(`${cliMsg.conflictingOptions("--write", "standard input (-)")}\n`);
        setStatus(2);
        return;
      }
      const text = await readInput(file, setStatus);
      if (text === undefined) return;
      // The language loads when the command runs, not when it is defined (start-up, issue 10).
      const { formatScenario, parseScenario } = await import("../../lang/index.js");
      const { ast, diagnostics } = parseScenario(text, file);
      if (diagnostics.length > 0) {
        printDiagnostics(diagnostics, text);
        process.stderr.write(`${cliMsg.fmtRefused(file)}\n`);
        setStatus(1);
        return;
      }
      const out = formatScenario(ast);
      if (opts.write) {
        if (out !== text) await writeOutput(file, out, setStatus);
      } else {
        process.stdout.write(out);
      }
    });
}
