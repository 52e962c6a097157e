// The Jupyter kernel's protocol side (messaging protocol 5.3 over ZeroMQ): the five sockets,
// signed messages, busy/idle around every request, shell requests one at a time, control
// requests at once (interrupt, shutdown, kernel_info), execution counts, history, and
// stop_on_error aborts. All language work happens in the evaluator thread (./evaluator.ts),
// so this thread always answers heartbeats and control messages promptly.
import * as zmq from "zeromq";
import { randomUUID } from "node:crypto";
import { LINMAP_VERSION } from "../version.js";
import { endpoint, type ConnectionInfo } from "./connection.js";
import { MessageSigner, PROTOCOL_VERSION, newHeader, parseMessage, serializeMessage, type JupyterMessage } from "./wire.js";
import { Evaluator, InterruptedError } from "./evaluator.js";
import type { CellOutcome, CellOutput } from "./notebook-session.js";
import { kernelMsg } from "./messages.js";

type HistoryEntry = { readonly line: number; readonly input: string; readonly output: string };

/** Sends on one socket at a time: zeromq.js allows a single pending send per socket. */
class SendQueue {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly socket: { send(frames: Buffer[]): Promise<void> }) {}
  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(() => this.socket.send(frames)).catch((e: unknown) => {
      process.stderr.write(`linmap kernel: send failed: ${String(e)}\n`);
    });
    return this.tail;
  }
}

export class JupyterKernel {
  private readonly signer: MessageSigner;
  private readonly session = randomUUID();
  private readonly shell = new zmq.Router();
  private readonly control = new zmq.Router();
  private readonly stdin = new zmq.Router();
  private readonly iopub = new zmq.Publisher();
  private readonly heartbeat = new zmq.Reply();
  private readonly shellOut = new SendQueue(this.shell);
  private readonly controlOut = new SendQueue(this.control);
  private readonly iopubOut = new SendQueue(this.iopub);
  private readonly evaluator = new Evaluator();
  private readonly shellQueue: JupyterMessage[] = [];
  private processing = false;
  private executionCount = 0;
  private readonly history: HistoryEntry[] = [];
  /** Execute requests received before this many shell messages are aborted (stop_on_error). */
  private abortBelow = 0;
  private received = 0;
  private stopping = false;
  private resolveStopped!: () => void;
  readonly stopped = new Promise<void>((r) => (this.resolveStopped = r));

  constructor(private readonly connection: ConnectionInfo) {
    this.signer = new MessageSigner(connection.key, connection.signature_scheme);
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
    void this.heartbeatLoop();
    void this.receiveLoop(this.shell, "shell", (m) => this.enqueueShell(m));
    void this.receiveLoop(this.control, "control", (m) => void this.handleControl(m));
    void this.receiveLoop(this.stdin, "stdin", () => undefined);
    await this.publish("status", { execution_state: "starting" }, {});
    setTimeout(() => this.evaluator.warmUp(), 300).unref();
  }

  private async heartbeatLoop(): Promise<void> {
    try {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    } catch {
      // closed at shutdown
    }
  }

  private async receiveLoop(socket: zmq.Router, channel: string, handle: (m: JupyterMessage) => void): Promise<void> {
    try {
      for await (const frames of socket) {
        const parsed = parseMessage(frames as Buffer[], this.signer);
        if (!parsed.ok) {
          process.stderr.write(`${kernelMsg.droppedMessage(channel, parsed.reason)}\n`);
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
        process.stderr.write(`linmap kernel: ${m.header.msg_type} failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      }
      await this.status("idle", m);
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
      case "complete_request": {
        const code = String(c["code"] ?? "");
        const cursor = codePointsToUtf16(code, Number(c["cursor_pos"] ?? code.length));
        const r = await this.evaluator.complete(code, cursor);
        return this.reply(this.shellOut, m, "complete_reply", {
          status: "ok",
          matches: r.matches,
          cursor_start: utf16ToCodePoints(code, r.start),
          cursor_end: utf16ToCodePoints(code, r.end),
          metadata: {},
        });
      }
      case "inspect_request": {
        const code = String(c["code"] ?? "");
        const r = await this.evaluator.inspect(code, codePointsToUtf16(code, Number(c["cursor_pos"] ?? code.length)));
        return this.reply(this.shellOut, m, "inspect_reply", {
          status: "ok",
          found: r.found,
          data: r.found ? { "text/plain": r.plain, "text/markdown": r.markdown } : {},
          metadata: {},
        });
      }
      case "is_complete_request": {
        const r = await this.evaluator.isComplete(String(c["code"] ?? ""));
        return this.reply(this.shellOut, m, "is_complete_reply", r);
      }
      case "history_request":
        return this.reply(this.shellOut, m, "history_reply", { status: "ok", history: this.historyFor(c) });
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
        process.stderr.write(`linmap kernel: no handler for ${m.header.msg_type}\n`);
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
    const code = String(c["code"] ?? "");
    const silent = c["silent"] === true;
    const storeHistory = !silent && c["store_history"] !== false;
    const stopOnError = c["stop_on_error"] !== false;
    const seq = (m as JupyterMessage & { seq?: number }).seq ?? 0;
    if (seq <= this.abortBelow) {
      return this.reply(this.shellOut, m, "execute_reply", { status: "aborted", execution_count: this.executionCount });
    }
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    // Publishes are ordered by the iopub send queue; only the final idle needs awaiting.
    if (!silent) void this.publish("execute_input", { code, execution_count: count }, m.header);
    const meta = m.metadata as { cellId?: unknown };
    const cellKey = typeof meta.cellId === "string" ? `cell:${meta.cellId}` : `In[${count}]${storeHistory ? "" : `#${seq}`}`;
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
      outcome = await this.evaluator.execute(code, cellKey, `In[${count}]`, publishOutput);
    } catch (e) {
      const interrupted = e instanceof InterruptedError;
      outcome = {
        status: "error",
        outputs: [],
        ename: interrupted ? "Interrupted" : "EvaluatorError",
        evalue: interrupted ? kernelMsg.interrupted() : kernelMsg.workerFailed(e instanceof Error ? e.message : String(e)),
        traceback: [interrupted ? kernelMsg.interrupted() : String(e)],
      };
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

  private historyFor(c: Record<string, unknown>): unknown[] {
    const output = c["output"] === true;
    const entry = (h: HistoryEntry) => [1, h.line, output ? [h.input, h.output] : h.input];
    switch (c["hist_access_type"]) {
      case "tail": {
        const n = Number(c["n"] ?? 10);
        return this.history.slice(Math.max(0, this.history.length - n)).map(entry);
      }
      case "range": {
        const start = Number(c["start"] ?? 0);
        const stop = c["stop"] === undefined || c["stop"] === null ? Infinity : Number(c["stop"]);
        return this.history.filter((h) => h.line >= start && h.line < stop).map(entry);
      }
      case "search": {
        const pattern = globToRegExp(String(c["pattern"] ?? "*"));
        let found = this.history.filter((h) => pattern.test(h.input));
        if (c["unique"] === true) {
          const seen = new Set<string>();
          found = found.reverse().filter((h) => (seen.has(h.input) ? false : (seen.add(h.input), true))).reverse();
        }
        const n = c["n"] === undefined || c["n"] === null ? found.length : Number(c["n"]);
        return found.slice(Math.max(0, found.length - n)).map(entry);
      }
      default:
        return [];
    }
  }

  // ---- control -------------------------------------------------------------------------------

  private async handleControl(m: JupyterMessage): Promise<void> {
    await this.status("busy", m);
    switch (m.header.msg_type) {
      case "interrupt_request":
        await this.evaluator.interrupt();
        await this.reply(this.controlOut, m, "interrupt_reply", { status: "ok" });
        break;
      case "shutdown_request":
        await this.status("idle", m);
        return this.shutdown(m, this.controlOut);
      case "kernel_info_request":
        await this.reply(this.controlOut, m, "kernel_info_reply", this.kernelInfo());
        break;
      default:
        process.stderr.write(`linmap kernel: no control handler for ${m.header.msg_type}\n`);
    }
    await this.status("idle", m);
  }

  private async shutdown(m: JupyterMessage, queue: SendQueue): Promise<void> {
    const restart = m.content["restart"] === true;
    await this.reply(queue, m, "shutdown_reply", { status: "ok", restart });
    await this.stop();
  }

  /** Closes every socket and the evaluator; `stopped` resolves afterwards. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // Let the last replies leave before the sockets close.
    await new Promise((r) => setTimeout(r, 20));
    await this.evaluator.close();
    for (const s of [this.shell, this.control, this.stdin, this.iopub, this.heartbeat]) s.close();
    this.resolveStopped();
  }
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

/** IPython's history search pattern: a glob with * and ?, matched against the whole input. */
function globToRegExp(glob: string): RegExp {
  const re = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "s");
}
