// Charts: the data behind the marks equals the simulated map (the runs of a 1 GiB block split
// at one page are its ptdump lines), specs validate against the Vega-Lite schema, labels are
// drawn in the PNG (a known font), big maps are aggregated below the mark budget, and the
// specs and a rendered SVG are kept as reviewed snapshot files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { buildChart, chartBundle, mapData, MAX_MARKS, VEGALITE_MIME } from "../../src/render/charts/index.js";
import { renderPtdump } from "../../src/render/ptdump.js";
import { simulateText } from "../support/run-scenario.js";

const SPLIT = `
machine { granule 4K; memory 0x40_0000_0000 size 4G }
cpus { cpu 0..3 neoverse-v3 }
kernel { version v7.1; config KFENCE=n }
buffer page at 0x40_4a02_1000 size 4K
boot { after userspace: set_memory_valid page 0 }
`;

describe("the map chart", () => {
  it("has one leaf-size mark per ptdump line over a 1 GiB block split at one page", () => {
    const r = simulateText(SPLIT);
    const range = { start: 0x40_4000_0000n, end: 0x40_8000_0000n };
    const data = mapData(r, r.finalMap, r.banks, range);
    const strip = data.rows.filter((x) => x.lane === "leaf size");
    const ptdump = renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: false, range }).slice(1, -1);
    expect(strip.map((x) => x.ptdump)).toEqual(ptdump);
    expect(new Set(strip.map((x) => x.leaf))).toEqual(new Set(["32M cont PMD", "2M block", "64K cont PTE", "4K page"]));
    expect(data.rows.filter((x) => x.lane === "invalid").map((x) => x.range)).toEqual(["[0x404a021000..0x404a022000)"]);
  });

  it("aggregates a map with too many runs into bins and says so", () => {
    const lines = ["machine { granule 4K; memory 0x8000_0000 size 64G }", "kernel { version v7.1; config KFENCE=n }", "boot { after userspace {"];
    for (let i = 0; i < 4000; i++) lines.push(`  set_memory_valid 0x${(0x8000_0000 + i * 0x100_0000).toString(16)} size 4K 0`);
    lines.push("} }");
    const r = simulateText(lines.join("\n"));
    const built = buildChart({ chart: "map" }, r);
    expect(built.marks).toBeLessThanOrEqual(MAX_MARKS * 2);
    expect(String(built.spec["title"])).toMatch(/aggregated: one mark per \d+[KMG]/);
    expect(built.summary).toMatch(/aggregated to \d+[KMG]? bins/);
  });
});

describe("chart specs and renderings", () => {
  const r = simulateText(readFileSync(join(import.meta.dirname, "..", "..", "grammar", "examples", "valid", "realm-its.linmap"), "utf8"), "v7.1");
  const r70 = simulateText(readFileSync(join(import.meta.dirname, "..", "..", "grammar", "examples", "valid", "realm-its.linmap"), "utf8"), "v7.0");
  const runs = [{ version: "v7.0", result: r70 }, { version: "v7.1", result: r }];
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "node_modules", "vega-lite", "build", "vega-lite-schema.json"), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  for (const chart of ["map", "timeline", "pagetables", "compare"] as const) {
    it(`${chart}: validates against the Vega-Lite schema and matches its snapshot`, async () => {
      const built = buildChart({ chart }, r, runs);
      const ok = validate(built.spec);
      expect(ok ? [] : validate.errors?.slice(0, 3)).toEqual([]);
      await expect(`${JSON.stringify(built.spec, null, 1)}\n`).toMatchFileSnapshot(`./__snapshots__/chart-${chart}.vl.json`);
    });
  }

  it("bundles the spec as an object first, then a PNG with its labels drawn, and no SVG", async () => {
    const built = buildChart({ chart: "timeline" }, r);
    const b = await chartBundle(built.spec, built.summary, built.marks);
    expect(typeof b.data[VEGALITE_MIME]).toBe("object");
    expect(b.data["text/plain"]).toBe("chart: boot timeline, 3 calls (3 ok)");
    expect(b.data["text/html"]).toBeUndefined();
    const png = Buffer.from(String(b.data["image/png"]), "base64");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    // No SVG in the bundle: nbconvert 6.5 would choose it over the PNG and strip it.
    expect(b.data["image/svg+xml"]).toBeUndefined();
    expect(Object.keys(b.data)).toEqual([VEGALITE_MIME, "image/png", "text/plain"]);
    await expect(b.svg).toMatchFileSnapshot("./__snapshots__/chart-timeline.svg");
  });

  it("draws text: the PNG with the bundled font differs from one rendered without fonts", async () => {
    const { renderSvg, renderPng } = await import("../../src/render/charts/index.js");
    const { Resvg } = await import("@resvg/resvg-js");
    const svg = await renderSvg(buildChart({ chart: "pagetables" }, r).spec);
    const withFont = renderPng(svg);
    const without = new Resvg(svg, { font: { loadSystemFonts: false }, background: "white" }).render().asPng();
    expect(withFont.length).toBeGreaterThan(without.length + 2000);
  });
});

describe("a rendered PNG", () => {
  it("is byte-identical to its committed snapshot (resvg and the bundled font are deterministic)", async () => {
    const { existsSync, writeFileSync } = await import("node:fs");
    const r = simulateText(readFileSync(join(import.meta.dirname, "..", "..", "grammar", "examples", "valid", "realm-its.linmap"), "utf8"), "v7.1");
    const built = buildChart({ chart: "pagetables" }, r);
    const png = Buffer.from(String((await chartBundle(built.spec, built.summary, built.marks)).data["image/png"]), "base64");
    const file = join(import.meta.dirname, "__snapshots__", "chart-pagetables.png");
    // Like vitest's snapshots: written when missing, except in CI where a missing one fails.
    if (!existsSync(file)) {
      expect(process.env["CI"], "the PNG snapshot is missing").toBeUndefined();
      writeFileSync(file, png);
    }
    expect(png.equals(readFileSync(file))).toBe(true);
  });
});
