// `linmap check FILE...`: parse and check scenarios, print each diagnostic with a caret
// excerpt. Exit 0 when clean (warnings allowed), 1 on errors, 2 when a file cannot be read.
import type { Command } from "commander";
import type { SetStatus } from "./index.js";
import { printDiagnostics, readInput } from "../io.js";
import { cliMsg } from "../messages.js";

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("check")
    .description("check scenarios for syntax and semantic errors")
    .argument("<files...>", "scenario files (.linmap; - for standard input)")
    .action(async (files: string[]) => {
      // The language loads when the command runs, not when it is defined (start-up, issue 10).
      const { analyzeScenario, hasErrors } = await import("../../lang/index.js");
      let errors = 0;
      let warnings = 0;
      for (const file of files) {
        const text = await readInput(file, setStatus);
        if (text === undefined) continue;
        const { diagnostics } = analyzeScenario(text, file);
        printDiagnostics(diagnostics, text, process.stdout);
        for (const d of diagnostics) {
          if (d.severity === "error") errors++;
          else warnings++;
        }
        if (hasErrors(diagnostics)) setStatus(1);
      }
      process.stdout.write(`${cliMsg.checkSummary(files.length, errors, warnings)}\n`);
    });
}
