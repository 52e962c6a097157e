// Reading an input that may be standard input (`-`): import and diff accept a log or a dump
// piped in. A file goes through the common reader (status 2 and a message when unreadable).
import type { SetStatus } from "./index.js";
import { readInput } from "./read-input.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** The text of `file`, or of standard input for `-`; undefined after reporting a failure. */
export async function readInputOrStdin(file: string, setStatus: SetStatus): Promise<string | undefined> {
  return file === "-" ? readStdin() : readInput(file, setStatus);
}
