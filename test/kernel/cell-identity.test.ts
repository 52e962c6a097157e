// Which earlier cell a cell without an id re-runs: the same source, or exactly the same subjects.
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/lang/index.js";
import { cellSubjects, sameCellAs, type KnownCell } from "../../src/kernel/cell-identity.js";

function known(key: string, text: string): KnownCell {
  return { key, text, subjects: cellSubjects(parseScenario(text, key).ast.items, text) };
}
const subjects = (text: string) => cellSubjects(parseScenario(text, "x").ast.items, text);

describe("cell identity without a cell id", () => {
  const cells = [
    known("In[1]", "machine { memory 0x8000_0000 size 2G }\ncpus { cpu 0..3 neoverse-v3 }"),
    known("In[2]", "buffer b size 64K\nboot { at init_IRQ: set_memory_valid b 0 }\nexpect set_memory_valid b == 0"),
    known("In[3]", "boot { at smp_init: set_memory_decrypted b on cpu 4 }"),
  ];

  it("names what a cell is about", () => {
    expect([...subjects("buffer b size 64K\nboot { at init_IRQ: set_memory_valid b[1..3) 0 }\nexpect pagetables 2 after mem_init\nkernel { realm }")]).toEqual([
      "buffer b",
      "call at init_IRQ: set_memory_valid b[1..3)",
      "expect pagetables",
      "block kernel",
    ]);
    expect(subjects("run\nshow calls").size).toBe(0);
  });

  it("the same source, white space around it aside, is the same cell", () => {
    expect(sameCellAs(cells, "  boot { at smp_init: set_memory_decrypted b on cpu 4 }\n", subjects("boot { at smp_init: set_memory_decrypted b on cpu 4 }"))).toBe("In[3]");
  });

  it("a changed source about exactly the same things is the same cell edited", () => {
    const edited = "buffer b size 128K\nboot { at init_IRQ: set_memory_valid b 1 }\nexpect set_memory_valid b == -EINVAL";
    expect(sameCellAs(cells, edited, subjects(edited))).toBe("In[2]");
    const onOtherCpu = "boot { at smp_init: set_memory_decrypted b on cpu 2 }";
    expect(sameCellAs(cells, onOtherCpu, subjects(onOtherCpu))).toBe("In[3]");
  });

  it("a cell about more or other things is a new cell", () => {
    const more = "buffer b size 64K\nbuffer c size 4K\nboot { at init_IRQ: set_memory_valid b 0 }\nexpect set_memory_valid b == 0";
    expect(sameCellAs(cells, more, subjects(more))).toBeUndefined();
    const elsewhere = "boot { at mem_init: set_memory_decrypted b on cpu 4 }";
    expect(sameCellAs(cells, elsewhere, subjects(elsewhere))).toBeUndefined();
    expect(sameCellAs(cells, "run", subjects("run"))).toBeUndefined();
  });
});
