// A front end connects its sockets and asks kernel_info at once, before its iopub
// subscription has reached the kernel. The kernel holds iopub until a first subscriber (or a
// second passes), so the busy and idle around that first reply reach it instead of nobody;
// jupyter_client's wait_for_ready otherwise waits 200 ms and asks again (start-up, issue 11).
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KernelClient } from "./kernel-client.js";

describe("the evaluator thread's modules", () => {
  it("come from their bundle, which the build made from the current modules", () => {
    const kernel = join(import.meta.dirname, "..", "..", "dist", "src", "kernel");
    expect(statSync(join(kernel, "evaluator-bundle", "evaluator-session.js")).mtimeMs).toBeGreaterThanOrEqual(statSync(join(kernel, "evaluator-session.js")).mtimeMs);
  });
});

describe("the first request of a front end that has just connected", () => {
  const k = new KernelClient();
  afterAll(async () => k.stop());

  it("gets its busy and idle on iopub, the same messages in the same order", async () => {
    await k.start({ noHandshake: true });
    const reply = await k.request("shell", "kernel_info_request", {}, { timeout: 20_000 });
    expect(reply?.header.msg_type).toBe("kernel_info_reply");
    const mine = await k.iopubFor(reply!.parent_header.msg_id!, 5000);
    expect(mine.map((m) => [m.header.msg_type, m.content["execution_state"]])).toEqual([["status", "busy"], ["status", "idle"]]);
    // The kernel's "starting" comes first, held like the rest.
    expect(k.iopubLog()[0]?.content).toEqual({ execution_state: "starting" });
  }, 30_000);
});
