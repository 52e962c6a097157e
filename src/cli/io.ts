// The CLI's input and output, with one rule for failures: a clear line on stderr and exit
// status 2, never a stack trace (unless LINMAP_DEBUG=1). Files are written atomically (a
// temporary file beside the target, then a rename), so a full disk or a crash never leaves a
// truncated scenario, notebook or report. `-` reads standard input.
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
// From diagnostic.js, not the language's index: a command that prints no diagnostic need not
// load the parser.
import { limitDiagnostics, renderDiagnostic, type Diagnostic } from "../lang/diagnostic.js";
import type { SetStatus } from "./commands/index.js";
import { cliMsg } from "./messages.js";

/** Raised for a failure the CLI reports in one line and exit status 2. */
export class CliFailure extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** The text of `file` (`-`: standard input), or undefined after reporting why it could not be read. */
export async function readInput(file: string, setStatus: SetStatus): Promise<string | undefined> {
  try {
    return file === "-" ? await readStdin() : await readFile(file, "utf8");
  } catch (e) {
    process.stderr.write(`${cliMsg.cannotRead(file, e)}\n`);
    setStatus(2);
    return undefined;
  }
}

/** Writes `data` to `path` atomically; reports a failure in one line and returns false. */
export async function writeOutput(path: string, data: string, setStatus: SetStatus): Promise<boolean> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, data, { flag: "wx" });
    await rename(temp, path);
    return true;
  } catch (e) {
    await rm(temp, { force: true }).catch(() => undefined);
    process.stderr.write(`${cliMsg.cannotWrite(path, e)}\n`);
    setStatus(2);
    return false;
  }
}

/** Diagnostics with caret excerpts, the first hundred, then one line for the rest. */
export function printDiagnostics(ds: readonly Diagnostic[], texts: string | ((source: string) => string), stream: NodeJS.WriteStream = process.stderr): void {
  const { shown, omitted } = limitDiagnostics(ds);
  for (const d of shown) stream.write(`${renderDiagnostic(d, typeof texts === "string" ? texts : texts(d.range.source))}\n\n`);
  if (omitted > 0) stream.write(`${cliMsg.moreDiagnostics(omitted)}\n`);
}

/** Diagnostics as JSON data (for `--json` when there is no result). */
export function diagnosticsJson(ds: readonly Diagnostic[]): string {
  const { shown, omitted } = limitDiagnostics(ds);
  return `${JSON.stringify({
    ok: false,
    diagnostics: shown.map((d) => ({ severity: d.severity, code: d.code, message: d.message, source: d.range.source, line: d.range.start.line, column: d.range.start.column })),
    ...(omitted > 0 ? { omitted } : {}),
  }, null, 2)}\n`;
}
