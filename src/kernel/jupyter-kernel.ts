// The Jupyter kernel's protocol side (messaging protocol 5.3 over ZeroMQ): the five sockets,
// signed messages accepted once each, busy/idle around every request, shell requests one at
// a time, control requests in order and never behind a cell (interrupt, shutdown,
// kernel_info), execution counts, history, and stop_on_error aborts. All language work
// happens in the evaluator thread (./evaluator.ts), so this thread always answers
// heartbeats and control messages promptly.
import * as zmq from "zeromq";
import { randomUUID } from "node:crypto";
import { LINMAP_VERSION } from "../version.js";
import { endpoint, type ConnectionInfo } from "./connection.js";
import { MessageSigner, PROTOCOL_VERSION, newHeader, parseMessage, serializeMessage, type JupyterMessage } from "./wire.js";
import { Evaluator, EvaluatorDiedError, InterruptedError } from "./evaluator.js";
import type { CellOutcome, CellOutput } from "./notebook-session.js";
import { kernelMsg } from "./messages.js";
import { historyFor, type HistoryEntry } from "./history.js";
import { ReplayGuard } from "./replay-guard.js";

/** What the kernel writes to stderr (Jupyter shows it in the server's log). */
function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * How long iopub holds its messages for a first subscriber after the sockets are bound (see
 * JupyterKernel.iopubOpen); past it they go out whether anyone listens or not, as before.
 */
const FIRST_SUBSCRIBER_WAIT_MS = 1000;

/** Sends on one socket at a time: zeromq.js allows a single pending send per socket. */
class SendQueue {
  private tail: Promise<void>;
  /** `gate`: nothing is sent before it resolves. */
  constructor(private readonly socket: { send(frames: Buffer[]): Promise<void>; readonly closed: boolean }, gate: Promise<void> = Promise.resolve()) {
    this.tail = gate;
  }
  /** Resolves once everything sent so far has been handed to ZeroMQ. */
  idle(): Promise<void> {
    return this.tail;
  }
  send(frames: Buffer[]): Promise<void> {
    // After the kernel closed its sockets there is no one left to tell.
    this.tail = this.tail.then(() => (this.socket.closed ? undefined : this.socket.send(frames))).catch((e: unknown) => log(kernelMsg.sendFailed(String(e))));
    return this.tail;
  }
}

export class JupyterKernel {
  private readonly signer: MessageSigner;
  private readonly session = randomUUID();
  private readonly shell = new zmq.Router();
  private readonly control = new zmq.Router();
  private readonly stdin = new zmq.Router();
  // An XPUB, so that the kernel sees subscriptions (iopubOpen); it publishes as a PUB does.
  private readonly iopub = new zmq.XPublisher();
  // A ROUTER that sends every message back as it came (identity frames included), as
  // ipykernel's heartbeat device does: a REP socket would stall for good on a peer that
  // sends a frame without the envelope REQ adds.
  private readonly heartbeat = new zmq.Router();
  private readonly shellOut = new SendQueue(this.shell);
  private readonly controlOut = new SendQueue(this.control);
  /**
   * Opens at the first subscription to iopub (or FIRST_SUBSCRIBER_WAIT_MS after binding, or
   * at stop). A front end connects its sockets together and asks kernel_info at once; a
   * SUB's subscription takes a moment to reach the kernel, so the busy and idle around that
   * first reply used to be published to nobody, and jupyter_client (wait_for_ready, the
   * server's nudge) then waited 200 ms and asked again. Held until someone listens, they
   * reach the front end that asked: the same messages in the same order, only not lost.
   */
  private openIopub!: () => void;
  private readonly iopubOpen = new Promise<void>((r) => (this.openIopub = r));
  private readonly iopubOut = new SendQueue(this.iopub, this.iopubOpen);
  private readonly evaluator: Evaluator;
  private readonly replays = new ReplayGuard();
  private readonly shellQueue: JupyterMessage[] = [];
  /** Control requests run one after another: a shutdown waits for an interrupt's reply. */
  private controlTail: Promise<void> = Promise.resolve();
  /** Set by a shutdown_request: the kernel stops once that request's idle has gone out. */
  private shutdownRequested = false;
  private processing = false;
  private executionCount = 0;
  private readonly history: HistoryEntry[] = [];
  /** Execute requests received before this many shell messages are aborted (stop_on_error). */
  private abortBelow = 0;
  private received = 0;
  private stopping = false;
  private resolveStopped!: () => void;
  readonly stopped = new Promise<void>((r) => (this.resolveStopped = r));

  /** `evaluator`: the language thread's handle (kernelEvaluatorOptions), started or not. */
  constructor(private readonly connection: ConnectionInfo, evaluator: Evaluator) {
    this.signer = new MessageSigner(connection.key, connection.signature_scheme);
    this.evaluator = evaluator;
  }

  async start(): Promise<void> {
    const c = this.connection;
    await Promise.all([
      this.shell.bind(endpoint(c, c.shell_port)),
      this.control.bind(endpoint(c, c.control_port)),
      this.stdin.bind(endpoint(c, c.stdin_port)),
      this.iopub.bind(endpoint(c, c.iopub_port)),
      this.heartbeat.bind(endpoint(c, c.hb_port)),
    ]);
    // The evaluator thread loads the language and the simulator on the other core while
    // this thread answers the front end's first kernel_info, so the first cell finds it ready.
    this.evaluator.warmUp();
    void this.iopubSubscriptions();
    setTimeout(this.openIopub, FIRST_SUBSCRIBER_WAIT_MS).unref();
    void this.heartbeatLoop();
    void this.receiveLoop(this.shell, "shell", (m) => this.enqueueShell(m));
    void this.receiveLoop(this.control, "control", (m) => this.enqueueControl(m));
    void this.receiveLoop(this.stdin, "stdin", () => undefined);
    await this.publish("status", { execution_state: "starting" }, {});
  }

  private async heartbeatLoop(): Promise<void> {
    for (;;) {
      try {
        const frames = await this.heartbeat.receive();
        await this.heartbeat.send(frames);
      } catch {
        // A message the ROUTER cannot route back is dropped; only closing ends the loop.
        if (this.heartbeat.closed) return;
      }
    }
  }

  /** Reads iopub's subscription messages (byte 1, then the topic): the first opens iopub. */
  private async iopubSubscriptions(): Promise<void> {
    try {
      for await (const [frame] of this.iopub) if (frame?.[0] === 1) this.openIopub();
    } catch {
      // closed at shutdown
    }
  }

  private async receiveLoop(socket: zmq.Router, channel: string, handle: (m: JupyterMessage) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        const parsed = parseMessage(frames as Buffer[], this.signer);
        if (!parsed.ok) {
          log(kernelMsg.droppedMessage(channel, parsed.reason));
          continue;
        }
        if (!this.replays.admit(parsed.signature)) {
          log(kernelMsg.droppedMessage(channel, kernelMsg.duplicateSignature()));
          continue;
        }
        handle(parsed.message);
      }
    } catch {
      // closed at shutdown
    }
  }

  // ---- sending ------------------------------------------------------------------------------

  private frames(m: JupyterMessage, msgType: string, content: Record<string, unknown>, metadata: Record<string, unknown> = {}): Buffer[] {
    return serializeMessage(this.signer, m.identities, newHeader(msgType, this.session), m.header, metadata, content);
  }

  private reply(queue: SendQueue, m: JupyterMessage, msgType: string, content: Record<string, unknown>): Promise<void> {
    return queue.send(this.frames(m, msgType, content));
  }

  private publish(msgType: string, content: Record<string, unknown>, parent: Partial<JupyterMessage["header"]>, metadata: Record<string, unknown> = {}): Promise<void> {
    const topic = Buffer.from(`kernel.${this.session}.${msgType}`);
    const frames = serializeMessage(this.signer, [topic], newHeader(msgType, this.session), parent, metadata, content);
    return this.iopubOut.send(frames);
  }

  private status(state: "busy" | "idle", parent: JupyterMessage): Promise<void> {
    return this.publish("status", { execution_state: state }, parent.header);
  }

  // ---- shell ---------------------------------------------------------------------------------

  private enqueueShell(m: JupyterMessage): void {
    this.received++;
    (m as JupyterMessage & { seq?: number }).seq = this.received;
    this.shellQueue.push(m);
    if (!this.processing) void this.drainShell();
  }

  private async drainShell(): Promise<void> {
    this.processing = true;
    while (this.shellQueue.length > 0 && !this.stopping) {
      const m = this.shellQueue.shift()!;
      void this.status("busy", m);
      try {
        await this.handleShell(m);
      } catch (e) {
        log(kernelMsg.requestFailed(m.header.msg_type, e instanceof Error ? (e.stack ?? e.message) : String(e)));
      }
      await this.status("idle", m);
      if (this.shutdownRequested) await this.stop();
    }
    this.processing = false;
  }

  private async handleShell(m: JupyterMessage): Promise<void> {
    const c = m.content;
    switch (m.header.msg_type) {
      case "kernel_info_request":
        return this.reply(this.shellOut, m, "kernel_info_reply", this.kernelInfo());
      case "execute_request":
        return this.execute(m);
      case "complete_request":
      case "inspect_request":
      case "is_complete_request":
        return this.languageRequest(m);
      case "history_request":
        return this.reply(this.shellOut, m, "history_reply", { status: "ok", history: historyFor(this.history, c) });
      case "comm_info_request":
        return this.reply(this.shellOut, m, "comm_info_reply", { status: "ok", comms: {} });
      case "comm_open":
        // No comm targets: close it again, as the spec asks of a kernel that has none.
        return this.publish("comm_close", { comm_id: c["comm_id"], data: {} }, m.header);
      case "comm_msg":
      case "comm_close":
        return;
      case "shutdown_request":
        return this.shutdown(m, this.shellOut);
      default:
        log(kernelMsg.noHandler("shell", m.header.msg_type));
    }
  }

  /** complete, inspect, is_complete: answered by the evaluator; a bad request or a lost thread is an error reply. */
  private async languageRequest(m: JupyterMessage): Promise<void> {
    const type = m.header.msg_type;
    const replyType = type.replace(/_request$/, "_reply");
    const code = m.content["code"];
    const failed = (ename: string, evalue: string) =>
      // is_complete_reply has no error status: "unknown" is the spec's answer for "cannot tell".
      this.reply(this.shellOut, m, replyType, type === "is_complete_request" ? { status: "unknown" } : { status: "error", ename, evalue, traceback: [evalue] });
    if (typeof code !== "string") return failed("InvalidRequest", kernelMsg.notAString("code", code));
    const cursorPos = typeof m.content["cursor_pos"] === "number" ? m.content["cursor_pos"] : [...code].length;
    const cursor = codePointsToUtf16(code, cursorPos);
    try {
      if (type === "complete_request") {
        const r = await this.evaluator.complete(code, cursor);
        return await this.reply(this.shellOut, m, replyType, {
          status: "ok",
          matches: r.matches,
          cursor_start: utf16ToCodePoints(code, r.start),
          cursor_end: utf16ToCodePoints(code, r.end),
          metadata: {},
        });
      }
      if (type === "inspect_request") {
        const r = await this.evaluator.inspect(code, cursor);
        return await this.reply(this.shellOut, m, replyType, {
          status: "ok",
          found: r.found,
          data: r.found ? { "text/plain": r.plain, "text/markdown": r.markdown } : {},
          metadata: {},
        });
      }
      return await this.reply(this.shellOut, m, replyType, await this.evaluator.isComplete(code));
    } catch (e) {
      const { ename, evalue } = evaluatorFailure(e);
      return failed(ename, evalue);
    }
  }

  private kernelInfo(): Record<string, unknown> {
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "linmap",
      implementation_version: LINMAP_VERSION,
      language_info: {
        name: "linmap",
        version: LINMAP_VERSION,
        mimetype: "text/x-linmap",
        file_extension: ".linmap",
        pygments_lexer: "text",
        codemirror_mode: "shell",
      },
      banner: kernelMsg.banner(),
      help_links: [{ text: "The linmap language", url: "https://github.com/linmap/linmap/blob/main/grammar/README.md" }],
    };
  }

  private async execute(m: JupyterMessage): Promise<void> {
    const c = m.content;
    const silent = c["silent"] === true;
    const storeHistory = !silent && c["store_history"] !== false;
    const stopOnError = c["stop_on_error"] !== false;
    const seq = (m as JupyterMessage & { seq?: number }).seq ?? 0;
    if (seq <= this.abortBelow) {
      // As ipykernel: no execution count, so front ends show the aborted cell as not run.
      return this.reply(this.shellOut, m, "execute_reply", { status: "aborted" });
    }
    const code = c["code"];
    if (typeof code !== "string") {
      // A malformed request runs nothing and counts nothing; coercing it would run "[object Object]".
      const error = { ename: "InvalidRequest", evalue: kernelMsg.notAString("code", code), traceback: [kernelMsg.notAString("code", code)] };
      if (!silent) void this.publish("error", error, m.header);
      return this.reply(this.shellOut, m, "execute_reply", { status: "error", execution_count: this.executionCount, ...error });
    }
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    // Publishes are ordered by the iopub send queue; only the final idle needs awaiting.
    if (!silent) void this.publish("execute_input", { code, execution_count: count }, m.header);
    // JupyterLab, Notebook 7 and VS Code name the cell; other front ends do not, and the
    // session then recognises a re-run by its source (cell-identity.ts).
    const meta = m.metadata as { cellId?: unknown };
    const cell = { id: typeof meta.cellId === "string" ? meta.cellId : undefined, fallbackKey: `In[${count}]${storeHistory ? "" : `#${seq}`}` };
    let outcome: CellOutcome;
    const text: string[] = [];
    const publishOutput = (o: CellOutput): void => {
      if (silent) return;
      const transient = (id?: string) => (id ? { display_id: id } : {});
      switch (o.kind) {
        case "stream":
          void this.publish("stream", { name: o.name, text: o.text }, m.header);
          if (o.name === "stdout") text.push(o.text);
          break;
        case "display":
          void this.publish("display_data", { data: o.data, metadata: {}, transient: transient(o.displayId) }, m.header);
          break;
        case "update":
          void this.publish("update_display_data", { data: o.data, metadata: {}, transient: transient(o.displayId) }, m.header);
          break;
        case "result":
          void this.publish("execute_result", { data: o.data, metadata: {}, execution_count: count }, m.header);
          text.push(String(o.data["text/plain"] ?? ""));
          break;
        case "clear":
          void this.publish("clear_output", { wait: o.wait }, m.header);
          break;
        case "page":
          break;
      }
    };
    try {
      outcome = await this.evaluator.execute(code, cell, `In[${count}]`, publishOutput);
    } catch (e) {
      const { ename, evalue } = evaluatorFailure(e);
      outcome = { status: "error", outputs: [], ename, evalue, traceback: [evalue] };
    }
    const payload: Record<string, unknown>[] = [];
    for (const o of outcome.outputs) {
      if (o.kind === "page") payload.push({ source: "page", data: o.data, start: 0 });
      else publishOutput(o);
    }
    if (outcome.status === "error") {
      const error = { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
      if (!silent) void this.publish("error", error, m.header);
      if (stopOnError) this.abortBelow = this.received;
      void this.reply(this.shellOut, m, "execute_reply", { status: "error", execution_count: count, ...error });
    } else {
      // Not awaited: the idle status that follows goes out on iopub at once.
      void this.reply(this.shellOut, m, "execute_reply", { status: "ok", execution_count: count, payload, user_expressions: {} });
    }
    if (storeHistory) this.history.push({ line: count, input: code, output: text.join("") });
  }

  // ---- control -------------------------------------------------------------------------------

  private enqueueControl(m: JupyterMessage): void {
    this.controlTail = this.controlTail.then(() => this.handleControl(m)).catch((e: unknown) => log(kernelMsg.requestFailed(m.header.msg_type, String(e))));
  }

  private async handleControl(m: JupyterMessage): Promise<void> {
    // Still answered while stopping: jupyter_client sends an interrupt with its shutdown.
    void this.status("busy", m);
    switch (m.header.msg_type) {
      case "interrupt_request":
        // Not awaited: the new thread's start is no reason to keep the front end waiting.
        void this.evaluator.interrupt();
        await this.reply(this.controlOut, m, "interrupt_reply", { status: "ok" });
        break;
      case "shutdown_request":
        await this.shutdown(m, this.controlOut);
        break;
      case "kernel_info_request":
        await this.reply(this.controlOut, m, "kernel_info_reply", this.kernelInfo());
        break;
      default:
        log(kernelMsg.noHandler("control", m.header.msg_type));
    }
    await this.status("idle", m);
    // Not awaited: control requests that arrived with the shutdown are answered meanwhile.
    if (this.shutdownRequested) void this.stop();
  }

  /** Replies (and tells every front end on iopub, as ipykernel does); the caller stops after the idle. */
  private async shutdown(m: JupyterMessage, queue: SendQueue): Promise<void> {
    const content = { status: "ok", restart: m.content["restart"] === true };
    this.shutdownRequested = true;
    await Promise.all([this.reply(queue, m, "shutdown_reply", content), this.publish("shutdown_reply", content, m.header)]);
  }

  /** Closes every socket and the evaluator; `stopped` resolves afterwards. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.evaluator.close();
    // Control requests that came with the shutdown (jupyter_client's interrupt) are answered
    // first: one turn of the event loop lets the receive loop queue them, then they run.
    await new Promise((r) => setImmediate(r));
    await this.controlTail;
    // Whatever is queued leaves before the sockets close: linger lets ZeroMQ flush it.
    this.openIopub();
    await Promise.all([this.shellOut.idle(), this.controlOut.idle(), this.iopubOut.idle()]);
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.heartbeat]) {
      s.linger = 1000;
      s.close();
    }
    this.resolveStopped();
  }
}

/** The error a cell or request gets when the evaluator could not answer it. */
function evaluatorFailure(e: unknown): { ename: string; evalue: string } {
  if (e instanceof InterruptedError) return { ename: "Interrupted", evalue: kernelMsg.interrupted() };
  if (e instanceof EvaluatorDiedError) return { ename: "EvaluatorDied", evalue: kernelMsg.evaluatorDied(e.message) };
  return { ename: "EvaluatorError", evalue: kernelMsg.workerFailed(e instanceof Error ? e.message : String(e)) };
}

/** Jupyter cursor positions count Unicode code points; JavaScript strings count UTF-16 units. */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let units = 0;
  let cps = 0;
  for (const ch of text) {
    if (cps >= codePoints) break;
    units += ch.length;
    cps++;
  }
  return units;
}

export function utf16ToCodePoints(text: string, units: number): number {
  return [...text.slice(0, units)].length;
}
