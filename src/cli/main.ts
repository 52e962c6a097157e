// The `linmap` command line: one commander program; each subcommand lives in its own module
// under ./commands and registers itself through ./commands/index.ts.
import { Command, CommanderError } from "commander";
import { registerCommands } from "./commands/index.js";
import { LINMAP_VERSION } from "../version.js";
import { cliMsg } from "./messages.js";

/** Runs the CLI on `argv` (without node and script) and returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command();
  program
    .name("linmap")
    .description("A lab for the arm64 Linux kernel's linear map during boot.")
    .version(LINMAP_VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    });
  let status = 0;
  registerCommands(program, (code) => {
    status = Math.max(status, code);
  });
  // A reader that goes away (`linmap run x | head`) ends the output, not the process with a trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(status);
  });
  try {
    await program.parseAsync(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    // Nothing a user does should get here; if it does, one line, and the stack only on request.
    process.stderr.write(`${cliMsg.internalError(e)}\n`);
    if (process.env["LINMAP_DEBUG"] === "1" && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
  return status;
}
