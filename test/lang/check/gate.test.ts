// The checker is the only gate: what compile and simulate used to refuse (or crash on) is a
// diagnostic with a code and a position, for the kernel the scenario runs under.
import { describe, expect, it } from "vitest";
import { analyzeScenario, checkScenario, msg, parseScenario } from "../../../src/lang/index.js";
import { runScenarioText, runSweep } from "../../../src/index.js";
import type { SweepItem } from "../../../src/lang/index.js";

function diags(text: string, version?: string) {
  const { ast, diagnostics } = parseScenario(text, "t.linmap");
  expect(diagnostics).toEqual([]);
  return checkScenario(ast, version ? { version } : {}).map((d) => [d.severity, d.code, d.range.start.line, d.range.start.column, d.message]);
}

describe("CPUs", () => {
  it("an empty cpus block has no boot CPU", () => {
    expect(diags("cpus { }")).toEqual([["error", "CPU-NO-BOOT", 1, 1, msg.cpusEmpty().message]]);
  });

  it("every id of an online range is checked against the default CPUs", () => {
    expect(diags("boot { online cpu 3..4 at smp_init }")).toEqual([["error", "CPU-UNDEFINED", 1, 22, msg.cpuUndefinedDefault(4n, 4).message]]);
  });

  it("hotplug of a default (not late) CPU is refused", () => {
    expect(diags("boot { hotplug cpu 1..5 after userspace }")).toEqual([["error", "HOTPLUG-NOT-LATE", 1, 20, msg.hotplugNotLate(1n).message]]);
  });

  it("a call on a CPU beyond the default ones", () => {
    expect(diags("buffer b size 64K\nboot { at smp_init: set_memory_decrypted b on cpu 7 }")).toEqual([
      ["error", "CPU-UNDEFINED", 2, 51, "cpu 7 is not one of the default CPUs (0-3); declare it in a cpus block"],
    ]);
  });

  it("CPU ids beyond NR_CPUS name the limit, in cpus, events and calls", () => {
    expect(diags("cpus { cpu 0..5000 }")[0]!.slice(1, 2)).toEqual(["CPU-ID-RANGE"]);
    expect(diags("boot { online cpu 2..99999999 at smp_init }")).toEqual([["error", "CPU-ID-RANGE", 1, 22, msg.cpuBeyondNrCpus(99999999n, 4096).message]]);
    expect(diags("buffer b size 64K\nboot { at smp_init: set_memory_decrypted b on cpu 5000 }")).toEqual([["error", "CPU-ID-RANGE", 2, 51, "cpu 5000 is beyond NR_CPUS (4096)"]]);
  });

  it("on cpu N where CPU N is not online yet is an error, at the CPU id", () => {
    expect(diags("buffer b size 64K\nboot { at init_IRQ: set_memory_decrypted b on cpu 2 }")).toEqual([
      ["error", "CPU-NOT-ONLINE", 2, 51, "cpu 2 is not online at init_IRQ: it comes online at smp_init"],
    ]);
    expect(diags("cpus { cpu 0..1; cpu 2 late }\nbuffer b size 64K\nboot { after userspace: set_memory_decrypted b on cpu 2 }")).toEqual([
      ["error", "CPU-NOT-ONLINE", 3, 55, "cpu 2 is not online after userspace: it is 'late' and no 'hotplug' brings it up"],
    ]);
    // Online in the same slot (events run before calls), or later: fine.
    expect(diags("buffer b size 64K\nboot { at smp_init: set_memory_decrypted b on cpu 2 }")).toEqual([]);
    expect(diags("cpus { cpu 0..1; cpu 2 late }\nbuffer b size 64K\nboot { hotplug cpu 2 after userspace\n after userspace: set_memory_decrypted b on cpu 2 }")).toEqual([]);
  });
});

describe("memory", () => {
  it("a buffer that cannot be placed is MEMORY-EXHAUSTED at its declaration", () => {
    expect(diags("machine { memory 0x8000_0000 size 256M }\nbuffer big size 1G\nboot { at init_IRQ: set_memory_decrypted big }")).toEqual([
      ["error", "MEMORY-EXHAUSTED", 2, 1, "no free memory left to place 'big' (1G) at init_IRQ"],
    ]);
  });

  it("a swiotlb pool too large for the machine is reported at the swiotlb statement", () => {
    const d = diags("machine { memory 0x8000_0000 size 128M }\nkernel { realm; swiotlb 1G }");
    expect(d).toEqual([["error", "MEMORY-EXHAUSTED", 2, 17, "no free memory left to place 'swiotlb_pool' (1G) at arch_mm_preinit"]]);
  });

  it("an expectation on a buffer with no address", () => {
    expect(diags("buffer b size 64K\nexpect b leaf 4K")).toEqual([["error", "EXPECT-TARGET-UNPLACED", 2, 8, msg.expectTargetUnplaced("b").message]]);
  });
});

describe("the version a scenario runs under is part of the check", () => {
  it("rodata=noalias is valid on v7.1 and refused when run as v6.17", () => {
    const text = 'kernel { cmdline "rodata=noalias" }';
    expect(diags(text)).toEqual([]);
    expect(diags(text, "v6.17").map((d) => d[1])).toEqual(["CMDLINE-INVALID-VALUE"]);
    const o = runScenarioText(text, "t.linmap", { version: "v6.17" });
    expect(o.kind).toBe("diagnostics");
  });

  it("a sweep row says why it is invalid, with the checker's code", () => {
    const { ast } = analyzeScenario('kernel { version v6.17 }\nbuffer b size 64K\nboot { at init_IRQ: set_memory_decrypted b }\nsweep rodata on, noalias', "s.linmap");
    const sweep = ast.items.find((i): i is SweepItem => i.kind === "sweep")!;
    const rows = runSweep(ast, sweep);
    expect("result" in rows[0]! && rows[0].result !== undefined).toBe(true);
    expect(rows[1]!.problem).toBe("CMDLINE-INVALID-VALUE: 'noalias' is not a value of rodata= (valid: full, on, off before v6.18)");
  });

  it("a sweep beyond the point limit is refused up front", () => {
    const values = Array.from({ length: 40 }, (_, i) => `0x${(0x8000_0000 + i * 0x10_0000).toString(16)}`).join(", ");
    const d = diags(`buffer b at 0x8000_0000 size 64K\nsweep b at ${values} by granule 4K, 16K, 64K by realm on, off by rodata on, off, noalias by debug_pagealloc on, off`);
    expect(d).toEqual([["error", "SWEEP-TOO-LARGE", 2, 1, msg.sweepTooLarge(1440, 1000).message]]);
  });
});

describe("CPU events that would be ignored", () => {
  it("bringing up the boot CPU, or a CPU twice, is an error", () => {
    expect(diags("boot { online cpu 0 at smp_init }")).toEqual([["error", "CPU-ALREADY-ONLINE", 1, 19, "cpu 0 cannot be brought up here: it is the boot CPU, online from the start"]]);
    expect(diags("cpus { cpu 0..1; cpu 2 late }\nboot { hotplug cpu 2 after userspace\n hotplug cpu 2 after userspace }")).toEqual([
      ["error", "CPU-ALREADY-ONLINE", 3, 14, "cpu 2 cannot be brought up here: line 2 already brings it up"],
    ]);
  });
});
