// The protocol thread's handle on the evaluator thread: requests with replies as promises,
// and interrupt by stopping the thread and starting a new one from the last saved session
// state (a cell only changes the session when it completes, so nothing is half-applied).
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import type { CellOutcome, CellOutput, SessionState } from "./notebook-session.js";
import type { EvaluatorRequest } from "./evaluator-worker.js";

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; live?: (o: CellOutput) => void };

export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
  }
}

type Body<T> = T extends unknown ? Omit<T, "id"> : never;

export class Evaluator {
  private worker: Worker | undefined;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private state: SessionState = { cells: [] };
  private closing = false;

  /**
   * Starts the thread if it is not running. The kernel calls this once it has answered its
   * first requests: loading the language and the simulator takes a core for ~100 ms, which
   * should not delay the kernel_info_reply a front end waits for at launch.
   */
  warmUp(): void {
    if (!this.worker && !this.closing) this.start();
  }

  private start(): void {
    this.worker = new Worker(fileURLToPath(new URL("./evaluator-worker.js", import.meta.url)));
    this.worker.on("message", (m: { id?: number; ok?: boolean; reply?: unknown; error?: string; live?: CellOutput }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.live) {
        p.live?.(m.live);
        return;
      }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.reply);
      else p.reject(new Error(m.error));
    });
    this.worker.on("error", (e) => this.failAll(e));
    this.worker.on("exit", () => {
      if (!this.closing) this.failAll(new Error("evaluator exited"));
    });
    if (this.state.cells.length > 0 || this.state.policy) void this.request({ type: "restore", state: this.state });
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private request<T>(req: Body<EvaluatorRequest>, live?: (o: CellOutput) => void): Promise<T> {
    this.warmUp();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(live ? { live } : {}) });
      this.worker!.postMessage({ ...req, id });
    });
  }

  /** Runs a cell; `live` gets the outputs the cell sends while it runs. */
  async execute(code: string, cellKey: string, source: string, live?: (o: CellOutput) => void): Promise<CellOutcome> {
    const r = await this.request<{ outcome: CellOutcome; state: SessionState }>({ type: "execute", code, cellKey, source }, live);
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

  /** Stops whatever runs now; its requests fail with InterruptedError. */
  async interrupt(): Promise<void> {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.closing = true;
    await this.worker?.terminate();
    this.worker = undefined;
    this.closing = false;
    for (const p of pending) p.reject(new InterruptedError());
    this.start();
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker?.terminate();
  }
}
