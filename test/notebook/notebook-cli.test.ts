// `linmap notebook run` and `linmap notebook export`: headless runs that fail on errors and
// failed expectations, outputs byte-identical between runs, and an exported page that draws
// its charts offline in headless Chromium.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chromium } from "playwright-core";

const root = join(import.meta.dirname, "..", "..");
const linmap = (...args: string[]) => spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8" });

describe("linmap notebook run", () => {
  it("runs every bundled notebook without errors", () => {
    const r = linmap("notebook", "run", "notebooks/realm-its.ipynb", "notebooks/window2.ipynb");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("notebooks/realm-its.ipynb: 14 cells run, 0 errors, 0 changed outputs");
  });

  it("stores outputs with --write, and a second run finds them byte-identical", () => {
    const dir = mkdtempSync(join(tmpdir(), "linmap-nb-"));
    const nb = join(dir, "granules.ipynb");
    copyFileSync(join(root, "notebooks", "granules.ipynb"), nb);
    expect(linmap("notebook", "run", "--write", nb).status).toBe(0);
    const first = readFileSync(nb, "utf8");
    expect(first).toContain('"execution_count": 9');
    expect(first).toContain("image/png");
    const again = linmap("notebook", "run", "--write", nb);
    expect(again.stdout).toContain("9 cells run, 0 errors, 0 changed outputs");
    expect(readFileSync(nb, "utf8")).toBe(first);
  });

  it("fails on a changed conclusion and names the cell and the expectation", () => {
    const dir = mkdtempSync(join(tmpdir(), "linmap-nb-"));
    const nb = join(dir, "changed.ipynb");
    const cell = (id: string, source: string) => ({ cell_type: "code", id, metadata: {}, outputs: [], execution_count: null, source });
    writeFileSync(nb, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
      cell("a", 'machine { memory 0x8000_0000 size 2G }\nkernel { realm; cmdline "rodata=on" }\nbuffer b at 0x9000_0000 size 64K\nboot { at init_IRQ: its_alloc_pages_node b }'),
      cell("b", "expect its_alloc_pages_node b == -EINVAL\nrun"),
    ] }));
    const r = linmap("notebook", "run", nb);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${nb}: In[2]: ExpectationFailed: 1 expectation failed`);
    expect(r.stdout).toContain("In[2]:1:1: expect its_alloc_pages_node b == -EINVAL (returns 0 (expected -EINVAL))");
  });
});

describe("linmap notebook export", () => {
  it("writes one page with the prose, the code and the charts drawn offline", async () => {
    const out = join(root, "test", "output");
    mkdirSync(out, { recursive: true });
    const page = join(out, "notebook-window2.html");
    expect(linmap("notebook", "export", "notebooks/window2.ipynb", "--html", page).status).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toContain("<h1>Window 2: a call while the secondaries come online</h1>");
    expect(html).toContain('class="tok-call"');
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const requests: string[] = [];
      p.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
      p.on("pageerror", (e) => errors.push(String(e)));
      await p.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : (requests.push(route.request().url()), route.abort())));
      await p.goto(`file://${page}`);
      await p.evaluate(async () => {
        await (window as unknown as { linmapCharts: Promise<unknown> }).linmapCharts;
        return true;
      });
      const marks = await p.$$eval(".linmap-chart", (divs) => divs.map((d) => d.querySelectorAll("svg path").length));
      expect(marks.length).toBe(2);
      for (const n of marks) expect(n).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await p.screenshot({ path: join(out, "notebook-window2.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
