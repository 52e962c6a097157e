// A pool of worker threads that runs tasks and hands back their results in task order,
// whatever the number of workers or the order they finish in. Tasks are pulled from an
// iterator and at most `2 × jobs` are in flight, so a million tasks need no more memory than
// a few. With one job the tasks run in this thread (no worker start-up, same results).
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeHandler, type WorkerSetup } from "./tasks.js";

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The built worker: beside this module in dist/, or dist/ of the package when run from source (tests). */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return join(dirname(here), "worker.js");
  const built = join(dirname(here), "..", "..", "dist", "src", "runner", "worker.js");
  if (!existsSync(built)) throw new Error(`the worker pool needs the built JavaScript (${built}): run npm run build`);
  return built;
}

export interface PoolRun<T, R> {
  readonly jobs: number;
  readonly setup: WorkerSetup;
  readonly tasks: Iterable<T>;
  /** Called with each result in task order; awaited (so a slow consumer slows the pool down). */
  readonly onResult: (result: R, index: number) => void | Promise<void>;
}

export async function runPool<T, R>(run: PoolRun<T, R>): Promise<void> {
  const it = run.tasks[Symbol.iterator]();
  if (run.jobs <= 1) {
    const handle = makeHandler(run.setup);
    let i = 0;
    for (let next = it.next(); !next.done; next = it.next()) await run.onResult(handle(next.value) as R, i++);
    return;
  }
  const file = workerFile();
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Map<number, R>();
      let nextTask = 0;
      let nextResult = 0;
      let inFlight = 0;
      let exhausted = false;
      let consuming = false;
      let failed = false;
      const idle: Worker[] = [];
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const dispatch = () => {
        while (!failed && !exhausted && idle.length > 0 && inFlight + done.size < 2 * run.jobs) {
          const next = it.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          inFlight++;
          idle.pop()!.postMessage({ id: nextTask++, task: next.value });
        }
        if (!failed && exhausted && inFlight === 0 && done.size === 0 && !consuming) resolve();
      };
      const consume = async () => {
        if (consuming) return;
        consuming = true;
        try {
          while (done.has(nextResult)) {
            const r = done.get(nextResult)!;
            done.delete(nextResult);
            await run.onResult(r, nextResult++);
          }
        } catch (e) {
          fail(e);
        }
        consuming = false;
        dispatch();
      };
      for (let k = 0; k < run.jobs; k++) {
        const w = new Worker(file, { workerData: run.setup });
        workers.push(w);
        idle.push(w);
        w.on("message", (msg: { id: number; result?: R; error?: string }) => {
          inFlight--;
          idle.push(w);
          if (msg.error !== undefined) return fail(new Error(msg.error));
          done.set(msg.id, msg.result as R);
          void consume();
          dispatch();
        });
        w.on("error", fail);
        w.on("exit", (code) => {
          if (code !== 0) fail(new Error(`a pool worker stopped with exit code ${code}`));
        });
      }
      dispatch();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
