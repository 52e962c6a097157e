// Reading an input that may be standard input (`-`): import and diff accept a log or a dump
// piped in. One reader for every command (../io.ts): `-` is standard input there too.
import type { SetStatus } from "./index.js";
import { readInput } from "../io.js";

/** The text of `file`, or of standard input for `-`; undefined after reporting a failure. */
export async function readInputOrStdin(file: string, setStatus: SetStatus): Promise<string | undefined> {
  return readInput(file, setStatus);
}
