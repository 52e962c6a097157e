// Every subcommand of `linmap`, registered in the order `linmap --help` lists them.
// Each module exports `register(program, setStatus)`; add one line per command.
import type { Command } from "commander";
import { register as registerCheck } from "./check.js";
import { register as registerFmt } from "./fmt.js";
import { register as registerRun } from "./run.js";
import { register as registerCompare } from "./compare.js";
import { register as registerKernel } from "./kernel.js";
import { register as registerNotebook } from "./notebook.js";
import { register as registerImport } from "./import.js";
import { register as registerDiff } from "./diff.js";
import { register as registerTest } from "./test.js";
import { register as registerMerge } from "./merge.js";
import { register as registerSweep } from "./sweep.js";

/** Reports a command's exit status (the highest reported wins). */
export type SetStatus = (code: number) => void;

export function registerCommands(program: Command, setStatus: SetStatus): void {
  registerCheck(program, setStatus);
  registerFmt(program, setStatus);
  registerRun(program, setStatus);
  registerCompare(program, setStatus);
  registerSweep(program, setStatus);
  registerKernel(program, setStatus);
  registerNotebook(program, setStatus);
  registerImport(program, setStatus);
  registerDiff(program, setStatus);
  registerTest(program, setStatus);
  registerMerge(program, setStatus);
}
