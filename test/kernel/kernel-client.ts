// Test support: a Jupyter client written against the wire format, to drive the kernel
// process from vitest (signed messages, raw frames, iopub collection).
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

export class KernelClient {
  readonly key = randomUUID();
  proc!: ChildProcess;
  stderr = "";
  private shell = new zmq.Dealer();
  private control = new zmq.Dealer();
  private iopub = new zmq.Subscriber();
  private hb = new zmq.Request();
  private readonly iopubMessages: Msg[] = [];
  private readonly replies = new Map<string, (m: Msg) => void>();
  private ports!: Record<string, number>;

  async start(): Promise<void> {
    const names = ["shell_port", "control_port", "iopub_port", "stdin_port", "hb_port"];
    this.ports = {};
    for (const n of names) this.ports[n] = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "linmap-kc-"));
    const file = join(dir, "connection.json");
    writeFileSync(file, JSON.stringify({ ...this.ports, ip: "127.0.0.1", transport: "tcp", key: this.key, signature_scheme: "hmac-sha256" }));
    this.proc = spawn(process.execPath, [join(root, "dist", "src", "kernel", "kernel-process.js"), file], { stdio: ["ignore", "ignore", "pipe"] });
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
    await this.request("control", "shutdown_request", { restart: false }, { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 100));
    this.proc.kill();
    for (const s of [this.shell, this.control, this.iopub, this.hb]) s.close();
  }
}
