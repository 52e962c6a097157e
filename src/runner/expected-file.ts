// The committed expected outcomes beside a scenario, `NAME.expected` for `NAME.linmap`, like
// a litmus test's expected result: a provenance header (`#` lines, not compared), then per
// kernel a line with what the expectations did and one line per call. Plain text, one fact
// per line, so a review sees a changed outcome as a one-line diff.
// The patch functions only (the package's index loads every diff flavour, 19 modules).
import { structuredPatch } from "diff/lib/patch/create.js";
import { LINMAP_VERSION } from "../version.js";
import { runnerMsg } from "../cli/messages.js";
import { callOutcomeLine, tallyText } from "./outcome.js";
import type { CellResult } from "./evaluate.js";

export function expectedPath(scenarioPath: string): string {
  return scenarioPath.replace(/\.linmap$/, ".expected");
}

/** One kernel's block: `v7.0: expectations 4/4 passed` and its calls, indented. */
export function cellBlock(c: CellResult): string[] {
  if (c.kind === "error") return [`${c.kernel}: error ${c.error}`];
  return [`${c.kernel}: ${tallyText(c.tally)}`, ...c.calls.map((o) => `  ${callOutcomeLine(o)}`)];
}

/** The blocks of an expected file by kernel, in file order (comments and blank lines dropped). */
export function parseBlocks(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!line.startsWith(" ")) {
      const kernel = line.slice(0, line.indexOf(":") < 0 ? line.length : line.indexOf(":"));
      current = [line];
      blocks.set(kernel, current);
    } else current?.push(line);
  }
  return blocks;
}

/** The file's text: header, then the blocks (those kept from the old file first, in its order). */
export function renderExpected(file: string, hash: string, blocks: ReadonlyMap<string, readonly string[]>): string {
  const lines = [runnerMsg.expectedTitle(file), runnerMsg.expectedHowTo(), runnerMsg.expectedProvenance(hash, LINMAP_VERSION), ""];
  for (const block of blocks.values()) lines.push(...block);
  return `${lines.join("\n")}\n`;
}

/** The new file's blocks: the old ones, with the kernels just run replaced or added. */
export function updatedBlocks(old: ReadonlyMap<string, readonly string[]>, cells: readonly CellResult[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>(old);
  for (const c of cells) out.set(c.kernel, cellBlock(c));
  return out;
}

export type OutcomeStatus = "same" | "changed" | "missing";

/** Compares the kernels just run with the file; the diff (- expected, + now) when they differ. */
export function compareWithExpected(expectedText: string | undefined, cells: readonly CellResult[]): { status: OutcomeStatus; diff?: string } {
  if (expectedText === undefined) return { status: "missing" };
  const blocks = parseBlocks(expectedText);
  const before = cells.flatMap((c) => blocks.get(c.kernel) ?? []);
  const now = cells.flatMap(cellBlock);
  const a = `${before.join("\n")}\n`;
  const b = `${now.join("\n")}\n`;
  if (a === b) return { status: "same" };
  const patch = structuredPatch("expected", "now", a, b, "", "", { context: 1 });
  const diff = patch.hunks.flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines]).join("\n");
  return { status: "changed", diff };
}
