// Charts: the data behind the marks equals the simulated map (the runs of a 1 GiB block split
// at one page are its ptdump lines), the timeline's bands follow the policy, outcomes name
// harm, the compare grid matches calls by identity, ticks sit on power-of-two boundaries,
// colours follow the leaf's level and contiguity in every granule, charts fit their width,
// specs validate against the Vega-Lite schema and are byte-identical run to run, and the
// specs and a rendered SVG are kept as reviewed snapshot files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { buildChart, chartBundle, mapData, MAX_MARKS, renderSvg, VEGALITE_MIME } from "../../src/render/charts/index.js";
import { alignedTicks, tickStep } from "../../src/render/charts/address-axis.js";
import { compareCells } from "../../src/render/charts/compare-chart.js";
import { leafClassList, ROLE_COLOURS } from "../../src/render/charts/leaf-classes.js";
import { chartMsg } from "../../src/render/charts/messages.js";
import { blackoutBands, bootEvents } from "../../src/render/charts/windows.js";
import { renderPtdump } from "../../src/render/ptdump.js";
import { geometryFor } from "../../src/sim/index.js";
import { simulateText } from "../support/run-scenario.js";

const examples = join(import.meta.dirname, "..", "..", "grammar", "examples", "valid");
const example = (name: string) => readFileSync(join(examples, `${name}.linmap`), "utf8");

const SPLIT = `
machine { granule 4K; memory 0x40_0000_0000 size 4G }
cpus { cpu 0..3 neoverse-v3 }
kernel { version v7.1; config KFENCE=n }
buffer page at 0x40_4a02_1000 size 4K
boot { after userspace: set_memory_valid page 0 }
`;

/** The rows of the first layer (in spec order) whose rows carry `field`. */
function layerRows(spec: unknown, field: string): Record<string, unknown>[] {
  let out: Record<string, unknown>[] | undefined;
  const visit = (x: unknown) => {
    if (out || !x || typeof x !== "object") return;
    const o = x as Record<string, unknown>;
    const values = (o["data"] as { values?: Record<string, unknown>[] } | undefined)?.values;
    if (Array.isArray(values) && values.length > 0 && field in values[0]!) out = values;
    for (const v of Object.values(o)) if (v && typeof v === "object") visit(v);
  };
  visit(spec);
  return out ?? [];
}

describe("the map chart", () => {
  it("has one leaf-size mark per ptdump line over a 1 GiB block split at one page", () => {
    const r = simulateText(SPLIT);
    const range = { start: 0x40_4000_0000n, end: 0x40_8000_0000n };
    const data = mapData(r, r.finalMap, r.banks, range);
    const strip = data.banks[0]!.rows.filter((x) => x.lane === chartMsg.laneLeaf());
    const ptdump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false, range }).slice(1, -1);
    expect(strip.map((x) => x.ptdump)).toEqual(ptdump);
    expect(new Set(strip.map((x) => x.cls))).toEqual(new Set(["32M contiguous block (cont PMD)", "2M block (PMD)", "64K contiguous pages (cont PTE)", "4K page (PTE)"]));
    expect(data.banks[0]!.rows.filter((x) => x.lane === chartMsg.laneInvalid()).map((x) => x.range)).toEqual(["[0x404a021000..0x404a022000)"]);
  });

  it("a tooltip's ptdump line is the kernel's own: v7.0 hides an invalid block in the line before it, and says so", () => {
    const text = (v: string) => `
machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version ${v}; cmdline "rodata=on"; config KFENCE=n }
buffer big at 0x1_0400_0000 size 64M
boot { after userspace: set_memory_valid big 0 }
`;
    const range = { start: 0x1_0000_0000n, end: 0x1_1000_0000n };
    const leaf = (v: string) => {
      const r = simulateText(text(v));
      const rows = mapData(r, r.finalMap, r.banks, range).banks[0]!.rows.filter((x) => x.lane === chartMsg.laneLeaf());
      return { rows, ptdump: renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks, range }).slice(1, -1) };
    };
    const old = leaf("v7.0");
    const hidden = old.rows.find((x) => x.start === 0x1_0400_0000)!;
    // v7.0's ptdump prints one 256M line over the invalid 64M: the tooltip shows that line.
    expect(old.ptdump).toEqual(["0xffff000080000000-0xffff000090000000         256M PMD       RW NX SHD AF    CON BLK UXN    MEM/NORMAL-TAGGED"]);
    expect(hidden.ptdump).toBe(old.ptdump[0]);
    expect(hidden.truth).toBe(chartMsg.hiddenInvalid());
    expect(old.rows.filter((x) => x.truth !== undefined).every((x) => x.start >= 0x1_0400_0000 && x.end <= 0x1_0800_0000)).toBe(true);
    // v7.1 reports it (F): its own line, nothing hidden.
    const fixed = leaf("v7.1");
    const shown = fixed.rows.find((x) => x.start === 0x1_0400_0000)!;
    expect(shown.ptdump).toMatch(/^0xffff000084000000-0xffff000088000000 +64M PMD +F /);
    expect(fixed.ptdump).toContain(shown.ptdump);
    expect(fixed.rows.some((x) => x.truth !== undefined)).toBe(false);
  });

  it("draws a 4K invalid page in a 1 GiB panel as a marker, and gives its call a detail panel", () => {
    const r = simulateText(SPLIT);
    const data = mapData(r, r.finalMap, r.banks, { start: 0x40_4000_0000n, end: 0x40_8000_0000n });
    expect(data.banks[0]!.markers.map((m) => [m.lane, m.range])).toEqual([
      [chartMsg.laneInvalid(), "[0x404a021000..0x404a022000)"],
      [chartMsg.laneCalls(), "[0x404a021000..0x404a022000)"],
    ]);
    // 32 times the range, aligned: the 64K contiguous group and its neighbours.
    expect(data.details.map((d) => [d.window.span.start, d.window.span.end])).toEqual([[0x40_4a02_0000n, 0x40_4a04_0000n]]);
    const spec = buildChart({ chart: "map", range: { start: 0x40_4000_0000n, end: 0x40_8000_0000n } }, r).spec;
    expect(JSON.stringify(spec)).toContain(chartMsg.detailsWhere("1 at [0x404a020000..0x404a040000) (page)"));
  });

  it("aggregates a map with too many runs into bins and says so", () => {
    const lines = ["machine { granule 4K; memory 0x8000_0000 size 64G }", "kernel { version v7.1; config KFENCE=n }", "boot { after userspace {"];
    for (let i = 0; i < 4000; i++) lines.push(`  set_memory_valid 0x${(0x8000_0000 + i * 0x100_0000).toString(16)} size 4K 0`);
    lines.push("} }");
    const r = simulateText(lines.join("\n"));
    const built = buildChart({ chart: "map" }, r);
    expect(built.marks).toBeLessThanOrEqual(MAX_MARKS * 2);
    expect(JSON.stringify(built.spec["title"])).toMatch(/leaf sizes aggregated in \d+[KMG] bins/);
    expect(built.summary).toMatch(/aggregated to \d+[KMG]? bins/);
    // The invalid pages are never aggregated away: merged where closer than a pixel, and
    // still covering every one of the 4000 pages.
    const invalid = layerRows(built.spec, "lane").filter((x) => x["lane"] === chartMsg.laneInvalid());
    for (let i = 0; i < 4000; i += 333) {
      const a = 0x8000_0000 + i * 0x100_0000;
      expect(invalid.some((x) => (x["start"] as number) <= a && (x["end"] as number) >= a + 4096)).toBe(true);
    }
  });

  it("a map at a point of the boot shows only the calls made by then", () => {
    const text = SPLIT.replace("boot { after userspace: set_memory_valid page 0 }", "buffer early at 0x40_8000_0000 size 4K\nboot {\n at init_IRQ: set_memory_valid early 0\n after userspace: set_memory_valid page 0\n}");
    const r = simulateText(text);
    const calls = (req: Parameters<typeof buildChart>[0]) => layerRows(buildChart(req, r).spec, "outcome").map((x) => x["what"]);
    const label = (c: string) => expect.stringContaining(c);
    expect(calls({ chart: "map", when: { relation: "after", step: "init_IRQ" } })).toEqual([label("set_memory_valid early")]);
    expect(calls({ chart: "map" })).toHaveLength(2);
  });

  it("gives hot-added memory outside the boot banks its own panel", () => {
    const r = simulateText(example("hotplug"));
    const titles = (buildChart({ chart: "map" }, r).spec["vconcat"] as { title: { text: string } }[]).map((p) => p.title.text);
    expect(titles.filter((t) => t.startsWith("hot-added"))).toEqual(["hot-added memory (outside the boot banks): [0x1000000000..0x1080000000) · 2G"]);
  });
});

describe("the timeline's black-out windows follow the policy (domain.md §6)", () => {
  const text = example("window2-smp");
  const bands = (version: string) => blackoutBands(simulateText(text, version)).map((b) => [b.window, b.fromStep, b.toStep]);
  const w1 = [1, "paging_init", "mem_init"];
  const w2 = [2, "smp_init", "setup_system_features"];
  it("(a) v6.17 has none", () => expect(bands("v6.17")).toEqual([]));
  it("(a) v6.13 has none", () => expect(bands("v6.13")).toEqual([]));
  it("(b) v6.18 has none", () => expect(bands("v6.18")).toEqual([]));
  it("(b) v7.0 has none", () => expect(bands("v7.0")).toEqual([]));
  it("(c) fix-v1 has window 1 and window 2", () => expect(bands("fix-v1")).toEqual([w1, w2]));
  it("(d) v7.1 has window 1 and window 2", () => expect(bands("v7.1")).toEqual([w1, w2]));
  it("(e) memblock-split has window 2 only, marked as assumed", () => {
    expect(bands("memblock-split")).toEqual([w2]);
    expect(blackoutBands(simulateText(text, "memblock-split"))[0]!.rule).toBe(chartMsg.window2Assumed());
  });

  it("a policy defined in the scenario has the windows its settings say", () => {
    const windowsOf = (policy: string, name: string) => blackoutBands(simulateText(`${text}\n${policy}`, name)).map((b) => [b.window, b.fromStep, b.toStep]);
    expect(windowsOf("policy no-w2 from v7.1 { window2 off }", "no-w2")).toEqual([w1]);
    expect(windowsOf("policy b-w1 from v7.0 { split_gate linear_map_requires_bbml2; window1 on }", "b-w1")).toEqual([w1]);
  });

  it("draws exactly those bands, each named by its rule, and says when there are none", () => {
    const v70 = buildChart({ chart: "timeline" }, simulateText(text, "v7.0")).spec;
    expect(layerRows(v70, "rule")).toEqual([]);
    expect(JSON.stringify(v70["title"])).toContain(chartMsg.noWindows("v7.0"));
    const v71 = buildChart({ chart: "timeline" }, simulateText(text, "v7.1")).spec;
    expect(layerRows(v71, "rule").map((b) => b["rule"])).toEqual([chartMsg.window1(), chartMsg.window2()]);
  });

  it("window 2 opens only where a secondary came online", () => {
    const uni = text.replace("cpu 0..3 neoverse-v3\n  cpu 4..5 cortex-a720", "cpu 0 neoverse-v3").replace(" on cpu 4", "");
    expect(blackoutBands(simulateText(uni, "v7.1")).map((b) => b.window)).toEqual([1]);
  });

  it("marks the caps finalization, and the repaint only when the boot repainted", () => {
    const events = (version: string, src = text) => bootEvents(simulateText(src, version)).map((e) => e.event);
    // cpu 4..5 lack BBML2_NOABORT: v7.1 repaints at setup_system_features.
    expect(events("v7.1")).toEqual([chartMsg.eventPageAlloc(), chartMsg.eventCaps(), chartMsg.eventRepaint()]);
    expect(events("v6.17")).toEqual([chartMsg.eventCaps()]);
    expect(events("v7.1", example("realm-its"))).toEqual([chartMsg.eventPageAlloc(), chartMsg.eventCaps()]);
  });
});

describe("call outcomes", () => {
  it("a call that returned 0 but left 16,384 pages invalid is not 'ok' (swiotlb on v7.0)", () => {
    const spec = buildChart({ chart: "timeline" }, simulateText(example("swiotlb-preinit"), "v7.0")).spec;
    const swiotlb = layerRows(spec, "outcome").find((c) => c["call"] === "swiotlb_update_mem_attributes")!;
    expect([swiotlb["outcome"], swiotlb["rc"], swiotlb["invalid"]]).toEqual([chartMsg.okLeftInvalid(), "0", 16384]);
  });
});

describe("the compare grid", () => {
  it("keys rows by identity: a call made at another step is one row, its step in each cell", () => {
    const text = example("swiotlb-preinit");
    const runs = ["v7.0", "v7.1"].map((version) => ({ version, result: simulateText(text, version) }));
    const { cells, rows } = compareCells(runs);
    const identities = new Set(runs.flatMap((r) => r.result.calls.map((c) => `${c.origin} ${c.call} ${c.label}`)));
    expect(rows.length).toBe(identities.size);
    const swiotlb = cells.filter((c) => c.call === "swiotlb_update_mem_attributes");
    expect(swiotlb.map((c) => [c.kernel, c.step, c.outcome])).toEqual([
      ["v7.0", "at arch_mm_preinit", chartMsg.okLeftInvalid()],
      ["v7.1", "at mem_init", chartMsg.ok()],
    ]);
    expect(cells.length).toBe(rows.length * runs.length);
  });

  it("says 'not made' for a call one kernel does not make, and keeps repeated calls apart", () => {
    const text = SPLIT.replace("boot { after userspace: set_memory_valid page 0 }", "boot { after userspace {\n set_memory_valid page 0\n set_memory_valid page 1\n } }");
    const a = simulateText(text, "v7.1");
    const b = { ...a, calls: a.calls.slice(0, 1) };
    const { cells, rows } = compareCells([{ version: "x", result: a }, { version: "y", result: b }]);
    expect(rows.length).toBe(2);
    expect(cells.filter((c) => c.kernel === "y").map((c) => c.outcome)).toEqual([chartMsg.ok(), chartMsg.notMade()]);
  });
});

describe("address ticks", () => {
  it("fall on power-of-two boundaries, not decimal round numbers", () => {
    expect(alignedTicks(0x8000_0000, 0x1_0000_0000, 676)).toEqual([0x8000_0000, 0xa000_0000, 0xc000_0000, 0xe000_0000, 0x1_0000_0000]);
    expect(tickStep(6 * 2 ** 30, 6)).toBe(2 ** 30);
    expect(tickStep(2 * 2 ** 20, 6)).toBe(512 * 1024);
    for (const [lo, hi] of [[0x4000_0000, 0xc000_0000], [0x8_8000_0000, 0xa_0000_0000], [0x40_4a02_0000, 0x40_4a04_0000]] as const) {
      const t = alignedTicks(lo, hi, 676);
      const step = t[1]! - t[0]!;
      expect(Math.log2(step) % 1).toBe(0);
      for (const v of t) expect(v % step).toBe(0);
    }
  });

  it("the PNG's first paint draws the same ticks as the TypeScript rule", async () => {
    const svg = await renderSvg(buildChart({ chart: "map" }, simulateText(example("realm-its"))).spec);
    const labels = [...svg.matchAll(/>(0x[0-9a-f]+)</g)].map((m) => Number(m[1]));
    const bank0 = labels.filter((v) => v >= 0x8000_0000 && v <= 0x1_0000_0000);
    expect(bank0.slice(0, 5)).toEqual(alignedTicks(0x8000_0000, 0x1_0000_0000, 676));
  });
});

describe("colour", () => {
  it("names the sizes of each granule, largest first", () => {
    const labels = (g: "4K" | "16K" | "64K") => leafClassList(geometryFor(g, 48)).map((c) => c.label);
    expect(labels("4K")).toEqual(["1G block (PUD, top level)", "32M contiguous block (cont PMD)", "2M block (PMD)", "64K contiguous pages (cont PTE)", "4K page (PTE)", "hole (not mapped)"]);
    expect(labels("16K")).toEqual(["1G contiguous block (cont PMD)", "32M block (PMD)", "2M contiguous pages (cont PTE)", "16K page (PTE)", "hole (not mapped)"]);
    expect(labels("64K")).toEqual(["16G contiguous block (cont PMD)", "512M block (PMD)", "2M contiguous pages (cont PTE)", "64K page (PTE)", "hole (not mapped)"]);
  });

  it("means the same role in every granule: 2M block at 4K and 2M contiguous pages at 64K differ", () => {
    const colour = (g: "4K" | "64K", label: string) => leafClassList(geometryFor(g, 48)).find((c) => c.label === label)!.colour;
    expect(colour("4K", "2M block (PMD)")).toBe(ROLE_COLOURS.block);
    expect(colour("64K", "2M contiguous pages (cont PTE)")).toBe(ROLE_COLOURS["cont-page"]);
    expect(colour("64K", "512M block (PMD)")).toBe(ROLE_COLOURS.block);
    expect(colour("4K", "4K page (PTE)")).toBe(colour("64K", "64K page (PTE)"));
  });

  it("merges identical page-table series into one named 'a = b', others get distinct dashes", () => {
    const text = example("window2-smp");
    const runs = ["fix-v1", "v7.1", "memblock-split"].map((version) => ({ version, result: simulateText(text, version) }));
    const spec = buildChart({ chart: "pagetables" }, runs[0]!.result, runs).spec;
    const series = [...new Set(layerRows(spec, "series").map((x) => x["series"]))];
    const pages = (v: string) => String(runs.find((r) => r.version === v)!.result.stats.pagetablePages);
    // Whatever the counts, a series is named by every kernel it stands for.
    expect(series.flatMap((s) => String(s).split(" = ")).sort()).toEqual(["fix-v1", "memblock-split", "v7.1"]);
    if (pages("fix-v1") === pages("v7.1")) expect(series).toContain("fix-v1 = v7.1");
    const enc = spec["encoding"] as { strokeDash: { scale: { range: number[][] } } };
    expect(new Set(enc.strokeDash.scale.range.map((d) => d.join(","))).size).toBe(series.length);
  });
});

describe("chart specs and renderings", () => {
  const r = simulateText(example("realm-its"), "v7.1");
  const r70 = simulateText(example("realm-its"), "v7.0");
  const runs = [{ version: "v7.0", result: r70 }, { version: "v7.1", result: r }];
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "node_modules", "vega-lite", "build", "vega-lite-schema.json"), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  for (const chart of ["map", "timeline", "pagetables", "compare"] as const) {
    it(`${chart}: validates against the Vega-Lite schema, is deterministic, matches its snapshot`, async () => {
      const built = buildChart({ chart }, r, runs);
      const ok = validate(built.spec);
      expect(ok ? [] : validate.errors?.slice(0, 3)).toEqual([]);
      expect(JSON.stringify(buildChart({ chart }, r, runs).spec)).toBe(JSON.stringify(built.spec));
      await expect(`${JSON.stringify(built.spec, null, 1)}\n`).toMatchFileSnapshot(`./__snapshots__/chart-${chart}.vl.json`);
    });

    it(`${chart}: its PNG layout fits the default 900 px and a --chart-width of 640`, async () => {
      for (const width of [undefined, 640]) {
        const svg = await renderSvg(buildChart({ chart }, r, runs, width ? { width } : {}).spec);
        const w = Number(/width="(\d+)"/.exec(svg)![1]);
        expect(w).toBeLessThanOrEqual(width ?? 900);
        expect(w).toBeGreaterThan((width ?? 900) - 120);
      }
    });
  }

  it("bundles the spec as an object first, then a PNG with its labels drawn, and no SVG", async () => {
    const built = buildChart({ chart: "timeline" }, r);
    const b = await chartBundle(built.spec, built.summary, built.marks);
    expect(typeof b.data[VEGALITE_MIME]).toBe("object");
    expect(b.data["text/plain"]).toBe("chart: boot timeline, 3 calls (3 ok), window 1 and window 2");
    expect(b.data["text/html"]).toBeUndefined();
    const png = Buffer.from(String(b.data["image/png"]), "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // No SVG in the bundle: nbconvert 6.5 would choose it over the PNG and strip it.
    expect(b.data["image/svg+xml"]).toBeUndefined();
    expect(Object.keys(b.data)).toEqual([VEGALITE_MIME, "image/png", "text/plain"]);
    await expect(b.svg).toMatchFileSnapshot("./__snapshots__/chart-timeline.svg");
  });

  it("draws text: the PNG with the bundled font differs from one rendered without fonts", async () => {
    const { renderPng } = await import("../../src/render/charts/index.js");
    const { Resvg } = await import("@resvg/resvg-js");
    const svg = await renderSvg(buildChart({ chart: "pagetables" }, r).spec);
    const withFont = renderPng(svg);
    const without = new Resvg(svg, { font: { loadSystemFonts: false }, background: "white" }).render().asPng();
    expect(withFont.length).toBeGreaterThan(without.length + 2000);
  });
});
