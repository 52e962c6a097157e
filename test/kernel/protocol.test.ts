// The kernel process driven over its sockets: signatures, malformed input, ordering of iopub
// messages, counts, stop_on_error, interrupt latency, heartbeat during a long run, memory
// over many executes, the notebook session's replace-on-rerun rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, KernelClient } from "./kernel-client.js";

/** A cell that keeps the evaluator busy for seconds: 60,000 calls to parse, check and simulate. */
function longCell(): string {
  const lines = ["machine { granule 4K; memory 0x8000_0000 size 64G }", "boot { after userspace {"];
  for (let i = 0; i < 60_000; i++) lines.push(`  set_memory_valid 0x${(0x8000_0000 + (i % 1000) * 0x20_0000).toString(16)} size 4K ${i % 2}`);
  lines.push("} }", "run");
  return lines.join("\n");
}

describe("the linmap kernel over ZeroMQ", () => {
  const k = new KernelClient();
  beforeAll(async () => k.start(), 20_000);
  afterAll(async () => k.stop());

  it("answers kernel_info with status and language_info", async () => {
    const r = await k.request("shell", "kernel_info_request", {});
    expect(r?.content).toMatchObject({ status: "ok", protocol_version: "5.3", implementation: "linmap", language_info: { name: "linmap", file_extension: ".linmap" } });
  });

  it("executes with busy, execute_input, outputs, reply, idle in that order", async () => {
    const r = await k.execute('print "hello"');
    expect(r?.content).toMatchObject({ status: "ok", execution_count: 1 });
    const io = await k.iopubFor(r!.parent_header.msg_id!);
    expect(io.map((m) => m.header.msg_type)).toEqual(["status", "execute_input", "stream", "status"]);
    expect(io[1]!.content).toEqual({ code: 'print "hello"', execution_count: 1 });
    expect(io[2]!.content).toEqual({ name: "stdout", text: "hello\n" });
  });

  it("silent executes neither count nor publish outputs", async () => {
    const r = await k.execute('print "quiet"', { silent: true, store_history: false });
    expect(r?.content).toMatchObject({ status: "ok", execution_count: 1 });
    const io = await k.iopubFor(r!.parent_header.msg_id!);
    expect(io.map((m) => m.header.msg_type)).toEqual(["status", "status"]);
  });

  it("drops a message with a wrong or missing signature and keeps working", async () => {
    expect(await k.request("shell", "execute_request", { code: 'print "x"' }, { signature: "0".repeat(64), timeout: 400 })).toBeUndefined();
    expect(await k.request("shell", "execute_request", { code: 'print "x"' }, { signature: "", timeout: 400 })).toBeUndefined();
    // stderr is a pipe: its text may arrive after the replies that followed it.
    expect(await eventually(() => k.stderr.includes("linmap kernel: dropped a shell message: bad signature"))).toBe(true);
    expect((await k.request("shell", "kernel_info_request", {}))?.content["status"]).toBe("ok");
  });

  it("survives malformed frames and JSON", async () => {
    await k.sendRaw("shell", ["garbage"]);
    await k.sendRaw("shell", ["<IDS|MSG>", "sig"]);
    const bad = ["{not json", "{}", "{}", "{}"];
    await k.sendRaw("shell", ["<IDS|MSG>", k.sign(bad), ...bad]);
    await k.sendRaw("control", [Buffer.from([0xff, 0xfe])]);
    expect((await k.request("shell", "kernel_info_request", {}))?.content["status"]).toBe("ok");
    expect(await eventually(() => k.stderr.includes("no <IDS|MSG> delimiter") && k.stderr.includes("header is not valid JSON"))).toBe(true);
  });

  it("reports a diagnostic as an error with the caret excerpt in the traceback", async () => {
    const r = await k.execute("boot { at init_irq: memfd_secret }");
    expect(r?.content).toMatchObject({ status: "error", ename: "STEP-UNKNOWN", evalue: "unknown boot step 'init_irq'; did you mean 'init_IRQ'?" });
    const tb = (r!.content["traceback"] as string[]).join("\n");
    expect(tb).toContain("In[2]:1:11: error STEP-UNKNOWN");
    expect(tb).toContain("> 1 | boot { at init_irq: memfd_secret }");
    const io = await k.iopubFor(r!.parent_header.msg_id!);
    expect(io.filter((m) => m.header.msg_type === "error")).toHaveLength(1);
  });

  it("aborts the executes queued behind an error (stop_on_error)", async () => {
    // The failing cell takes a moment (a long boot block), so the next two are surely queued.
    const first = k.execute(`${longCell().split("\n").slice(0, 8000).join("\n")}\n} }\nboot { at nowhere: memfd_secret }`);
    const second = k.execute('print "never"');
    const third = k.execute('print "never either"');
    expect((await first)?.content["status"]).toBe("error");
    expect((await second)?.content["status"]).toBe("aborted");
    expect((await third)?.content["status"]).toBe("aborted");
    expect((await k.execute('print "after"'))?.content["status"]).toBe("ok");
  });

  it("re-running a cell replaces its definitions instead of duplicating them", async () => {
    const meta = { cellId: "buffers" };
    expect((await k.request("shell", "execute_request", { code: "buffer b size 64K" }, { metadata: meta }))?.content["status"]).toBe("ok");
    expect((await k.request("shell", "execute_request", { code: "buffer b size 128K" }, { metadata: meta }))?.content["status"]).toBe("ok");
    // A different cell redefining the name replaces it too.
    expect((await k.execute("buffer b size 16K"))?.content["status"]).toBe("ok");
    const r = await k.execute("boot { at init_IRQ: set_memory_valid b[3] 0 }\nshow calls");
    expect(r?.content["status"]).toBe("ok");
  });

  it("shows a comparison's progress in one display and updates it with the table", async () => {
    await k.execute('machine { granule 4K; memory 0x8000_0000 size 2G }\ncpus { cpu 0..3 neoverse-v3 }\nkernel { realm }\nbuffer its at 0x9000_0000 size 64K\nboot { at init_IRQ: its_alloc_pages_node its }');
    const r = await k.execute("compare v7.0, v7.1");
    const io = (await k.iopubFor(r!.parent_header.msg_id!)).filter((m) => m.header.msg_type.includes("display"));
    expect(io.map((m) => m.header.msg_type)).toEqual(["display_data", "update_display_data", "update_display_data"]);
    const ids = new Set(io.map((m) => (m.content["transient"] as { display_id: string }).display_id));
    expect(ids.size).toBe(1);
    expect((io[0]!.content["data"] as Record<string, string>)["text/plain"]).toBe("comparing v7.0, v7.1: 0 of 2 simulated");
    expect((io[2]!.content["data"] as Record<string, string>)["text/plain"]).toContain("its_alloc_pages_node its");
  });

  it("completes and inspects with Jupyter's code-point cursor", async () => {
    const c = await k.request("shell", "complete_request", { code: "boot { at init_I", cursor_pos: 16 });
    expect(c?.content).toMatchObject({ status: "ok", matches: ["init_IRQ"], cursor_start: 10, cursor_end: 16 });
    const i = await k.request("shell", "inspect_request", { code: "set_memory_decrypted", cursor_pos: 3, detail_level: 0 });
    expect(i?.content["found"]).toBe(true);
    expect(String((i?.content["data"] as Record<string, string>)["text/plain"])).toContain("int set_memory_decrypted(unsigned long addr, int numpages)");
  });

  it("interrupts a long run within 200 ms, answers heartbeats meanwhile, and keeps the session", async () => {
    const pending = k.execute(longCell(), {}, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await k.ping()).toBeLessThan(100);
    const t0 = performance.now();
    const ir = await k.request("control", "interrupt_request", {});
    const reply = await pending;
    const ms = performance.now() - t0;
    expect(ir?.content["status"]).toBe("ok");
    expect(reply?.content).toMatchObject({ status: "error", ename: "Interrupted" });
    expect(ms).toBeLessThan(200);
    // Definitions made before the interrupted cell are still there.
    const after = await k.execute("boot { at init_IRQ: set_memory_valid b 0 }");
    expect(after?.content).toMatchObject({ status: "ok" });
  }, 60_000);

  it("runs 1,000 executes without growing", async () => {
    for (let i = 0; i < 100; i++) await k.execute(`print "warm ${i}"`);
    const before = k.rssKb();
    for (let i = 0; i < 1000; i++) await k.execute(`print "row ${i}"`);
    const growthMb = (k.rssKb() - before) / 1024;
    expect(growthMb).toBeLessThan(25);
  }, 120_000);
});
