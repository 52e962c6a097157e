// The real-dump features in a notebook session: a loaded dump is shown after `show ptdump`
// and drawn as a strip by `chart map`; a failed `expect ptdump matches` fails the `run` cell.
// Relative files are read from the session's directory (the notebook's).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JupyterSession, type CellOutput } from "../../src/kernel/notebook-session.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "realdata");

function texts(outputs: readonly CellOutput[]): string[] {
  return outputs.flatMap((o) => ("data" in o ? [String(o.data["text/plain"] ?? "")] : "text" in o ? [o.text] : []));
}

describe("notebook cells", () => {
  it("show ptdump prints the loaded dump's report; chart map draws its strip; run fails on a failed match", async () => {
    const s = new JupyterSession();
    s.baseDir = fixtures;
    const never = () => false;
    const define = await s.execute('machine { granule 4K; memory 0x4000_0000 size 1G }\ncpus { cpu 0..1 }\nkernel { version v6.18; config KFENCE=n }\nload ptdump "03_ptdump_qemu_1g_rodata_full_kpti.txt" as qemu', "c1", "In[1]", never);
    expect(define.status).toBe("ok");
    const show = await s.execute("show ptdump", "c2", "In[2]", never);
    expect(show.status).toBe("ok");
    const shown = texts(show.outputs);
    expect(shown[0]!.startsWith("---[ Linear Mapping start ]---")).toBe(true);
    expect(shown[1]!.split("\n").slice(0, 2)).toEqual([
      "ptdump qemu (03_ptdump_qemu_1g_rodata_full_kpti.txt) against the simulation:",
      "real:      qemu (03_ptdump_qemu_1g_rodata_full_kpti.txt) · 4K pages, 48-bit VA · 8 lines · linear map from 0xffff000000000000",
    ]);
    const chart = await s.execute("chart map", "c3", "In[3]", never);
    const spec = chart.outputs.map((o) => ("data" in o ? o.data["application/vnd.vegalite.v5+json"] : undefined)).find((x) => x) as { data: { values: { bank: string }[] } };
    expect([...new Set(spec.data.values.map((v) => v.bank))]).toEqual(["qemu (real) · [0x40000000..0x80000000)", "simulated · [0x40000000..0x80000000)"]);
    const run = await s.execute('expect ptdump matches "03_ptdump_qemu_1g_rodata_full_kpti.txt"\nrun', "c4", "In[4]", never);
    expect(run.status === "error" && [run.ename, run.traceback[0]!.startsWith('In[4]:1:1: expect ptdump matches "03_ptdump_qemu_1g_rodata_full_kpti.txt" (differs from')]).toEqual(["ExpectationFailed", true]);
  });
});
