// A notebook's scenario, built cell by cell (runs inside the evaluator worker). Each cell's
// items are kept under the cell's id: re-running a cell replaces what it defined, and a
// cell that redefines a buffer or a machine/cpus/kernel block replaces the earlier
// definition. Output commands of the executed cell (`print`, `show`, `run`, `compare`) are
// turned into Jupyter outputs; magics (`%help`, `%policy`, `%reset`, `%clear`) act on the
// session.
import {
  checkScenario, completeAt, hasErrors, SWEEP_POINT_LIMIT, inspectAt, isComplete, parseScenario, renderDiagnostic,
  type Diagnostic, type Scenario, type TopLevelItem,
} from "../lang/index.js";
import { compileScenario } from "../compile/index.js";
import { simulate, type SimResult } from "../sim/index.js";
import { findKernelVersion, KERNEL_VERSIONS } from "../catalog/index.js";
import type { CompareRun, Refusal } from "../render/compare.js";
import { htmlPre } from "../render/html.js";
import { notesView, ptdumpRequestOf, resultView, runView, sweepHeading, sweepSummaryView, sweepView, targetRange, type ResultViewName, type View } from "../render/views.js";
import type { ChartRequest } from "../render/charts/index.js";
import { admit, refusalLine } from "../pipeline.js";
import { kernelMsg } from "./messages.js";
import { loadedDumpReports, scenarioDumpMsg, withPtdumpExpectations } from "../ptdump/scenario-dumps.js";
import { cellSubjects, sameCellAs } from "./cell-identity.js";

export type MimeBundle = Record<string, unknown>;

export type CellOutput =
  | { readonly kind: "stream"; readonly name: "stdout" | "stderr"; readonly text: string }
  | { readonly kind: "display"; readonly data: MimeBundle; readonly displayId?: string }
  | { readonly kind: "update"; readonly data: MimeBundle; readonly displayId: string }
  | { readonly kind: "result"; readonly data: MimeBundle }
  | { readonly kind: "clear"; readonly wait: boolean }
  | { readonly kind: "page"; readonly data: MimeBundle };

export type CellOutcome =
  | { readonly status: "ok"; readonly outputs: CellOutput[] }
  | { readonly status: "error"; readonly outputs: CellOutput[]; readonly ename: string; readonly evalue: string; readonly traceback: string[] };

export interface SessionState {
  /** [cell key, text, source name] in session order. */
  readonly cells: [string, string, string][];
  readonly policy?: string;
  readonly compared?: string[];
}

interface Cell {
  readonly text: string;
  readonly source: string;
  readonly items: readonly TopLevelItem[];
  readonly comments: Scenario["comments"];
  /** What the cell was about when run (before later cells replaced any of it). */
  readonly subjects: ReadonlySet<string>;
}

/** How the front end named the cell: its cell id if it sent one, else the key a new cell gets. */
export interface CellRef {
  readonly id?: string | undefined;
  readonly fallbackKey: string;
}

const ID_KEY = "cell:";

// Loaded on first use: a notebook's first cell (a scenario and `run`) needs none of them, and
// the kernel's launch-to-first-cell time is mostly module loading in the evaluator thread.
const charts = () => import("../render/charts/index.js");
const dumpCharts = () => import("../ptdump/scenario-dump-charts.js");
const compare = () => import("../render/compare.js");
const sweeps = () => Promise.all([import("../pipeline.js"), import("../runner/evaluate.js"), import("../compile/sweep.js")]);

const BLOCK_KINDS = new Set(["machine", "cpus", "kernel"]);
/** Items that only ask for output: a cell of these alone leaves the scenario as it was. */
const OUTPUT_KINDS = new Set(["print", "show", "run", "compare", "chart", "sweep"]);

function definedName(item: TopLevelItem): string | undefined {
  if (item.kind === "buffer" || item.kind === "vmalloc") return `buffer:${item.name.text}`;
  if (BLOCK_KINDS.has(item.kind)) return `block:${item.kind}`;
  return undefined;
}

export class JupyterSession {
  /** Where a cell's relative file names (`load ptdump "..."`) are read from: the notebook's directory. */
  baseDir = process.cwd();
  private cells = new Map<string, Cell>();
  private policy: string | undefined;
  /** The kernels of the last `compare` cell, for later `chart compare` and `chart pagetables`. */
  private compared: string[] | undefined;

  state(): SessionState {
    return {
      cells: [...this.cells].map(([k, c]): [string, string, string] => [k, c.text, c.source]),
      ...(this.policy ? { policy: this.policy } : {}),
      ...(this.compared ? { compared: this.compared } : {}),
    };
  }

  /** Rebuilds a session from saved state (after the worker was restarted by an interrupt). */
  restore(state: SessionState): void {
    this.cells.clear();
    this.policy = state.policy;
    this.compared = state.compared;
    // Replayed in order, so later definitions replace earlier ones as they did when run.
    for (const [key, text, source] of state.cells) {
      const { ast } = parseScenario(text, source);
      this.commit(key, { text, source, items: ast.items, comments: ast.comments, subjects: cellSubjects(ast.items, text) });
    }
  }

  /** Stores a cell; its definitions replace the same names in the other cells. */
  private commit(key: string, cell: Cell): void {
    const defined = new Set(cell.items.map(definedName).filter((d): d is string => d !== undefined));
    for (const [k, c] of this.cells) {
      if (k === key) continue;
      const kept = c.items.filter((i) => !defined.has(definedName(i) ?? ""));
      if (kept.length !== c.items.length) this.cells.set(k, { ...c, items: kept });
    }
    this.cells.set(key, cell);
  }

  /** Buffer names defined so far, for completion. */
  knownNames(): string[] {
    const names: string[] = [];
    for (const c of this.cells.values()) for (const i of c.items) if (i.kind === "buffer" || i.kind === "vmalloc") names.push(i.name.text);
    return names;
  }

  private scenarioWith(key: string, cell: Cell | undefined): Scenario {
    const defined = new Set(cell ? cell.items.map(definedName).filter((d): d is string => d !== undefined) : []);
    const items: TopLevelItem[] = [];
    const comments: Scenario["comments"][number][] = [];
    for (const [k, c] of this.cells) {
      if (k === key) continue;
      for (const i of c.items) {
        const d = definedName(i);
        if (d === undefined || !defined.has(d)) items.push(i);
      }
      comments.push(...c.comments);
    }
    if (cell) {
      items.push(...cell.items);
      comments.push(...cell.comments);
    }
    const empty = { line: 1, column: 1, offset: 0 };
    return { kind: "scenario", items, comments, range: { source: "notebook", start: empty, end: empty } };
  }

  private texts(): Map<string, string> {
    return new Map([...this.cells].map(([k, c]) => [c.source, c.text]));
  }

  private errorFor(diagnostics: readonly Diagnostic[], texts: Map<string, string>): CellOutcome {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const first = errors[0]!;
    const traceback = errors.flatMap((d) => renderDiagnostic(d, texts.get(d.range.source) ?? "").split("\n"));
    return { status: "error", outputs: [], ename: first.code, evalue: first.message, traceback };
  }

  /** The key under which a cell is stored: its id, or the earlier id-less cell it re-runs (cell-identity.ts). */
  private keyFor(ref: CellRef, text: string, subjects: ReadonlySet<string>): string {
    if (ref.id !== undefined) return `${ID_KEY}${ref.id}`;
    const known = [...this.cells].filter(([k]) => !k.startsWith(ID_KEY)).map(([key, c]) => ({ key, text: c.text, subjects: c.subjects }));
    return sameCellAs(known, text, subjects) ?? ref.fallbackKey;
  }

  /**
   * Runs a cell. Leading magic lines act first, then the rest of the cell runs as linmap
   * (`%policy v7.1` then `run`). `live` receives outputs that should reach the notebook
   * before the cell ends (the progress of a comparison); the returned outcome holds the rest.
   */
  async execute(code: string, ref: CellRef, source: string, shouldStop: () => boolean, live: (o: CellOutput) => void = () => undefined): Promise<CellOutcome> {
    const { magics, rest } = splitMagics(code);
    const before: CellOutput[] = [];
    for (const line of magics) {
      const m = this.magic(line);
      if (m.status === "error") return { ...m, outputs: [...before, ...m.outputs] };
      // The cell's result is its last command's: a leading magic's result becomes a display.
      before.push(...m.outputs.map((o): CellOutput => (o.kind === "result" && rest.trim() !== "" ? { kind: "display", data: o.data } : o)));
    }
    if (rest.trim() === "") return { status: "ok", outputs: before };
    const outcome = await this.executeScenario(rest, ref, source, shouldStop, live);
    return before.length === 0 ? outcome : { ...outcome, outputs: [...before, ...outcome.outputs] };
  }

  private async executeScenario(code: string, ref: CellRef, source: string, shouldStop: () => boolean, live: (o: CellOutput) => void): Promise<CellOutcome> {
    const { ast, diagnostics } = parseScenario(code, source);
    if (diagnostics.length > 0) return this.errorFor(diagnostics, new Map([[source, code]]));
    const subjects = cellSubjects(ast.items, code);
    const key = this.keyFor(ref, code, subjects);
    const cell: Cell = { text: code, source, items: ast.items, comments: ast.comments, subjects };
    const outputs: CellOutput[] = [];
    // A cell of output commands only (print, show, run, ...) neither changes the scenario nor
    // needs it checked again: the session holds only cells that passed the checker.
    const defines = cell.items.some((i) => !OUTPUT_KINDS.has(i.kind));
    const scenario = this.scenarioWith(defines || this.cells.has(key) ? key : "", defines ? cell : undefined);
    if (defines || cell.items.some((i) => i.kind !== "print")) {
      const texts = this.texts();
      texts.set(source, code);
      const withCell = defines ? scenario : this.scenarioWith(key, cell);
      const checked = checkScenario(withCell, this.policy ? { version: this.policy } : {});
      if (hasErrors(checked)) return this.errorFor(checked, texts);
      const warnings = checked.filter((d) => d.severity === "warning" && d.range.source === source);
      if (warnings.length > 0) outputs.push({ kind: "stream", name: "stderr", text: `${warnings.map((d) => renderDiagnostic(d, texts.get(d.range.source) ?? "")).join("\n\n")}\n` });
    }
    if (defines) this.commit(key, cell);
    else if (this.cells.has(key)) this.cells.delete(key);
    let cached: SimResult | undefined;
    const result = (): SimResult | CellOutcome => {
      if (cached) return cached;
      // The cells passed the same check for this policy above: compiling cannot fail.
      cached = withPtdumpExpectations(scenario, simulate(compileScenario(scenario, this.policy ? { version: this.policy } : {}), { shouldStop }), this.baseDir);
      return cached;
    };
    let showsResult = false;
    let notesShown = false;
    for (const item of cell.items) {
      if (item.kind === "print") outputs.push({ kind: "stream", name: "stdout", text: `${item.text}\n` });
      else if (item.kind === "show" || item.kind === "run") {
        const r = result();
        if (!("provenance" in r)) return r;
        if (item.kind === "run") {
          outputs.push({ kind: "result", data: viewData(runView(r)) });
          notesShown = true;
          // A failed expectation fails the cell, so a notebook whose conclusion no longer
          // holds stops with an error (as `linmap run` exits 1).
          const failed = r.expectations.filter((e) => !e.passed);
          if (failed.length > 0) {
            const lines = failed.map((e) => `${e.source.source}:${e.source.line}:${e.source.column}: ${e.text} (${e.actual})`);
            return { status: "error", outputs, ename: "ExpectationFailed", evalue: kernelMsg.expectationsFailed(failed.length), traceback: lines };
          }
        }
        else {
          const req = ptdumpRequestOf(item, r);
          for (const v of item.views) {
            outputs.push({ kind: "display", data: viewData(resultView(v.text as ResultViewName, r, req)) });
            // Loaded real dumps, beside the simulated one (clipped to the same range).
            if (v.text === "ptdump") for (const rep of loadedDumpReports(scenario, r, this.baseDir, req.range)) outputs.push({ kind: "display", data: { "text/plain": rep, "text/html": htmlPre(rep.split("\n")) } });
          }
          showsResult = true;
        }
      } else if (item.kind === "compare") {
        const displayId = `${source}:compare:${item.range.start.line}`;
        const versions = item.versions.map((v) => v.text);
        this.compared = versions;
        live({ kind: "display", displayId, data: { "text/plain": kernelMsg.comparing(versions, 0) } });
        const bundle = await this.compareBundle(scenario, versions, shouldStop, (done) => live({ kind: "update", displayId, data: { "text/plain": kernelMsg.comparing(versions, done) } }));
        outputs.push({ kind: "update", displayId, data: bundle });
      } else if (item.kind === "chart") {
        const r = result();
        if (!("provenance" in r)) return r;
        const runs = item.chart.text === "compare" || item.chart.text === "pagetables" ? this.compareRuns(scenario, shouldStop) : [];
        const req: ChartRequest = {
          chart: item.chart.text as ChartRequest["chart"],
          ...(item.target ? { range: targetRange(item.target, r) } : {}),
          ...(item.when ? { when: { relation: item.when.relation, step: item.when.step.text } } : {}),
        };
        const comparing = scenario.items.some((i) => i.kind === "compare") || this.compared !== undefined;
        const { buildChart, chartBundle } = await charts();
        const built = buildChart(req, r, item.chart.text === "pagetables" && !comparing ? [] : runs);
        // `chart map` with loaded real dumps: their strips above the simulation's.
        const withDumps = req.chart === "map" && !req.range && !req.when ? (await dumpCharts()).mapSpecWithDumps(scenario, r, this.baseDir, scenarioDumpMsg.chartTitle(r.provenance.version)) : undefined;
        outputs.push({ kind: "display", data: (await chartBundle(withDumps ?? built.spec, built.summary, built.marks)).data });
      } else if (item.kind === "sweep") {
        const [{ runSweep }, { summarizeSweep }, { sweepSpace }] = await sweeps();
        const space = sweepSpace(item);
        if (space.total <= SWEEP_POINT_LIMIT) {
          const rows = runSweep(scenario, item, { shouldStop, ...(this.policy ? { version: this.policy } : {}) });
          outputs.push({ kind: "display", data: viewData(sweepView(sweepHeading(item), rows)) });
        } else {
          // A range sweep past a table's size: its points grouped by outcome, as the CLI prints it.
          const summary = summarizeSweep({ ast: scenario, item, space, ...(this.policy ? { kernel: this.policy } : {}) }, shouldStop);
          outputs.push({ kind: "display", data: viewData(sweepSummaryView(summary.points, summary.entries(), sweepHeading(item), SWEEP_POINT_LIMIT)) });
        }
      }
    }
    // The model's notes travel with what a cell shows of a result, as the CLI prints them
    // after its views (a `run` output and a comparison carry their own).
    if (showsResult && !notesShown && cached) {
      const notes = notesView(cached.notes);
      if (notes.text) outputs.push({ kind: "display", data: viewData(notes) });
    }
    return { status: "ok", outputs };
  }

  /** The kernels a `chart compare` compares: the scenario's compare command, else v7.0 and v7.1. */
  private compareRuns(scenario: Scenario, shouldStop: () => boolean): { version: string; result: SimResult }[] {
    const named = scenario.items.flatMap((i) => (i.kind === "compare" ? i.versions.map((v) => v.text) : []));
    const versions = named.length > 0 ? [...new Set(named)] : (this.compared ?? ["v7.0", "v7.1"]);
    const runs: { version: string; result: SimResult }[] = [];
    for (const version of versions) {
      const c = admit(scenario, { version });
      if (c.ok) runs.push({ version, result: simulate(c.program, { shouldStop }) });
    }
    return runs;
  }

  private async compareBundle(scenario: Scenario, versions: readonly string[], shouldStop: () => boolean, progress: (done: number) => void): Promise<MimeBundle> {
    const { compareView } = await compare();
    const runs: CompareRun[] = [];
    // A kernel the scenario is invalid for (rodata=noalias on v6.17) says why, as in the CLI.
    const refused: Refusal[] = [];
    for (const version of versions) {
      const c = admit(scenario, { version });
      if (c.ok) runs.push({ version, result: simulate(c.program, { shouldStop }) });
      else refused.push({ version, problem: refusalLine(c.diagnostics) });
      if (runs.length + refused.length < versions.length) progress(runs.length + refused.length);
    }
    return viewData(compareView(versions, runs, refused));
  }

  /** Runs one magic line (`%name args`). */
  private magic(line: string): CellOutcome {
    const [name, ...args] = line.slice(1).split(/\s+/);
    switch (name) {
      case "help":
        return { status: "ok", outputs: [{ kind: "page", data: { "text/plain": kernelMsg.help() } }] };
      case "policy": {
        if (args[0]) {
          if (!findKernelVersion(args[0])) {
            return { status: "error", outputs: [], ename: "VERSION-UNKNOWN", evalue: kernelMsg.unknownPolicy(args[0]), traceback: [kernelMsg.unknownPolicy(args[0]), kernelMsg.versions(KERNEL_VERSIONS.map((v) => v.name))] };
          }
          this.policy = args[0];
        }
        return { status: "ok", outputs: [{ kind: "result", data: { "text/plain": this.policy ?? kernelMsg.scenarioPolicy() } }] };
      }
      case "reset":
        this.cells.clear();
        this.policy = undefined;
        this.compared = undefined;
        return { status: "ok", outputs: [{ kind: "stream", name: "stdout", text: `${kernelMsg.reset()}\n` }] };
      case "clear":
        return { status: "ok", outputs: [{ kind: "clear", wait: false }] };
      default:
        return { status: "error", outputs: [], ename: "UNKNOWN-MAGIC", evalue: kernelMsg.unknownMagic(name ?? ""), traceback: [kernelMsg.unknownMagic(name ?? ""), kernelMsg.magics()] };
    }
  }

  complete(code: string, cursor: number): { matches: string[]; start: number; end: number } {
    const lineStart = code.lastIndexOf("\n", cursor - 1) + 1;
    const line = code.slice(lineStart, cursor);
    if (line.trimStart().startsWith("%") && !/\s/.test(line.trimStart())) {
      const word = line.trim().slice(1);
      const start = lineStart + line.indexOf("%") + 1;
      return { matches: ["clear", "help", "policy", "reset"].filter((m) => m.startsWith(word)), start, end: cursor };
    }
    return completeAt(splitMagics(code).rest, cursor, this.knownNames());
  }

  inspect(code: string, cursor: number) {
    return inspectAt(code, cursor);
  }

  isComplete(code: string) {
    const { rest } = splitMagics(code);
    if (rest.trim() === "") return { status: "complete" as const };
    return isComplete(rest);
  }
}

/**
 * A cell's leading magic lines and the linmap text after them. Magic lines are blanked with
 * spaces, not removed, so diagnostics and cursors in the rest keep the cell's own positions.
 */
export function splitMagics(code: string): { magics: string[]; rest: string } {
  const lines = code.split("\n");
  const magics: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === "") continue;
    if (!t.startsWith("%")) break;
    magics.push(t);
  }
  if (magics.length === 0) return { magics, rest: code };
  return { magics, rest: [...lines.slice(0, i).map((l) => " ".repeat(l.length)), ...lines.slice(i)].join("\n") };
}

/** A view as a MIME bundle: its text and its HTML. */
function viewData(v: View): MimeBundle {
  return { "text/plain": v.text, "text/html": v.html };
}
