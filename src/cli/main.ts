// The `linmap` command line: one commander program; each subcommand lives in its own module
// under ./commands and registers itself through ./commands/index.ts.
//
// Start-up (issue 10): `linmap run FILE` with no option, the command run most, goes straight
// to the run command's action with the options commander would give it ({ progress: true },
// the default of --no-progress), without loading commander and every command's definition,
// and from one bundle of the modules it needs (./plain-run.ts).
// Anything else (an option, `-` or another word in place of FILE, another command, help)
// goes through commander as always; `linmap run -- FILE` does too, and test/cli/run.test.ts
// checks that it gives the same as `linmap run FILE`.
import type { SetStatus } from "./commands/index.js";
import { bundledOr } from "../bundled.js";

/** FILE when `argv` is `run FILE` and nothing else, FILE not looking like an option (nor `-`). */
export function plainRunFile(argv: readonly string[]): string | undefined {
  return argv.length === 2 && argv[0] === "run" && !argv[1]!.startsWith("-") ? argv[1] : undefined;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let status = 0;
  const setStatus: SetStatus = (code) => {
    status = Math.max(status, code);
  };
  // A reader that goes away (`linmap run x | head`) ends the output, not the process with a trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(status);
  });
  try {
    const file = plainRunFile(argv);
    if (file !== undefined) {
      const plainRunModule = bundledOr(new URL("./run-bundle/plain-run.js", import.meta.url), new URL("./plain-run.js", import.meta.url));
      const { plainRun } = (await import(plainRunModule)) as typeof import("./plain-run.js");
      await plainRun(file, setStatus);
    } else {
      const code = await viaCommander(argv, setStatus);
      if (code !== undefined) return code;
    }
  } catch (e) {
    // Nothing a user does should get here; if it does, one line, and the stack only on request.
    const { cliMsg } = await import("./messages.js");
    process.stderr.write(`${cliMsg.internalError(e)}\n`);
    if (process.env["LINMAP_DEBUG"] === "1" && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
  return status;
}

/** The whole command line; the exit status when commander ends it (help, a usage error). */
async function viaCommander(argv: readonly string[], setStatus: SetStatus): Promise<number | undefined> {
  const [{ Command, CommanderError }, { registerCommands }, { LINMAP_VERSION }] = await Promise.all([
    import("commander"), import("./commands/index.js"), import("../version.js"),
  ]);
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
  registerCommands(program, setStatus);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return undefined;
}
