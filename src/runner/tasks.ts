// The two kinds of work the pool hands out, and the function that does each: a batch of
// consecutive sweep points (rendered to text where they are computed), or one catalogue cell.
import { csvRecord, jsonRecord, type SweepFormat } from "./sweep-format.js";
import { evaluateCell, evaluatePoint, prepareSweep, type CellResult } from "./evaluate.js";

export type WorkerSetup =
  | { readonly mode: "sweep"; readonly text: string; readonly file: string; readonly sweep: number; readonly kernel?: string; readonly format: SweepFormat }
  | { readonly mode: "catalog" };

/** Points [from, to) of the sweep. */
export interface SweepTask {
  readonly from: number;
  readonly to: number;
}

/** The batch's records as text, and each point's outcome (for the summary). */
export interface SweepBatch {
  readonly text: string;
  readonly outcomes: readonly string[];
}

export interface CatalogTask {
  readonly text: string;
  readonly file: string;
  readonly kernel?: string;
}

export type Handler = (task: unknown) => unknown;

export function sweepHandler(setup: Extract<WorkerSetup, { mode: "sweep" }>): (task: SweepTask) => SweepBatch {
  const prepared = prepareSweep(setup.text, setup.file, setup.sweep, setup.kernel);
  if (!prepared.ok) throw new Error(`sweep ${setup.sweep} of ${setup.file} cannot be prepared`);
  const render = setup.format === "csv" ? csvRecord : jsonRecord;
  return ({ from, to }) => {
    let text = "";
    const outcomes: string[] = [];
    for (let i = from; i < to; i++) {
      const r = evaluatePoint(prepared.sweep, i);
      text += render(r);
      outcomes.push(r.outcome);
    }
    return { text, outcomes };
  };
}

export function catalogHandler(): (task: CatalogTask) => CellResult {
  return (t) => evaluateCell(t.text, t.file, t.kernel);
}

export function makeHandler(setup: WorkerSetup): Handler {
  return (setup.mode === "sweep" ? sweepHandler(setup) : catalogHandler()) as Handler;
}
