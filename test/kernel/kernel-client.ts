// Test support: a Jupyter client written against the wire format, to drive the kernel
// process from vitest (signed messages, raw frames, iopub collection). The kernel runs with
// LINMAP_KERNEL_STRICT=1, so an unhandled promise rejection in it is fatal (exit code 70).
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";

const root = join(import.meta.dirname, "..", "..");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Msg {
  header: { msg_id: string; msg_type: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
}

export interface StartOptions {
  /** Extra environment for the kernel. */
  readonly env?: Record<string, string>;
  /**
   * Start the kernel from an intermediate parent process that puts its own pid in
   * JPY_PARENT_PID, as jupyter_client does; `proc` is then that parent, `kernelPid` the kernel.
   */
  readonly viaParent?: boolean;
  /** Return once the sockets are connected, without the kernel_info handshake below. */
  readonly noHandshake?: boolean;
}

/** True while `pid` runs (a zombie, dead but not yet reaped, counts as gone). */
export function processRuns(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Polls `condition` every 20 ms until it holds or `timeout` ms pass; returns whether it held. */
export async function eventually(condition: () => boolean, timeout = 10_000): Promise<boolean> {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

export class KernelClient {
  readonly key = randomUUID();
  proc!: ChildProcess;
  kernelPid = 0;
  stderr = "";
  /** The kernel process's exit code (or signal name) once it has ended. */
  exit: number | string | undefined;
  private shell = new zmq.Dealer();
  private control = new zmq.Dealer();
  private iopub = new zmq.Subscriber();
  private hb = new zmq.Request();
  private readonly iopubMessages: Msg[] = [];
  private readonly replies = new Map<string, (m: Msg) => void>();
  private ports!: Record<string, number>;

  async start(opts: StartOptions = {}): Promise<void> {
    const names = ["shell_port", "control_port", "iopub_port", "stdin_port", "hb_port"];
    this.ports = {};
    for (const n of names) this.ports[n] = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "linmap-kc-"));
    const file = join(dir, "connection.json");
    writeFileSync(file, JSON.stringify({ ...this.ports, ip: "127.0.0.1", transport: "tcp", key: this.key, signature_scheme: "hmac-sha256" }));
    const kernel = [join(root, "dist", "src", "kernel", "kernel-process.js"), file];
    const env = { ...process.env, LINMAP_KERNEL_STRICT: "1", ...opts.env };
    if (opts.viaParent) {
      const parent = `const c = require("node:child_process").spawn(process.execPath, ${JSON.stringify(kernel)}, { env: { ...process.env, JPY_PARENT_PID: String(process.pid) }, stdio: ["ignore", "ignore", "inherit"] }); console.log(c.pid); setInterval(() => undefined, 1000);`;
      this.proc = spawn(process.execPath, ["-e", parent], { env, stdio: ["ignore", "pipe", "pipe"] });
      this.kernelPid = await new Promise<number>((resolve) => this.proc.stdout!.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
    } else {
      this.proc = spawn(process.execPath, kernel, { env, stdio: ["ignore", "ignore", "pipe"] });
      this.kernelPid = this.proc.pid!;
      this.proc.on("exit", (code, signal) => (this.exit = code ?? signal ?? undefined));
    }
    this.proc.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    const url = (p: string) => `tcp://127.0.0.1:${this.ports[p]}`;
    this.shell.connect(url("shell_port"));
    this.control.connect(url("control_port"));
    this.iopub.connect(url("iopub_port"));
    this.iopub.subscribe();
    this.hb.connect(url("hb_port"));
    void this.pump(this.shell);
    void this.pump(this.control);
    void this.pumpIopub();
    if (opts.noHandshake) return;
    // Wait until the kernel answers and its iopub messages reach us (the subscription takes
    // a moment to propagate), as jupyter_client's wait_for_ready does.
    for (let i = 0; i < 100; i++) {
      const r = await this.request("shell", "kernel_info_request", {}, { timeout: 200 });
      if (r && (await this.iopubFor(r.parent_header.msg_id!, 200)).length > 0) break;
    }
  }

  private async pump(sock: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of sock) {
        const m = this.decode(frames as Buffer[]);
        const cb = m && this.replies.get(m.parent_header.msg_id ?? "");
        if (m && cb) cb(m);
      }
    } catch {
      // closed
    }
  }

  private async pumpIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const m = this.decode(frames as Buffer[]);
        if (m) this.iopubMessages.push(m);
      }
    } catch {
      // closed
    }
  }

  private decode(frames: Buffer[]): Msg | undefined {
    const i = frames.findIndex((f) => f.toString() === "<IDS|MSG>");
    if (i < 0) return undefined;
    const [, header, parent, , content] = frames.slice(i + 1, i + 6).map((f) => f.toString());
    return { header: JSON.parse(header!), parent_header: JSON.parse(parent!), content: JSON.parse(content!) };
  }

  sign(parts: string[], key = this.key): string {
    const h = createHmac("sha256", key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  /** Frames of a request; `signature` overrides the computed one. */
  frames(msgType: string, content: Record<string, unknown>, opts: { signature?: string; metadata?: Record<string, unknown> } = {}): { id: string; frames: string[] } {
    const id = randomUUID();
    const header = JSON.stringify({ msg_id: id, session: "test", username: "test", date: new Date().toISOString(), msg_type: msgType, version: "5.3" });
    const parts = [header, "{}", JSON.stringify(opts.metadata ?? {}), JSON.stringify(content)];
    return { id, frames: ["<IDS|MSG>", opts.signature ?? this.sign(parts), ...parts] };
  }

  async sendRaw(channel: "shell" | "control", frames: (string | Buffer)[]): Promise<void> {
    await (channel === "shell" ? this.shell : this.control).send(frames);
  }

  /** Sends prepared frames (from `frames`) and resolves with the reply to them, or undefined after `timeout` ms. */
  async sendFrames(channel: "shell" | "control", msg: { id: string; frames: string[] }, timeout = 10_000): Promise<Msg | undefined> {
    const reply = new Promise<Msg | undefined>((resolve) => {
      this.replies.set(msg.id, resolve);
      setTimeout(() => resolve(undefined), timeout);
    });
    await this.sendRaw(channel, msg.frames);
    return reply;
  }

  /** Every iopub message received so far, in order. */
  iopubLog(): readonly Msg[] {
    return this.iopubMessages;
  }

  /** Sends frames to the heartbeat port from a fresh DEALER, as a stray peer would. */
  async heartbeatStray(frames: (string | Buffer)[]): Promise<void> {
    const d = new zmq.Dealer();
    d.connect(`tcp://127.0.0.1:${this.ports["hb_port"]}`);
    await d.send(frames);
    await new Promise((r) => setTimeout(r, 100));
    d.close();
  }

  /** One heartbeat round trip from a fresh REQ socket; false if no echo within `timeout` ms. */
  async heartbeatEchoes(timeout = 3000): Promise<boolean> {
    const r = new zmq.Request({ receiveTimeout: timeout });
    r.connect(`tcp://127.0.0.1:${this.ports["hb_port"]}`);
    try {
      await r.send("ping");
      const [echo] = await r.receive();
      return echo?.toString() === "ping";
    } catch {
      return false;
    } finally {
      r.close();
    }
  }

  /** Sends a request and resolves with its reply (or undefined after `timeout` ms). */
  async request(channel: "shell" | "control", msgType: string, content: Record<string, unknown>, opts: { signature?: string; metadata?: Record<string, unknown>; timeout?: number } = {}): Promise<Msg | undefined> {
    const { id, frames } = this.frames(msgType, content, opts);
    const reply = new Promise<Msg | undefined>((resolve) => {
      this.replies.set(id, resolve);
      setTimeout(() => resolve(undefined), opts.timeout ?? 10_000);
    });
    await this.sendRaw(channel, frames);
    return reply;
  }

  execute(code: string, extra: Record<string, unknown> = {}, timeout = 30_000): Promise<Msg | undefined> {
    return this.request("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true, ...extra }, { timeout });
  }

  /** iopub messages whose parent is `id`, once its idle status has arrived. */
  async iopubFor(id: string, timeout = 5000): Promise<Msg[]> {
    const end = Date.now() + timeout;
    for (;;) {
      const mine = this.iopubMessages.filter((m) => m.parent_header.msg_id === id);
      if (mine.some((m) => m.header.msg_type === "status" && m.content["execution_state"] === "idle") || Date.now() > end) return mine;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async ping(): Promise<number> {
    const t0 = performance.now();
    await this.hb.send("ping");
    await this.hb.receive();
    return performance.now() - t0;
  }

  rssKb(): number {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }

  async stop(): Promise<void> {
    if (processRuns(this.kernelPid)) await this.request("control", "shutdown_request", { restart: false }, { timeout: 2000 });
    await eventually(() => !processRuns(this.kernelPid), 2000);
    this.proc.kill();
    if (processRuns(this.kernelPid)) process.kill(this.kernelPid, "SIGKILL");
    for (const s of [this.shell, this.control, this.iopub, this.hb]) s.close();
  }
}
