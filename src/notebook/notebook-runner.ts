// Runs a notebook headless in-process, with the same session the kernel uses (cells keyed by
// their ids, sources named In[n]), and reports errors and the outputs that differ from the
// ones stored in the file.
import { JupyterSession, type CellOutcome, type CellOutput } from "../kernel/notebook-session.js";
import { cellSource, toNotebookOutputs, type Notebook, type NotebookOutput } from "./notebook-file.js";
import { stringify } from "safe-stable-stringify";

export interface CellRun {
  readonly index: number;
  readonly count: number;
  readonly outcome: CellOutcome;
  readonly outputs: NotebookOutput[];
  /** True when stored outputs exist and differ from the new ones. */
  readonly changed: boolean;
}

export interface NotebookRun {
  readonly cells: CellRun[];
  readonly errors: CellRun[];
  readonly notebook: Notebook;
}

function errorOutput(o: Extract<CellOutcome, { status: "error" }>): NotebookOutput {
  return { output_type: "error", ename: o.ename, evalue: o.evalue, traceback: o.traceback };
}

/** Executes every code cell in order (relative file names from `baseDir`); returns the notebook with the new outputs. */
export async function runNotebook(nb: Notebook, baseDir?: string): Promise<NotebookRun> {
  const session = new JupyterSession();
  if (baseDir) session.baseDir = baseDir;
  const cells: CellRun[] = [];
  const copy: Notebook = JSON.parse(JSON.stringify(nb)) as Notebook;
  let count = 0;
  for (const [index, cell] of copy.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    count++;
    const streamed: CellOutput[] = [];
    const outcome = await session.execute(cellSource(cell), { id: cell.id, fallbackKey: `In[${count}]` }, `In[${count}]`, () => false, (o) => streamed.push(o));
    const outputs = toNotebookOutputs([...streamed, ...outcome.outputs], count);
    if (outcome.status === "error") outputs.push(errorOutput(outcome));
    const stored = cell.outputs ?? [];
    const changed = stored.length > 0 && stringify(stored) !== stringify(outputs);
    cell.outputs = outputs;
    cell.execution_count = count;
    const run: CellRun = { index, count, outcome, outputs, changed };
    cells.push(run);
  }
  return { cells, errors: cells.filter((c) => c.outcome.status === "error"), notebook: copy };
}
