// The evaluator thread's warm-up at launch (start-up, issue 11). A notebook's first cell is
// nearly always a scenario and `run`, and the first one in a process is slow for reasons
// that have nothing to do with the cell: the lazily built parts of the parser, code not yet
// compiled by V8, the renderers' first use. The thread started at launch runs one such cell
// in a session of its own, thrown away, while the front end waits for the kernel to be
// ready (jupyter_client's wait_for_ready, a notebook opening), so the user's first cell
// finds that work done. Nothing of it is visible: no output leaves the thread, and the
// kernel's session is another object.
import { JupyterSession } from "./notebook-session.js";

/** A first cell as notebooks have them: a machine, CPUs, a kernel, a buffer, a boot call, run. */
export const WARM_UP_CELL = [
  "machine {",
  "  granule 4K",
  "  memory 0x8000_0000 size 2G",
  "  memory 0x1_0000_0000 size 4G",
  "}",
  "cpus { cpu 0..3 neoverse-v3 }",
  'kernel { version v7.1; cmdline "rodata=on"; realm }',
  "buffer warm at 0x1_8000_0000 size 64K",
  "boot { at init_IRQ: set_memory_decrypted warm }",
  "expect set_memory_decrypted warm == 0",
  "run",
].join("\n");

export async function warmUp(): Promise<void> {
  const outcome = await new JupyterSession().execute(WARM_UP_CELL, { fallbackKey: "warm-up" }, "<warm-up>", () => false);
  // A warm-up that fails warms less, and harms nothing; the kernel goes on either way.
  void outcome;
}
