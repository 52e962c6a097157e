// The linear alias of set_memory_ro()/set_memory_rw() on a vmalloc area is computed per run of
// pages (src/sim/calls.ts); the kernel does it one page at a time. On random small cases the
// two must agree on everything a result says: return codes, WARNs, splits in order, CONT
// groups split, page-table pages per allocator, TLB flushes, the log, the notes and the map.
import { describe, expect, it } from "vitest";
import { analyzeScenario } from "../../src/lang/index.js";
import { compileScenario } from "../../src/compile/index.js";
import { LinearMap, simulate, type Program, type SimResult } from "../../src/sim/index.js";
import type { CallEvent, PhysRange } from "../../src/sim/program.js";
import { aliasLoop } from "../../src/sim/calls.js";
import { renderPtdump } from "../../src/render/ptdump.js";
import { runScenarioText } from "../../src/index.js";
import { VMALLOC_1TIB_SCENARIO } from "../../bench/vmalloc.js";
import { callRows } from "../../src/render/calls-table.js";

/** A fixed linear congruential generator: the same cases every run. */
function rng(seed: number): (n: number) => number {
  let x = BigInt(seed);
  return (n: number) => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    return Number((x >> 33n) % BigInt(n));
  };
}

const VERSIONS = ["v6.17", "v6.17.y", "v6.18", "v7.0", "fix-v1", "v7.1", "v7.2", "memblock-split"];

function randomProgram(seed: number): Program | undefined {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[r(xs.length)]!;
  const granule = pick(["4K", "4K", "4K", "16K", "64K"] as const);
  const page = granule === "4K" ? 4096n : granule === "16K" ? 16384n : 65536n;
  const version = pick(VERSIONS);
  const bank = 0x8000_0000n;
  const size = BigInt(2 + r(3)) << 30n;
  const hole = bank + (BigInt(64 + r(1800)) << 20n) + BigInt(r(64)) * page;
  const holeSize = BigInt(1 + r(40)) * page;
  const cpus = pick(["cpu 0..3 neoverse-v3", "cpu 0..3 neoverse-v3", "cpu 0..3 neoverse-v3", "cpu 0..2 neoverse-v3; cpu 3 cortex-a720", "cpu 0 cortex-a720 boot; cpu 1..3 neoverse-v3"]);
  const rodata = version.startsWith("v6.17") ? pick(["full", "on"]) : pick(["on", "on", "noalias"]);
  const extra = pick(["", "", " kfence.sample_interval=0", " debug_pagealloc=on"]);
  const pre: string[] = [];
  for (let i = r(4); i > 0; i--) {
    const a = bank + BigInt(r(Number(size / page) - 64)) * page;
    pre.push(`after userspace: set_memory_valid [0x${a.toString(16)}..0x${(a + BigInt(1 + r(600)) * page).toString(16)}) ${r(2)}`);
  }
  if (r(3) === 0) pre.push("after userspace: kfence_init_late");
  // Hot-added memory with a contiguous PTE group cut by a hot-remove (a misprogrammed group).
  const hot = granule === "4K" && r(3) === 0;
  if (hot) pre.push("after userspace: add_memory 0x10_0000_0000 size 0x4001_0000", "after userspace: remove_memory 0x10_4000_9000 size 28K");
  const text = `
machine { granule ${granule}; memory 0x${bank.toString(16)} size ${size >> 30n}G; nomap 0x${hole.toString(16)} size ${holeSize} }
cpus { ${cpus} }
kernel { version ${version}; cmdline "rodata=${rodata}${extra}" }
boot {
${pre.join("\n")}
}
`;
  const { ast, diagnostics } = analyzeScenario(text, "prop.linmap");
  if (diagnostics.some((d) => d.severity === "error")) return undefined;
  const base = compileScenario(ast);
  // The area's pages: near block, group and bank edges, across the image, the hole and KFENCE.
  const early = base.placements.find((p) => p.name === "kfence_pool")?.range;
  const hotEdge = 0x10_4000_0000n;
  const anchors = hot ? [hotEdge, hotEdge + 0x8000n, hotEdge + 0x9000n] : [hole, hole + holeSize, bank + (1n << 30n), bank + (2n << 20n), bank + (34n << 20n), bank + size - (64n << 20n), ...(early ? [early.start, early.end] : [])];
  const pages: PhysRange[] = [];
  for (let i = 1 + r(2); i > 0; i--) {
    const at = pick(anchors) + BigInt(r(200) - 100) * page;
    const lo = hot ? hotEdge - (1n << 30n) : bank;
    const hi = hot ? hotEdge + 0x1_0000n : bank + size;
    const start = at < lo ? lo : at;
    const n = BigInt(1 + (r(4) === 0 ? r(3000) : r(80)));
    const end = start + n * page > hi ? hi : start + n * page;
    if (end > start) pages.push({ start, end });
  }
  // Half the cases at run time (caps final: the splitting path), half anywhere in the boot.
  const at = r(2) === 0 ? base.plan.length - 1 : r(base.plan.length);
  const step = base.plan[at]!.step;
  const ev: CallEvent = {
    kind: "call",
    id: 10_000,
    call: pick(["set_memory_ro", "set_memory_rw", "set_memory_rox"]),
    target: { kind: "vmalloc", name: "area", pages, label: "area" },
    cpu: r(2) === 0 ? 0 : r(4),
    step,
    relation: "after",
    origin: "scenario",
  };
  const plan = [...base.plan.slice(0, at + 1), ev, ...base.plan.slice(at + 1)];
  return { ...base, plan };
}

function observable(res: SimResult): unknown {
  return {
    calls: res.calls,
    log: res.log,
    notes: res.notes,
    warnCount: res.warnCount,
    pages: res.stats.pagetablePages,
    perStep: res.stats.perStep,
    ptdump: renderPtdump(res.finalMap, res.geometry, { hideInvalidBlocks: false }),
    // ptdump merges lines; the raw leaves (bits included) must agree too.
    leaves: res.banks.map((b) => leavesOf(res, b)),
  };
}

function leavesOf(res: SimResult, r: PhysRange) {
  const map = new LinearMap(res.geometry, res.finalMap.memstart);
  map.root = res.finalMap.root;
  return map.leafSegments(r.start, r.end, true);
}

function run(program: Program, perPage: boolean): SimResult {
  aliasLoop.perPage = perPage;
  try {
    return simulate(program);
  } finally {
    aliasLoop.perPage = false;
  }
}

describe("vmalloc alias per run of pages = per page", () => {
  it("agrees with the per-page loop on 400 random cases", () => {
    let checked = 0;
    let split = 0;
    for (let seed = 1; checked < 400 && seed < 4000; seed++) {
      const program = randomProgram(seed);
      if (!program) continue;
      const ref = run(program, true);
      const fast = run(program, false);
      const c = ref.calls.find((x) => x.id === 10_000);
      expect(observable(fast), `seed ${seed}`).toEqual(observable(ref));
      if (c && c.splits.length > 0) split++;
      checked++;
    }
    expect(checked).toBe(400);
    // The cases must exercise the split path, not only the refusals.
    expect(split).toBeGreaterThan(50);
  });

  it("1 TiB of 1 GiB blocks: 2^28 flushes, 513 pages and 16,929 split steps per GiB, in the per-page order", () => {
    const o = runScenarioText(VMALLOC_1TIB_SCENARIO, "vmalloc-1tib.linmap");
    if (o.kind !== "result") throw new Error("did not run");
    const c = o.result.calls.find((x) => x.call === "set_memory_ro")!;
    expect([c.rcName, c.warns, c.tlbFlushes]).toEqual(["0", 0, 2 ** 28]);
    expect(c.pagetablePages).toEqual({ memblock: 0n, buddy: 1024n * 513n, atomic: 0n });
    // Per GiB: split_pud, then per CONT_PMD group split_contpmd, per PMD split_pmd, per CONT_PTE group split_contpte.
    expect(c.splits.length).toBe(1024 * (1 + 32 + 512 + 512 * 32));
    expect(c.contGroupsSplit).toBe(1024 * (32 + 512 * 32));
    expect(c.splits.slice(0, 36)).toEqual(["split_pud", "split_contpmd", "split_pmd", ...Array(32).fill("split_contpte"), "split_pmd"]);
  });
});


describe("the calls table with millions of split steps", () => {
  it("counts each step instead of listing them", () => {
    const o = runScenarioText(VMALLOC_1TIB_SCENARIO, "vmalloc-1tib.linmap");
    if (o.kind !== "result") throw new Error("did not run");
    const row = callRows(o.result).find((x) => x[3] === "set_memory_ro")!;
    expect(row[7]).toBe("split_pud×1024, split_contpmd×32768, split_pmd×524288, split_contpte×16777216");
  });
});
