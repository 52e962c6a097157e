// `linmap fmt FILE`: print a scenario in canonical form (or rewrite it with --write).
// A scenario that does not parse is left alone: its diagnostics are printed, exit 1.
import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { formatScenario, parseScenario, renderDiagnostic } from "../../lang/index.js";
import type { SetStatus } from "./index.js";
import { readInput } from "./read-input.js";
import { cliMsg } from "../messages.js";

export function register(program: Command, setStatus: SetStatus): void {
  program
    .command("fmt")
    .description("print a scenario in canonical form")
    .argument("<file>", "scenario file (.linmap)")
    .option("-w, --write", "rewrite the file in place instead of printing")
    .action(async (file: string, opts: { write?: boolean }) => {
      const text = await readInput(file, setStatus);
      if (text === undefined) return;
      const { ast, diagnostics } = parseScenario(text, file);
      if (diagnostics.length > 0) {
        for (const d of diagnostics) process.stderr.write(`${renderDiagnostic(d, text)}\n\n`);
        process.stderr.write(`${cliMsg.fmtRefused(file)}\n`);
        setStatus(1);
        return;
      }
      const out = formatScenario(ast);
      if (opts.write) {
        if (out !== text) await writeFile(file, out);
      } else {
        process.stdout.write(out);
      }
    });
}
