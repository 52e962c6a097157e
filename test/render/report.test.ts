// The HTML report opened in headless Chromium with the network cut off: every chart draws an
// SVG with marks, the console stays clean, every chart fits 900 px (or --chart-width), and a
// screenshot is kept under test/output/.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";

const root = join(import.meta.dirname, "..", "..");
const out = join(root, "test", "output");

describe("linmap run --html", () => {
  it("writes a page that draws every chart offline, with no console errors", async () => {
    mkdirSync(out, { recursive: true });
    const page1 = join(out, "report-realm-its.html");
    const r = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "run", "grammar/examples/valid/realm-its.linmap", "--html", page1], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    const html = readFileSync(page1, "utf8");
    expect(html).toContain('class="tok-call"');
    expect(html).not.toMatch(/<script[^>]+src=/);

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto(`file://${page1}`);
      await page.evaluate(async () => {
        await (window as unknown as { linmapCharts: Promise<unknown> }).linmapCharts;
        return true;
      });
      const marks = await page.$$eval(".linmap-chart", (divs) => divs.map((d) => d.querySelectorAll("svg .mark-rect path, svg .mark-symbol path, svg .mark-line path, svg .mark-area path").length));
      expect(marks.length).toBe(3);
      for (const n of marks) expect(n).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      // Every chart fits the default 900 px.
      const widths = await page.$$eval(".linmap-chart svg", (svgs) => svgs.map((s) => Number(s.getAttribute("width"))));
      for (const w of widths) expect(w).toBeLessThanOrEqual(900);
      await page.screenshot({ path: join(out, "report-realm-its.png"), fullPage: true });

      // --chart-width narrows every chart of a compare report.
      const page2 = join(out, "report-compare-640.html");
      const c = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "compare", "grammar/examples/valid/swiotlb-preinit.linmap", "--policies", "v7.0,v7.1", "--html", page2, "--chart-width", "640"], { cwd: root, encoding: "utf8" });
      expect(c.status).toBe(0);
      await page.goto(`file://${page2}`);
      await page.evaluate(async () => {
        await (window as unknown as { linmapCharts: Promise<unknown> }).linmapCharts;
        return true;
      });
      const narrow = await page.$$eval(".linmap-chart svg", (svgs) => svgs.map((s) => Number(s.getAttribute("width"))));
      expect(narrow.length).toBe(4);
      for (const w of narrow) expect(w).toBeLessThanOrEqual(640);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe("--chart-width", () => {
  it("refuses a width that is not a whole number of pixels of at least 480", () => {
    for (const bad of ["7", "640.5", "wide"]) {
      const r = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "run", "grammar/examples/valid/realm-its.linmap", "--html", join(out, "never.html"), "--chart-width", bad], { cwd: root, encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--chart-width wants a whole number of pixels, at least 480; got "${bad}"`);
    }
  });
});
