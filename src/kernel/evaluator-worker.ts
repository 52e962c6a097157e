// The evaluator thread: holds the notebook session and does all language work (parse,
// check, simulate, render, complete, inspect), so the protocol thread never blocks and an
// interrupt can simply stop this thread.
//
// Start-up (issue 11): a worker does not inherit the process's compile cache, so it turns
// it on before loading the session's modules, from their bundle (./evaluator-session.ts)
// when the build made one. The thread started at launch then warms up
// (./warm-up.ts) while the front end waits for the kernel to be ready; requests that
// arrive meanwhile wait in the port and are answered after it.
import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { SessionState } from "./notebook-session.js";
import { bundledOr } from "../bundled.js";

export type EvaluatorRequest =
  | { readonly id: number; readonly type: "execute"; readonly code: string; readonly cellId: string | undefined; readonly fallbackKey: string; readonly source: string }
  | { readonly id: number; readonly type: "complete"; readonly code: string; readonly cursor: number }
  | { readonly id: number; readonly type: "inspect"; readonly code: string; readonly cursor: number }
  | { readonly id: number; readonly type: "is_complete"; readonly code: string }
  | { readonly id: number; readonly type: "restore"; readonly state: SessionState };

export interface EvaluatorWorkerData {
  /** Run the warm-up cell before answering requests. */
  readonly warmUp: boolean;
}

module.enableCompileCache?.();
const sessionModule = bundledOr(new URL("./evaluator-bundle/evaluator-session.js", import.meta.url), new URL("./evaluator-session.js", import.meta.url));
const { JupyterSession, warmUp } = (await import(sessionModule)) as typeof import("./evaluator-session.js");
if ((workerData as EvaluatorWorkerData | undefined)?.warmUp) await warmUp();

const session = new JupyterSession();

parentPort?.on("message", async (req: EvaluatorRequest) => {
  let reply: unknown;
  try {
    switch (req.type) {
      case "execute":
        reply = {
          outcome: await session.execute(req.code, { id: req.cellId, fallbackKey: req.fallbackKey }, req.source, () => false, (output) => parentPort!.postMessage({ id: req.id, live: output })),
          state: session.state(),
        };
        break;
      case "complete":
        reply = session.complete(req.code, req.cursor);
        break;
      case "inspect":
        reply = session.inspect(req.code, req.cursor);
        break;
      case "is_complete":
        reply = session.isComplete(req.code);
        break;
      case "restore":
        session.restore(req.state);
        reply = {};
        break;
    }
    parentPort!.postMessage({ id: req.id, ok: true, reply });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
parentPort?.postMessage({ ready: true });
