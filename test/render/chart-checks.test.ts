// Every chart kind of every bundled example (and of the stress scenarios), drawn by vega-embed in headless Chromium (the
// renderer of the HTML report and of notebook front ends), checked with code rather than by
// eye: the chart fits in 900 px and nothing is drawn outside it; every legend entry the
// spec's scales name is drawn inside the view; address-axis tick labels are hex on aligned
// power-of-two boundaries; every call's range and every invalid or shared range of the
// final map has a mark at least 2 px wide; and zooming an address axis keeps the ticks
// aligned.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { vendorScripts } from "../../src/render/report.js";
import { LinearMap, NS_SHARED, VALID, type SimResult } from "../../src/sim/index.js";
import { exampleCharts, exampleNames, KINDS, stressNames, type ExampleCharts } from "./chart-fixtures.js";

const out = join(import.meta.dirname, "..", "output", "chart-checks");
const MAX_WIDTH = 900;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

interface Box { x1: number; x2: number; y1: number; y2: number }
interface Drawn {
  width: number;
  height: number;
  outside: { tag: string; text: string; box: Box }[];
  legendLabels: { text: string; inside: boolean }[];
  axes: { title: string; labels: string[] }[];
  items: { marktype: string; lane?: string; start?: number; end?: number; call?: string; width: number; box: Box }[];
}

/** Runs in the page: what a reader would see, measured from the DOM and Vega's scenegraph. */
function inspect(id: string): Drawn {
  const w = window as unknown as { linmapViews: Record<string, { scenegraph(): { root: unknown } }> };
  const svg = document.querySelector(`#${id} svg`) as SVGSVGElement;
  const frame = svg.getBoundingClientRect();
  const outside: Drawn["outside"] = [];
  for (const el of svg.querySelectorAll("text, path, line")) {
    if (el.closest("defs")) continue;
    const b = el.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    const box = { x1: b.left - frame.left, x2: b.right - frame.left, y1: b.top - frame.top, y2: b.bottom - frame.top };
    if (box.x1 < -1 || box.y1 < -1 || box.x2 > frame.width + 1 || box.y2 > frame.height + 1) outside.push({ tag: el.tagName, text: (el.textContent ?? "").slice(0, 60), box });
  }
  const inside = (el: Element) => {
    const b = el.getBoundingClientRect();
    return b.width > 0 && b.left >= frame.left - 1 && b.right <= frame.right + 1 && b.top >= frame.top - 1 && b.bottom <= frame.bottom + 1;
  };
  const legendLabels = [...svg.querySelectorAll(".role-legend-label text")].map((t) => ({ text: t.textContent ?? "", inside: inside(t) }));
  const axes = [...svg.querySelectorAll(".role-axis")].map((a) => ({
    title: a.querySelector(".role-axis-title text")?.textContent ?? "",
    labels: [...a.querySelectorAll(".role-axis-label text")].map((t) => t.textContent ?? ""),
  }));
  const items: Drawn["items"] = [];
  const walk = (node: { items?: unknown[]; marktype?: string }, depth: number) => {
    for (const it of (node.items ?? []) as { datum?: Record<string, unknown>; bounds?: Box; items?: unknown[]; mark?: { marktype: string; role?: string } }[]) {
      const mt = it.mark?.marktype ?? "";
      if (mt === "group") walk(it, depth + 1);
      else if (it.datum && it.bounds && it.mark?.role === "mark") {
        const d = it.datum;
        items.push({ marktype: mt, lane: d["lane"] as string, start: d["start"] as number, end: d["end"] as number, call: d["call"] as string, width: it.bounds.x2 - it.bounds.x1, box: { x1: it.bounds.x1, x2: it.bounds.x2, y1: it.bounds.y1, y2: it.bounds.y2 } });
      } else if (it.items) walk(it, depth + 1);
    }
  };
  walk((w.linmapViews[id]!.scenegraph().root) as { items?: unknown[] }, 0);
  return { width: Number(svg.getAttribute("width")), height: Number(svg.getAttribute("height")), outside, legendLabels, axes, items };
}

/** The legend entries a spec asks for: the domain of every scale with a legend. */
function legendEntries(spec: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (x: unknown) => {
    if (!x || typeof x !== "object") return;
    const o = x as Record<string, unknown>;
    for (const ch of ["color", "fill", "strokeDash", "shape"]) {
      const e = o[ch] as { field?: string; legend?: unknown; scale?: { domain?: unknown } } | undefined;
      if (e?.field && e.legend !== null && Array.isArray(e.scale?.domain)) for (const v of e.scale!.domain as string[]) found.add(v);
    }
    for (const v of Object.values(o)) visit(v);
  };
  visit(spec);
  return found;
}

/** Invalid and shared ranges of the final map, merged where they touch. */
function attributeRanges(r: SimResult): { lane: string; start: number; end: number }[] {
  const map = new LinearMap(r.geometry, r.finalMap.memstart);
  map.root = r.finalMap.root;
  const out: { lane: string; start: number; end: number }[] = [];
  for (const b of r.banks) {
    const segs = map.leafSegments(b.start, b.end, false);
    for (const [lane, has] of [["invalid", (bits: number) => (bits & VALID) === 0], ["shared (decrypted)", (bits: number) => (bits & NS_SHARED) !== 0]] as const) {
      let cur: { start: bigint; end: bigint } | undefined;
      for (const s of segs) {
        if (!has(s.bits)) continue;
        if (cur && cur.end === s.start) cur.end = s.end;
        else {
          if (cur) out.push({ lane, start: Number(cur.start), end: Number(cur.end) });
          cur = { start: s.start, end: s.end };
        }
      }
      if (cur) out.push({ lane, start: Number(cur.start), end: Number(cur.end) });
    }
  }
  return out;
}

function isPow2(n: bigint): boolean {
  return n > 0n && (n & (n - 1n)) === 0n;
}

/** Hex labels, evenly spaced by a power of two, each a multiple of it. */
export function alignedHex(labels: readonly string[]): string | undefined {
  if (labels.length < 2) return `only ${labels.length} tick labels`;
  const bad = labels.find((l) => !/^0x[0-9a-f]+$/.test(l));
  if (bad) return `label ${bad} is not hex`;
  // The DOM keeps reused label nodes in update order, not axis order.
  const v = labels.map((l) => BigInt(l)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const step = v[1]! - v[0]!;
  if (!isPow2(step)) return `step ${step.toString(16)} is not a power of two`;
  for (let i = 0; i < v.length; i++) {
    if (v[i]! % step !== 0n) return `0x${v[i]!.toString(16)} is not a multiple of 0x${step.toString(16)}`;
    if (i > 0 && v[i]! - v[i - 1]! !== step) return `uneven step at 0x${v[i]!.toString(16)}`;
  }
  return undefined;
}

const names = [...exampleNames(), ...stressNames()];
let browser: BrowserContext;
let profile: string;
let page: Page;
const drawn = new Map<string, Drawn>();
const examples = new Map<string, ExampleCharts>();

beforeAll(async () => {
  mkdirSync(out, { recursive: true });
  const divs: string[] = [];
  const specs: Record<string, unknown> = {};
  for (const name of names) {
    const ex = exampleCharts(name);
    examples.set(name, ex);
    for (const kind of KINDS) {
      const id = `c-${name}-${kind}`;
      divs.push(`<div id="${id}"></div>`);
      specs[id] = ex.charts[kind].spec;
    }
  }
  const html = `<!doctype html><html><head><meta charset="utf-8">${vendorScripts()}</head><body style="margin:0">${divs.join("\n")}
<script>
const specs = ${JSON.stringify(specs).replace(/</g, "\\u003c")};
window.linmapViews = {};
window.linmapReady = Promise.all(Object.entries(specs).map(([id, s]) => vegaEmbed("#" + id, s, { renderer: "svg", actions: false }).then((r) => { window.linmapViews[id] = r.view; })));
</script></body></html>`;
  const file = join(out, "all-charts.html");
  writeFileSync(file, html);
  // A fresh profile each run, so no state from another run changes what is drawn.
  profile = mkdtempSync(join(tmpdir(), "linmap-charts-"));
  browser = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, viewport: { width: 1000, height: 900 } });
  page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`file://${file}`);
  await page.evaluate(async () => {
    await (window as unknown as { linmapReady: Promise<unknown> }).linmapReady;
  });
  expect(errors).toEqual([]);
  for (const id of Object.keys(specs)) drawn.set(id, await page.evaluate(inspect, id));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe.each(names)("%s", (name) => {
  it.each([...KINDS])("%s: fits in 900 px, draws nothing outside the view, shows every legend entry", (kind) => {
    const d = drawn.get(`c-${name}-${kind}`)!;
    expect(d.width).toBeLessThanOrEqual(MAX_WIDTH);
    expect(d.outside).toEqual([]);
    const shown = new Set(d.legendLabels.filter((l) => l.inside).map((l) => l.text));
    const missing = [...legendEntries(examples.get(name)!.charts[kind].spec)].filter((e) => !shown.has(e));
    expect(missing).toEqual([]);
  });

  it.each(["map", "compare"] as const)("%s: address ticks are hex on aligned power-of-two boundaries", (kind) => {
    const axes = drawn.get(`c-${name}-${kind}`)!.axes.filter((a) => /address/.test(a.title));
    expect(axes.length).toBeGreaterThan(0);
    for (const a of axes) expect(alignedHex(a.labels), a.labels.join(" ")).toBeUndefined();
  });

  it("map: every range a call touched and every invalid or shared range has a mark at least 2 px wide", () => {
    const ex = examples.get(name)!;
    const items = drawn.get(`c-${name}-map`)!.items.filter((i) => i.lane !== undefined && i.width >= 2);
    const covered = (lane: string, s: number, e: number) => items.some((i) => i.lane === lane && i.start! <= s && i.end! >= e);
    // Every range every call touched: targets, vmalloc pages, the pools the kernel chose.
    for (const c of ex.result.calls) for (const t of c.touched) expect(covered("calls", Number(t.start), Number(t.end)), `${c.call} ${c.label}`).toBe(true);
    for (const a of attributeRanges(ex.result)) expect(covered(a.lane, a.start, a.end), `${a.lane} 0x${a.start.toString(16)}`).toBe(true);
  });

  it("compare: every invalid or shared range of each kernel's map has a mark at least 2 px wide", () => {
    const ex = examples.get(name)!;
    const items = drawn.get(`c-${name}-compare`)!.items.filter((i) => i.lane !== undefined && i.width >= 2);
    for (const run of ex.runs) {
      for (const a of attributeRanges(run.result)) {
        const lane = `${run.version} · ${a.lane}`;
        expect(items.some((i) => i.lane === lane && i.start! <= a.start && i.end! >= a.end), `${lane} 0x${a.start.toString(16)}`).toBe(true);
      }
    }
  });

  it("timeline: every call has a mark, and no two sit on the same spot", () => {
    const ex = examples.get(name)!;
    const points = drawn.get(`c-${name}-timeline`)!.items.filter((i) => i.marktype === "symbol" && i.call !== undefined && i.width >= 2);
    expect(points.length).toBe(ex.result.calls.length);
    const centres = points.map((p) => `${Math.round((p.box.x1 + p.box.x2) / 2)},${Math.round((p.box.y1 + p.box.y2) / 2)}`);
    expect(centres.length - new Set(centres).size).toBe(0);
  });
});

describe("zoom on the address axis", () => {
  it("a wheel over a bank panel zooms in and the ticks stay hex on aligned boundaries", async () => {
    const id = "c-realm-its-map";
    const before = drawn.get(id)!.axes.find((a) => /address/.test(a.title))!.labels;
    const plot = (await page.$(`#${id} svg .mark-rect.role-mark`))!;
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    const after = (await page.evaluate(inspect, id)).axes.find((a) => /address/.test(a.title))!.labels;
    expect(after).not.toEqual(before);
    expect(alignedHex(after), after.join(" ")).toBeUndefined();
    const step = (l: readonly string[]) => { const v = l.map((x) => BigInt(x)).sort((a, b) => (a < b ? -1 : 1)); return v[1]! - v[0]!; };
    expect(step(after)).toBeLessThan(step(before));
  });
});
