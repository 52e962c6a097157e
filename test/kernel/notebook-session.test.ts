// The kernel's face of each view (issue 15): a cell's outputs are the views of
// src/render/views.ts, so `show ptdump RANGE after STEP` clips and dates the map as the CLI
// does, and the model's notes reach the notebook with a run, a comparison and a `show`.
import { describe, expect, it } from "vitest";
import { JupyterSession, type CellOutcome, type CellOutput } from "../../src/kernel/notebook-session.js";
import { runScenarioText } from "../../src/pipeline.js";
import { renderView } from "../../src/cli/commands/run-action.js";

const never = () => false;
const SCENARIO = `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version v7.0; cmdline "rodata=on"; realm; config KFENCE=n }
buffer its_prop at 0x1_8234_0000 size 64K
boot { at init_IRQ: its_alloc_pages_node its_prop }`;

function plain(o: CellOutput): string {
  return "data" in o ? String(o.data["text/plain"] ?? "") : "text" in o ? o.text : "";
}

function html(o: CellOutput): string {
  return "data" in o ? String(o.data["text/html"] ?? "") : "";
}

async function session(): Promise<JupyterSession> {
  const s = new JupyterSession();
  const define = await s.execute(SCENARIO, { id: "c1", fallbackKey: "c1" }, "In[1]", never);
  expect(define.status).toBe("ok");
  return s;
}

function ok(o: CellOutcome): CellOutput[] {
  expect(o.status).toBe("ok");
  return o.outputs;
}

describe("the kernel shows the same views as the CLI", () => {
  it("show ptdump RANGE after STEP is the CLI's clipped map at that step, then the notes", async () => {
    const s = await session();
    const cell = "show ptdump [0x1_8200_0000..0x1_8260_0000) after init_IRQ";
    const outputs = ok(await s.execute(cell, { id: "c2", fallbackKey: "c2" }, "In[2]", never));
    const o = runScenarioText(`${SCENARIO}\n${cell}\n`, "cli.linmap");
    if (o.kind !== "result") throw new Error("no result");
    const show = o.ast.items.find((i) => i.kind === "show")!;
    const cli = renderView("ptdump", o.result, show);
    expect(plain(outputs[0]!)).toBe(cli);
    // Clipped to the range: 6M of the GiB block, not the whole map.
    expect(cli.split("\n")).toEqual([
      "---[ Linear Mapping start ]---",
      "0xffff000102000000-0xffff000102600000           6M PUD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED",
      "---[ Linear Mapping end ]---",
    ]);
    expect(html(outputs[0]!)).toContain("Linear Mapping start");
    // The notes follow what the cell showed, as `linmap run` prints them after its views.
    const notes = outputs.at(-1)!;
    expect(plain(notes).startsWith("notes:\n  - ")).toBe(true);
    expect(plain(notes)).toBe(o.result.notes.length > 0 ? ["notes:", ...o.result.notes.map((n) => `  - ${n}`)].join("\n") : "");
    expect(html(notes)).toContain("<strong>notes</strong>");
  });

  it("a run's output carries the calls, the expectations and the notes, in text and HTML", async () => {
    const s = await session();
    const outputs = ok(await s.execute("expect its_alloc_pages_node its_prop == -EINVAL\nrun", { id: "c2", fallbackKey: "c2" }, "In[2]", never));
    const run = outputs.find((o) => o.kind === "result")!;
    const text = plain(run);
    expect(text.split("\n")[0]).toBe("v7.0 (policy b: a166563e7ec3 … before the fix) · 4K granule, 48-bit VA · 3 WARNs · 2 page-table pages");
    expect(text).toContain("\nexpectations:\n  PASS In[2]:1:1: expect its_alloc_pages_node its_prop == -EINVAL");
    const o = runScenarioText(SCENARIO, "x.linmap");
    if (o.kind !== "result") throw new Error("no result");
    expect(o.result.notes.length).toBeGreaterThan(0);
    for (const n of o.result.notes) expect(text).toContain(`  - ${n}`);
    expect(html(run)).toContain("<strong>notes</strong>");
    // Notes come once: no separate notes output after a run.
    expect(outputs.filter((x) => plain(x).startsWith("notes:"))).toHaveLength(0);
  });

  it("a comparison is the CLI's table, coloured map diffs and each kernel's notes", async () => {
    const s = await session();
    const outputs = ok(await s.execute("compare v6.17, v7.0, v7.1", { id: "c2", fallbackKey: "c2" }, "In[2]", never));
    const cmp = outputs.at(-1)!;
    const text = plain(cmp);
    expect(text.startsWith("compare v6.17, v7.0, v7.1:\n")).toBe(true);
    expect(text).toContain("\nnotes:\n");
    // rodata=on before v6.18 means "not full" there: a note only v6.17 gives, named so.
    expect(text).toMatch(/\n {2}- v6\.17: [^\n]*rodata=on/);
    const page = html(cmp);
    expect(page).toContain("overflow-wrap:anywhere");
    expect(page).toContain("background:#ffebe9");
    expect(page).toContain("<strong>notes</strong>");
  });
});
