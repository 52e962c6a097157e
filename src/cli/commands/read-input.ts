// Reading a command's input file: on failure the message goes to stderr and the status is 2,
// the same for every command.
import { readFile } from "node:fs/promises";
import type { SetStatus } from "./index.js";
import { cliMsg } from "../messages.js";

/** The file's text, or undefined after reporting why it could not be read. */
export async function readInput(file: string, setStatus: SetStatus): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    process.stderr.write(`${cliMsg.cannotRead(file, e)}\n`);
    setStatus(2);
    return undefined;
  }
}
