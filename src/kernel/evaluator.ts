// The protocol thread's handle on the evaluator thread: requests with replies as promises.
// The session lives in the thread, but the protocol thread keeps the last committed session
// state (a cell only changes the session when it completes, so nothing is half-applied), so
// the thread can be replaced at any moment without losing definitions:
// - an interrupt stops the thread and starts a new one restored from that state;
// - a thread that dies on its own (out of memory, a bug) is noticed from its exit, the
//   request it was running fails with the cause, and a new thread is restored the same way.
// Every request posted to a thread is settled when that thread is replaced, so nothing
// waits on a dead thread and no promise is left to reject unobserved.
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import type { CellOutcome, CellOutput, SessionState } from "./notebook-session.js";
import type { EvaluatorRequest, EvaluatorWorkerData } from "./evaluator-worker.js";
import { kernelMsg } from "./messages.js";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; live?: (o: CellOutput) => void; internal: boolean };

export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
  }
}

/** The evaluator thread died while a request was running; `message` says how. */
export class EvaluatorDiedError extends Error {}

type Body<T> = T extends unknown ? Omit<T, "id"> : never;
type WorkerMessage = { id?: number; ok?: boolean; reply?: unknown; error?: string; live?: CellOutput };

/** A thread that dies this many times in a row without answering loses the saved session. */
const DEATHS_BEFORE_FORGETTING = 3;

export interface EvaluatorOptions {
  /** V8 old-generation limit of the thread (MB); past it the thread alone dies, not the kernel. */
  readonly maxHeapMb?: number;
  /** Where the evaluator reports what happens outside any request (a lost session). */
  readonly log?: (line: string) => void;
}

/** The evaluator of a kernel process: its heap limit from LINMAP_EVALUATOR_MAX_HEAP_MB, its log on stderr. */
export function kernelEvaluatorOptions(env: NodeJS.ProcessEnv): EvaluatorOptions {
  const heapMb = Number(env["LINMAP_EVALUATOR_MAX_HEAP_MB"]);
  return { log: (line) => process.stderr.write(`${line}\n`), ...(Number.isFinite(heapMb) && heapMb > 0 ? { maxHeapMb: heapMb } : {}) };
}

export class Evaluator {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private state: SessionState = { cells: [] };
  private closing = false;
  private deathsInARow = 0;
  private spawned = 0;

  constructor(private readonly options: EvaluatorOptions = {}) {}

  /** Starts the thread if it is not running (the kernel calls this at launch). */
  warmUp(): void {
    if (!this.worker && !this.closing) this.spawn();
  }

  private spawn(): void {
    const limits = this.options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } } : {};
    // Only the thread started at launch warms up (./evaluator-worker.ts): it has the time while
    // the front end waits for the kernel, and a replacement's first work is the restore anyway.
    const workerData: EvaluatorWorkerData = { warmUp: this.spawned++ === 0 };
    const worker = new Worker(fileURLToPath(new URL("./evaluator-worker.js", import.meta.url)), { ...limits, workerData });
    this.worker = worker;
    let cause: Error | undefined;
    worker.on("message", (m: WorkerMessage) => {
      // Messages of a thread already replaced (its last outputs) are for nobody.
      if (worker !== this.worker || m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.live) {
        p.live?.(m.live);
        return;
      }
      this.pending.delete(m.id);
      this.deathsInARow = 0;
      if (m.ok) p.resolve(m.reply);
      else p.reject(new Error(m.error));
    });
    worker.on("error", (e) => (cause = e));
    worker.on("exit", (code) => {
      if (worker !== this.worker) return;
      this.worker = undefined;
      const died = new EvaluatorDiedError(deathReason(cause, code));
      this.settleAll(died);
      if (this.closing) return;
      if (++this.deathsInARow >= DEATHS_BEFORE_FORGETTING && this.hasSession()) {
        this.state = { cells: [] };
        this.options.log?.(kernelMsg.sessionLost(died.message));
      }
      this.spawn();
    });
    // The restore goes first, so every request after it sees the session as it was.
    if (this.hasSession()) this.post({ type: "restore", state: this.state }, undefined, true).catch(() => undefined);
  }

  private hasSession(): boolean {
    return this.state.cells.length > 0 || this.state.policy !== undefined || this.state.compared !== undefined;
  }

  /** Settles every request of the current thread: user requests reject with `e`, the restore resolves. */
  private settleAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) {
      if (p.internal) p.resolve(undefined);
      else p.reject(e);
    }
  }

  private post<T>(req: Body<EvaluatorRequest>, live: ((o: CellOutput) => void) | undefined, internal: boolean): Promise<T> {
    this.warmUp();
    const worker = this.worker;
    if (!worker) return Promise.reject(new EvaluatorDiedError(kernelMsg.evaluatorClosed()));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, internal, ...(live ? { live } : {}) });
      worker.postMessage({ ...req, id });
    });
  }

  private request<T>(req: Body<EvaluatorRequest>, live?: (o: CellOutput) => void): Promise<T> {
    return this.post<T>(req, live, false);
  }

  /** Runs a cell; `live` gets the outputs the cell sends while it runs. */
  async execute(code: string, cell: { readonly id?: string; readonly fallbackKey: string }, source: string, live?: (o: CellOutput) => void): Promise<CellOutcome> {
    const r = await this.request<{ outcome: CellOutcome; state: SessionState }>({ type: "execute", code, cellId: cell.id, fallbackKey: cell.fallbackKey, source }, live);
    this.state = r.state;
    return r.outcome;
  }

  complete(code: string, cursor: number): Promise<{ matches: string[]; start: number; end: number }> {
    return this.request({ type: "complete", code, cursor });
  }

  inspect(code: string, cursor: number): Promise<{ found: boolean; markdown: string; plain: string }> {
    return this.request({ type: "inspect", code, cursor });
  }

  isComplete(code: string): Promise<{ status: string; indent?: string }> {
    return this.request({ type: "is_complete", code });
  }

  /** True while a front end's request is in the thread (the restore does not count). */
  busy(): boolean {
    return [...this.pending.values()].some((p) => !p.internal);
  }

  /**
   * Stops whatever runs now: its requests fail with InterruptedError and a new thread takes
   * over, restored from the saved state. With nothing running there is nothing to stop, so
   * any number of interrupts, at any time, leaves the session as it was.
   */
  async interrupt(): Promise<void> {
    if (!this.busy() || this.closing) return;
    const old = this.worker;
    // Detached first: its exit is then ours, not a death, and its late messages are ignored.
    this.worker = undefined;
    this.settleAll(new InterruptedError());
    this.spawn();
    // Nothing to report if it fails: the thread is already detached and replaced.
    await old?.terminate().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    this.worker = undefined;
    this.settleAll(new EvaluatorDiedError(kernelMsg.evaluatorClosed()));
    await w?.terminate().catch(() => undefined);
  }
}

function deathReason(cause: Error | undefined, code: number): string {
  if ((cause as { code?: string } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY") return kernelMsg.evaluatorOutOfMemory();
  if (cause) return kernelMsg.evaluatorCrashed(cause.message);
  return kernelMsg.evaluatorExited(code);
}
