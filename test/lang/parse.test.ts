// The parser: AST shapes for each construct, positions, and recovery that reports one
// diagnostic per mistake.
import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, type TopLevelItem } from "../../src/lang/index.js";

function parseClean(text: string): Scenario {
  const { ast, diagnostics } = parseScenario(text, "t.linmap");
  expect(diagnostics).toEqual([]);
  return ast;
}

function only<K extends TopLevelItem["kind"]>(ast: Scenario, kind: K): Extract<TopLevelItem, { kind: K }> {
  const items = ast.items.filter((i) => i.kind === kind);
  expect(items).toHaveLength(1);
  return items[0] as Extract<TopLevelItem, { kind: K }>;
}

describe("literals", () => {
  it("reads hex with separators, sizes with binary units and ranges both ways", () => {
    const ast = parseClean("machine { memory 0x1_8234_0000 size 64K; memory [0x8000_0000..0xC000_0000); granule 64KiB }");
    const m = only(ast, "machine");
    expect(m.statements[0]).toMatchObject({ kind: "memory", region: { kind: "sized", start: { value: 0x1_8234_0000n, text: "0x1_8234_0000" }, size: { value: 65536n } } });
    expect(m.statements[1]).toMatchObject({ kind: "memory", region: { kind: "bounds", start: { value: 0x8000_0000n }, end: { value: 0xc000_0000n } } });
    expect(m.statements[2]).toMatchObject({ kind: "granule", size: { value: 65536n, text: "64KiB" } });
  });

  it("reads 1T and 2P", () => {
    const m = only(parseClean("machine { memory 0 size 1T; memory 0x100_0000_0000_0000 size 2P }"), "machine");
    expect(m.statements.map((s) => (s.kind === "memory" && s.region.kind === "sized" ? s.region.size.value : 0n))).toEqual([1n << 40n, 2n << 50n]);
  });
});

describe("items", () => {
  it("cpus: ranges, MIDRs, features, revision, boot and late", () => {
    const c = only(parseClean("cpus {\n  cpu 0 neoverse-v3 r1p0 boot\n  cpu 1..3 bbml2_noabort late\n}"), "cpus");
    expect(c.statements[0]).toMatchObject({ first: { value: 0n }, traits: [{ text: "neoverse-v3" }], revision: { variant: 1, revision: 0 }, boot: true, late: false });
    expect(c.statements[1]).toMatchObject({ first: { value: 1n }, last: { value: 3n }, traits: [{ text: "bbml2_noabort" }], boot: false, late: true });
  });

  it("kernel: version, cmdline words with their positions, realm, config, swiotlb", () => {
    const k = only(parseClean('kernel {\n  version v7.0\n  cmdline "rodata=on  kfence.sample_interval=0"\n  realm\n  config KFENCE=n\n  swiotlb 128M\n}'), "kernel");
    expect(k.statements.map((s) => s.kind)).toEqual(["version", "cmdline", "realm", "config", "swiotlb"]);
    const cmd = k.statements[1]!;
    if (cmd.kind !== "cmdline") throw new Error("cmdline expected");
    expect(cmd.options.map((o) => [o.name, o.value, o.range.start.column])).toEqual([
      ["rodata", "on", 12],
      ["kfence.sample_interval", "0", 23],
    ]);
  });

  it("buffers: fixed and allocator-placed, soft keywords as names", () => {
    const ast = parseClean("buffer its_prop at 0x1_8234_0000 size 64K\nbuffer data size 16K align 64K");
    expect(ast.items[0]).toMatchObject({ kind: "buffer", name: { text: "its_prop" }, at: { value: 0x1_8234_0000n }, size: { value: 65536n } });
    expect(ast.items[1]).toMatchObject({ kind: "buffer", name: { text: "data" }, size: { value: 16384n }, align: { value: 65536n } });
    expect(ast.items[1]).not.toHaveProperty("at");
  });

  it("boot: one call per line, pages of a buffer, arguments, CPUs, moves and CPU events", () => {
    const b = only(
      parseClean(
        "boot {\n  at init_IRQ {\n    memfd_secret\n    set_memory_valid its[0..4) 0 on cpu 3\n    set_direct_map_invalid_noflush its[2]\n  }\n  before mem_init: add_memory 0x10_0000_0000 size 1G\n  move swiotlb_update_mem_attributes to arch_mm_preinit\n  hotplug cpu 8 after userspace\n}",
      ),
      "boot",
    );
    expect(b.statements.map((s) => s.kind)).toEqual(["calls-at", "calls-at", "move", "cpu-event"]);
    const first = b.statements[0]!;
    if (first.kind !== "calls-at") throw new Error("calls-at expected");
    expect(first.calls.map((c) => c.call.text)).toEqual(["memfd_secret", "set_memory_valid", "set_direct_map_invalid_noflush"]);
    expect(first.calls[0]).not.toHaveProperty("target");
    expect(first.calls[1]).toMatchObject({ target: { kind: "buffer", name: { text: "its" }, pages: { first: { value: 0n }, end: { value: 4n } } }, argument: { value: 0n }, cpu: { value: 3n } });
    expect(first.calls[2]).toMatchObject({ target: { pages: { first: { value: 2n } } } });
    expect(b.statements[1]).toMatchObject({ when: { relation: "before", step: { text: "mem_init" } }, calls: [{ target: { kind: "region" } }] });
    expect(b.statements[2]).toMatchObject({ kind: "move", call: { text: "swiotlb_update_mem_attributes" }, when: { relation: "at", step: { text: "arch_mm_preinit" } } });
    expect(b.statements[3]).toMatchObject({ kind: "cpu-event", event: "hotplug", first: { value: 8n }, when: { relation: "after" } });
  });

  it("expectations of every kind", () => {
    const ast = parseClean(
      [
        "expect set_memory_decrypted its == -EINVAL",
        "expect its_alloc_pages_node its at init_IRQ: returns 0, warns 0, pages 2, flushes 1, splits 3",
        "expect its leaf 4K after init_IRQ",
        "expect [0x8000_0000..0xC000_0000) leaf 1G",
        "expect its[1] is shared, valid",
        "expect pagetables 513 after setup_system_features",
        "expect warns 2",
      ].join("\n"),
    );
    expect(ast.items.map((i) => (i.kind === "expect" ? i.expectation.kind : i.kind))).toEqual(["call-result", "call-result", "leaf", "leaf", "attributes", "pagetables", "warns"]);
    expect(ast.items[0]).toMatchObject({ expectation: { call: { text: "set_memory_decrypted" }, target: { name: { text: "its" } }, outcomes: [{ field: "returns", value: { kind: "name", text: "-EINVAL" } }] } });
    expect(ast.items[1]).toMatchObject({ expectation: { when: { step: { text: "init_IRQ" } }, outcomes: [{ field: "returns" }, { field: "warns" }, { field: "pages" }, { field: "flushes" }, { field: "splits", value: { value: 3n } }] } });
  });

  it("output commands", () => {
    const ast = parseClean("show calls, trace\nshow ptdump its\nchart map bank after init_IRQ\nchart pagetables\ncompare v7.0, v7.1\nsweep policy v7.0, v7.1 by granule 4K, 64K by its at 0x1_0000_0000\nrun v7.1\nprint \"a \\\"quoted\\\" word\"");
    expect(ast.items.map((i) => i.kind)).toEqual(["show", "show", "chart", "chart", "compare", "sweep", "run", "print"]);
    expect(ast.items[5]).toMatchObject({ axes: [{ axis: { text: "policy" } }, { axis: { text: "granule" }, values: [{ kind: "number", value: 4096n }, { kind: "number" }] }, { axis: { text: "its" }, address: true }] });
    expect(ast.items[7]).toMatchObject({ kind: "print", text: 'a "quoted" word' });
  });

  it("keeps comments with their positions", () => {
    const ast = parseClean("# one\nrun # two\n");
    expect(ast.comments.map((c) => [c.text, c.range.start.line, c.range.start.column])).toEqual([
      ["# one", 1, 1],
      ["# two", 2, 5],
    ]);
  });

  it("gives every node a range in its source", () => {
    const ast = parseClean("\n  buffer b size 4K");
    expect(ast.items[0]!.range).toEqual({ source: "t.linmap", start: { line: 2, column: 3, offset: 3 }, end: { line: 2, column: 19, offset: 19 } });
  });
});

describe("syntax errors", () => {
  it("one typo in a block gives one diagnostic, and later items still parse", () => {
    const { ast, diagnostics } = parseScenario("machine {\n  granule 4K\n  memry 0x8000_0000 size 2G\n}\nbuffer b size 4K\n", "t.linmap");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "SYNTAX-EXPECTED",
      message: "expected a machine statement (granule, va_bits, memory, nomap, image) or '}' but found 'memry'; did you mean 'memory'?",
      range: { start: { line: 3, column: 3 } },
    });
    expect(ast.items.map((i) => i.kind)).toContain("buffer");
  });

  it("an invalid character is one diagnostic", () => {
    const { diagnostics } = parseScenario("show calls $ trace", "t.linmap");
    expect(diagnostics.map((d) => [d.code, d.message, d.range.start.column])).toEqual([["SYNTAX-INVALID-CHARACTER", "unexpected character '$'", 12]]);
  });

  it("an unclosed block points at the end of input", () => {
    const { diagnostics } = parseScenario("kernel {\n  realm\n", "t.linmap");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe("expected a kernel statement (version, policy, cmdline, realm, config, swiotlb) or '}' but found end of input");
  });

  it("a missing target after `at STEP:` is reported at the top level item", () => {
    const { diagnostics } = parseScenario("boot { at init_IRQ: }", "t.linmap");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "SYNTAX-EXPECTED", range: { start: { line: 1, column: 21 } } });
  });
});
