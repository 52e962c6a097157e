// A pool worker: builds its handler from workerData once, then answers `{ id, task }` with
// `{ id, result }` (or `{ id, error }`).
import { parentPort, workerData } from "node:worker_threads";
import { makeHandler, type WorkerSetup } from "./tasks.js";

const handle = makeHandler(workerData as WorkerSetup);

parentPort?.on("message", (msg: { id: number; task: unknown }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: handle(msg.task) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
