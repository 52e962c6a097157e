// The kernel against its own failures and hostile peers, driven over ZeroMQ: interrupts in
// any number, a dead evaluator thread, stray heartbeat frames, replayed messages, the end of
// the launching front end, and the protocol's smaller promises (magic lines, history search,
// aborts, shutdown). The kernel runs with LINMAP_KERNEL_STRICT=1: an unhandled rejection
// ends it with code 70, which every test below would see as a dead kernel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, KernelClient, processRuns } from "./kernel-client.js";

/** A cell that keeps the evaluator busy for seconds: `n` calls to parse, check and simulate. */
function longCell(n = 60_000): string {
  const lines = ["boot { after userspace {"];
  for (let i = 0; i < n; i++) lines.push(`  set_memory_valid 0x${(0x8000_0000 + (i % 1000) * 0x20_0000).toString(16)} size 4K ${i % 2}`);
  lines.push("} }", "run");
  return lines.join("\n");
}

const SCENARIO = [
  "machine { granule 4K; memory 0x8000_0000 size 64G }",
  "cpus { cpu 0..3 neoverse-v3 }",
  "buffer b at 0x9000_0000 size 64K",
].join("\n");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("interrupts, any number at any time", () => {
  const k = new KernelClient();
  beforeAll(async () => {
    await k.start();
    expect((await k.execute(SCENARIO))?.content["status"]).toBe("ok");
  }, 30_000);
  afterAll(async () => k.stop());

  /** The session still knows `b` and the machine: a cell using them runs. */
  async function sessionIntact(): Promise<void> {
    const r = await k.execute("boot { at init_IRQ: set_memory_valid b 0 }\nrun", {}, 30_000);
    expect(r?.content["status"]).toBe("ok");
    expect(k.exit).toBeUndefined();
  }

  for (const gap of [100, 250, 500]) {
    it(`two interrupts ${gap} ms apart during a run leave a live kernel and the session`, async () => {
      const run = k.execute(longCell(), {}, 60_000);
      await sleep(300);
      const first = await k.request("control", "interrupt_request", {});
      await sleep(gap);
      const second = await k.request("control", "interrupt_request", {});
      expect(first?.content).toEqual({ status: "ok" });
      expect(second?.content).toEqual({ status: "ok" });
      expect((await run)?.content).toMatchObject({ status: "error", ename: "Interrupted", evalue: "the run was interrupted" });
      await sessionIntact();
    }, 60_000);
  }

  it("a burst of interrupts, while running and while idle, changes nothing but the run", async () => {
    const run = k.execute(longCell(), {}, 60_000);
    await sleep(300);
    const replies = await Promise.all(Array.from({ length: 6 }, () => k.request("control", "interrupt_request", {})));
    expect(replies.map((r) => r?.content["status"])).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
    expect((await run)?.content["status"]).toBe("error");
    for (let i = 0; i < 3; i++) expect((await k.request("control", "interrupt_request", {}))?.content["status"]).toBe("ok");
    await sessionIntact();
    expect(k.stderr).not.toContain("unhandled rejection");
  }, 60_000);

  it("an interrupt right after one that restarted the evaluator, with the next cell queued, loses nothing", async () => {
    const run = k.execute(longCell(), {}, 60_000);
    await sleep(300);
    const next = k.execute("boot { at init_IRQ: set_memory_valid b 1 }\nrun", {}, 30_000);
    await k.request("control", "interrupt_request", {});
    await k.request("control", "interrupt_request", {});
    expect((await run)?.content["status"]).toBe("error");
    // Aborted (stop_on_error) or interrupted: either way an answer, and the session holds.
    expect(["aborted", "error"]).toContain((await next)?.content["status"]);
    await sessionIntact();
  }, 60_000);
});

describe("a dead evaluator thread", () => {
  const k = new KernelClient();
  // A small heap, so that one large cell exhausts it; the kernel process stays well below its own.
  beforeAll(async () => k.start({ env: { LINMAP_EVALUATOR_MAX_HEAP_MB: "64" } }), 30_000);
  afterAll(async () => k.stop());

  it("fails the running cell naming the cause, restarts, restores the session, and later requests answer", async () => {
    expect((await k.execute(SCENARIO))?.content["status"]).toBe("ok");
    const r = await k.execute(longCell(200_000), {}, 60_000);
    expect(r?.content).toMatchObject({
      status: "error",
      execution_count: 2,
      ename: "EvaluatorDied",
      evalue: "the evaluator ran out of memory; a new evaluator holds the notebook's definitions (this cell's run is lost)",
    });
    const after = await k.execute("boot { at init_IRQ: set_memory_valid b 0 }\nrun", {}, 30_000);
    expect(after?.content).toMatchObject({ status: "ok", execution_count: 3 });
    const c = await k.request("shell", "complete_request", { code: "boot { at init_IRQ: set_memory_valid ", cursor_pos: 37 });
    expect(c?.content["status"]).toBe("ok");
    expect(c?.content["matches"]).toContain("b");
    expect(k.exit).toBeUndefined();
  }, 90_000);
});

describe("the heartbeat", () => {
  const k = new KernelClient();
  beforeAll(async () => k.start(), 30_000);
  afterAll(async () => k.stop());

  it("keeps echoing after stray frames from peers that are not REQ sockets", async () => {
    expect(await k.heartbeatEchoes()).toBe(true);
    await k.heartbeatStray(["stray"]);
    await k.heartbeatStray(["", "two", "frames"]);
    await k.heartbeatStray([Buffer.from([0xff, 0x00, 0xfe])]);
    expect(await k.heartbeatEchoes()).toBe(true);
    expect(await k.ping()).toBeGreaterThanOrEqual(0);
  });
});

describe("replayed messages", () => {
  const k = new KernelClient();
  beforeAll(async () => k.start(), 30_000);
  afterAll(async () => k.stop());

  it("runs a signed message once and drops its replay", async () => {
    const msg = k.frames("execute_request", { code: 'print "once"', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const first = await k.sendFrames("shell", msg);
    expect(first?.content).toMatchObject({ status: "ok", execution_count: 1 });
    expect(await k.sendFrames("shell", msg, 1000)).toBeUndefined();
    // stderr is a pipe: its text may arrive after the replies that followed it.
    expect(await eventually(() => k.stderr.includes("linmap kernel: dropped a shell message: duplicate signature (a replayed message)"))).toBe(true);
    // The replay ran nothing: the next cell is number 2.
    expect((await k.execute('print "next"'))?.content["execution_count"]).toBe(2);
  });
});

describe("the end of the launching front end", () => {
  it("exits when the process named by JPY_PARENT_PID is killed", async () => {
    const k = new KernelClient();
    await k.start({ viaParent: true });
    try {
      expect((await k.request("shell", "kernel_info_request", {}))?.content["status"]).toBe("ok");
      k.proc.kill("SIGKILL");
      expect(await eventually(() => !processRuns(k.kernelPid), 15_000)).toBe(true);
    } finally {
      if (processRuns(k.kernelPid)) process.kill(k.kernelPid, "SIGKILL");
    }
  }, 30_000);
});

describe("protocol details", () => {
  const k = new KernelClient();
  beforeAll(async () => k.start(), 30_000);
  afterAll(async () => k.stop());

  it("runs the other lines of a cell that starts with a magic", async () => {
    expect((await k.execute(`${SCENARIO}\nkernel { version v7.0 }`))?.content["status"]).toBe("ok");
    const r = await k.execute("%policy v7.1\nrun");
    expect(r?.content["status"]).toBe("ok");
    const io = await k.iopubFor(r!.parent_header.msg_id!);
    const kinds = io.map((m) => m.header.msg_type).filter((t) => t !== "status");
    expect(kinds).toEqual(["execute_input", "display_data", "execute_result"]);
    expect((io.find((m) => m.header.msg_type === "display_data")!.content["data"] as Record<string, string>)["text/plain"]).toBe("v7.1");
    expect(String((io.find((m) => m.header.msg_type === "execute_result")!.content["data"] as Record<string, string>)["text/plain"])).toMatch(/^v7\.1 \(policy /);
  });

  it("reports a diagnostic after a magic line at the cell's own line number", async () => {
    const r = await k.execute("%policy v7.1\nboot { at init_irq: memfd_secret }");
    expect(r?.content).toMatchObject({ status: "error", ename: "STEP-UNKNOWN" });
    expect((r!.content["traceback"] as string[]).join("\n")).toMatch(/In\[\d+\]:2:11: error STEP-UNKNOWN/);
  });

  it("aborts the cells queued behind an error without giving them an execution count", async () => {
    const first = k.execute(`${longCell(8000)}\nboot { at nowhere: memfd_secret }`);
    const second = k.execute('print "never"');
    expect((await first)?.content["status"]).toBe("error");
    const aborted = await second;
    expect(aborted?.content).toEqual({ status: "aborted" });
    const io = await k.iopubFor(aborted!.parent_header.msg_id!);
    expect(io.map((m) => m.header.msg_type)).toEqual(["status", "status"]);
  }, 30_000);

  it("answers a non-string code with an error instead of running it", async () => {
    const before = (await k.execute('print "count"'))!.content["execution_count"] as number;
    const r = await k.request("shell", "execute_request", { code: 42, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
    expect(r?.content).toEqual({ status: "error", execution_count: before, ename: "InvalidRequest", evalue: "code must be a string, not number", traceback: ["code must be a string, not number"] });
    const io = await k.iopubFor(r!.parent_header.msg_id!);
    expect(io.map((m) => m.header.msg_type)).toEqual(["status", "error", "status"]);
    const c = await k.request("shell", "complete_request", { code: { toString: 1 }, cursor_pos: 1 });
    expect(c?.content).toMatchObject({ status: "error", ename: "InvalidRequest", evalue: "code must be a string, not object" });
    expect((await k.execute('print "after"'))?.content["execution_count"]).toBe(before + 1);
  });

  // Last in this kernel's tests: on a kernel whose search backtracks, the protocol thread never returns.
  it("searches a long history with a pathological glob without stalling the control channel", async () => {
    const long = `print "${"a".repeat(4000)}"`;
    for (let i = 0; i < 20; i++) await k.execute(long);
    const search = k.request("shell", "history_request", { hist_access_type: "search", pattern: `${"*a".repeat(12)}*b`, output: false, raw: true, unique: false }, { timeout: 20_000 });
    // Control is answered while (or after) the search runs: it is not stuck in a backtracking regex.
    const info = await k.request("control", "kernel_info_request", {}, { timeout: 5000 });
    expect(info?.content["status"]).toBe("ok");
    expect((await search)?.content).toEqual({ status: "ok", history: [] });
    const found = await k.request("shell", "history_request", { hist_access_type: "search", pattern: 'print "a*a"', output: false, raw: true, unique: true });
    expect(found?.content["history"]).toHaveLength(1);
  }, 60_000);
});

describe("shutdown", () => {
  it("on control, with an interrupt sent with it: both answered, shutdown_reply on iopub, exit 0, nothing logged", async () => {
    const k = new KernelClient();
    await k.start();
    expect((await k.execute(SCENARIO))?.content["status"]).toBe("ok");
    const run = k.execute(longCell(), {}, 30_000);
    await sleep(300);
    // What jupyter_client's shutdown_kernel sends: an interrupt, then the shutdown request.
    const interrupt = k.request("control", "interrupt_request", {}, { timeout: 5000 });
    const shutdown = k.request("control", "shutdown_request", { restart: false }, { timeout: 5000 });
    expect((await interrupt)?.content).toEqual({ status: "ok" });
    const reply = await shutdown;
    expect(reply?.content).toEqual({ status: "ok", restart: false });
    expect((await run)?.content["status"]).toBe("error");
    const io = await k.iopubFor(reply!.parent_header.msg_id!);
    expect(io.map((m) => m.header.msg_type)).toEqual(["status", "shutdown_reply", "status"]);
    expect(io[1]!.content).toEqual({ status: "ok", restart: false });
    // The exit event, not just the process's disappearance: the code comes with the event.
    expect(await eventually(() => k.exit !== undefined, 10_000)).toBe(true);
    expect(k.exit).toBe(0);
    expect(k.stderr).toBe("");
    await k.stop();
  }, 60_000);

  it("on control, with an interrupt sent just after it: both answered, exit 0, nothing logged", async () => {
    const k = new KernelClient();
    await k.start();
    // 15 s, not 5: once in a full suite run (two vitest forks, other kernels starting) the
    // reply took longer than 5 s; a kernel that never answers still fails here.
    const shutdown = k.request("control", "shutdown_request", { restart: false }, { timeout: 15_000 });
    const interrupt = k.request("control", "interrupt_request", {}, { timeout: 15_000 });
    expect((await shutdown)?.content).toEqual({ status: "ok", restart: false });
    expect((await interrupt)?.content).toEqual({ status: "ok" });
    expect(await eventually(() => k.exit !== undefined, 10_000)).toBe(true);
    expect(k.exit).toBe(0);
    expect(k.stderr).toBe("");
    await k.stop();
  }, 45_000);

  it("on shell: the reply, shutdown_reply on iopub, then idle, then exit 0", async () => {
    const k = new KernelClient();
    await k.start();
    const reply = await k.request("shell", "shutdown_request", { restart: true });
    expect(reply?.content).toEqual({ status: "ok", restart: true });
    const io = await k.iopubFor(reply!.parent_header.msg_id!);
    expect(io.map((m) => [m.header.msg_type, m.content["execution_state"]])).toEqual([
      ["status", "busy"],
      ["shutdown_reply", undefined],
      ["status", "idle"],
    ]);
    // The exit event, not just the process's disappearance: the code comes with the event.
    expect(await eventually(() => k.exit !== undefined, 10_000)).toBe(true);
    expect(k.exit).toBe(0);
    expect(k.stderr).toBe("");
    await k.stop();
  }, 30_000);
});
