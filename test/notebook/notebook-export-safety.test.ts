// `linmap notebook export` of a hostile notebook, opened in headless Chromium: none of the
// payloads in its markdown runs, even when every link is clicked, while what Jupyter renders
// from markdown (tables, images, code, task lists, math as text) is still there. The export
// runs the notebook, so stored outputs are replaced; the page builder is also given hostile
// outputs and execution counts directly, for callers that export a notebook as it is.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openOffline, type OfflinePage } from "../support/headless-chromium.js";
import { notebookHtml } from "../../src/notebook/notebook-export.js";
import type { Notebook } from "../../src/notebook/notebook-file.js";

const root = join(import.meta.dirname, "..", "..");
const out = join(root, "test", "output");

/** Each payload, if it runs, records its name in window.top.__fired. */
const fire = (name: string) => `(window.top.__fired=(window.top.__fired||[]).concat('${name}'))`;

const MARKDOWN_PAYLOADS = [
  `<script>${fire("script")}</script>`,
  `<img src="x" onerror="${fire("img-onerror")}">`,
  `<svg><script>${fire("svg-script")}</script></svg><svg onload="${fire("svg-onload")}"></svg>`,
  `<iframe srcdoc="<script>${fire("iframe-srcdoc").replace(/'/g, "&#39;")}</script>"></iframe>`,
  `<details open ontoggle="${fire("details-ontoggle")}"><summary>s</summary>x</details>`,
  `<input autofocus onfocus="${fire("input-onfocus")}">`,
  `<object data="javascript:${fire("object")}"></object><embed src="javascript:${fire("embed")}">`,
  `<form action="javascript:${fire("form")}"><button id="submit-me">go</button></form>`,
  `<a href="javascript:${fire("a-javascript")}">a plain script link</a>`,
  `<a href="JaVaScRiPt:${fire("a-mixed-case")}">mixed case</a>`,
  `<a href="&#106;avascript:${fire("a-entity")}">entity-encoded</a>`,
  `<a href="data:text/html,<script>${fire("a-data")}</script>">data: link</a>`,
  `[a markdown script link](javascript:${fire("md-link")})`,
  `<video><source onerror="${fire("video-source")}"></video>`,
  `<style>body { background: url("javascript:${fire("style")}") }</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${fire("meta-refresh")}">`,
  // Last: left open, it swallows what follows into a <style> in an unsanitised page.
  `<math><mtext><table><mglyph><style><img src=x onerror="${fire("mxss")}">`,
];

const KEPT = [
  "# Findings",
  "| call | rc |\n|:-----|---:|\n| its_alloc_pages_node | -EINVAL |",
  "![a pixel](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==)",
  "```linmap\nbuffer b size 64K\n```",
  "- [x] checked\n- [ ] open",
  "The page count is $2^{9} + 1$, inline `code` and **bold** stay.",
  '<a href="https://example.org/">a normal link</a>',
];

function notebook(cells: unknown[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: "linmap", display_name: "linmap", language: "linmap" } }, cells } as unknown as Notebook;
}
const md = (source: string) => ({ cell_type: "markdown", metadata: {}, source });

function hostileMarkdown(): Notebook {
  return notebook([...KEPT.map(md), ...MARKDOWN_PAYLOADS.map(md), { cell_type: "code", id: "c1", metadata: {}, execution_count: null, source: 'machine { memory 0x8000_0000 size 2G }\nprint "ran"', outputs: [] }]);
}

function hostileOutputs(): Notebook {
  return notebook([
      {
        cell_type: "code",
        id: "c1",
        metadata: {},
        // An execution count is the notebook author's too.
        execution_count: `<img src=x onerror="${fire("execution-count")}">`,
        source: "show calls",
        outputs: [
          { output_type: "display_data", metadata: {}, data: { "text/html": `<table style="border-collapse:collapse"><tr><td style="border:1px solid #ccc">kept</td></tr></table><script>${fire("output-html")}</script><img src=x onerror="${fire("output-img")}">`, "text/plain": "x" } },
          { output_type: "display_data", metadata: {}, data: { "image/png": `iVBORw0KGgo=" onerror="${fire("png-attribute")}`, "text/plain": "x" } },
        ],
      },
  ]);
}

/**
 * Waits for load-time handlers, then clicks every link and button, collecting what fired
 * before coming back from any navigation (which would reset the page's record).
 */
async function provoke(view: OfflinePage, file: string): Promise<{ fired: string[]; dialogs: string[] }> {
  const dialogs: string[] = [];
  view.page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const fired = new Set<string>();
  const collect = async () => {
    const now = await view.page.evaluate(() => (window as unknown as { __fired?: string[] }).__fired ?? []).catch(() => []);
    for (const f of now) fired.add(f);
  };
  await view.page.waitForTimeout(500);
  await collect();
  const targets = await view.page.$$eval("a, button", (els) => els.length);
  for (let i = 0; i < targets; i++) {
    const el = (await view.page.$$("a, button"))[i];
    await el?.click({ force: true, noWaitAfter: true }).catch(() => undefined);
    await view.page.waitForTimeout(100);
    await collect();
    if (!view.page.url().startsWith("file:")) await view.page.goto(`file://${file}`);
  }
  return { fired: [...fired], dialogs };
}

/** No attribute that runs script or loads a frame, in the page's body (the vendored vega scripts in the head are not the notebook's). */
function scriptingAttributes(html: string): string | undefined {
  return /javascript:|\son\w+=|srcdoc|<iframe|<object|<embed|<script(?![^>]*>\s*const specs)/i.exec(html.slice(html.indexOf("</head>")))?.[0];
}

describe("linmap notebook export of a hostile notebook", () => {
  it("runs none of the markdown's payloads and keeps tables, images, code, task lists and math", async () => {
    mkdirSync(out, { recursive: true });
    const nbFile = join(out, "hostile.ipynb");
    const page = join(out, "notebook-hostile.html");
    writeFileSync(nbFile, JSON.stringify(hostileMarkdown()));
    const r = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "notebook", "export", nbFile, "--html", page], { cwd: root, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(scriptingAttributes(readFileSync(page, "utf8"))).toBeUndefined();

    const view = await openOffline(page);
    try {
      expect(await provoke(view, page)).toEqual({ fired: [], dialogs: [] });
      const kept = await view.page.evaluate(() => ({
        heading: document.querySelector(".md h1")?.textContent,
        tableCells: [...document.querySelectorAll(".md table td")].map((td) => td.textContent),
        rightAligned: (document.querySelector(".md table td:nth-child(2)") as HTMLElement | null)?.getAttribute("align"),
        image: (document.querySelector(".md img") as HTMLImageElement | null)?.naturalWidth,
        code: document.querySelector(".md pre code")?.className,
        checkboxes: [...document.querySelectorAll<HTMLInputElement>(".md input[type=checkbox]")].map((c) => [c.checked, c.disabled]),
        math: [...document.querySelectorAll(".md p")].some((p) => p.textContent?.includes("$2^{9} + 1$")),
        normalLink: (document.querySelector('.md a[href="https://example.org/"]') as HTMLAnchorElement | null)?.textContent,
        output: document.querySelector("pre.out")?.textContent,
      }));
      expect(kept).toEqual({
        heading: "Findings",
        tableCells: ["its_alloc_pages_node", "-EINVAL"],
        rightAligned: "right",
        image: 1,
        code: "language-linmap",
        checkboxes: [[true, true], [false, true]],
        math: true,
        normalLink: "a normal link",
        output: "ran\n",
      });
    } finally {
      await view.close();
    }
  }, 120_000);

  it("runs none of the payloads in stored outputs and execution counts, and keeps the outputs' tables", async () => {
    mkdirSync(out, { recursive: true });
    const page = join(out, "notebook-hostile-outputs.html");
    writeFileSync(page, notebookHtml(hostileOutputs(), "hostile outputs"));
    expect(scriptingAttributes(readFileSync(page, "utf8"))).toBeUndefined();
    const view = await openOffline(page);
    try {
      expect(await provoke(view, page)).toEqual({ fired: [], dialogs: [] });
      const kept = await view.page.evaluate(() => ({
        prompt: document.querySelector(".prompt")?.textContent,
        outputTable: document.querySelector(".out.html td")?.textContent,
        outputStyle: (document.querySelector(".out.html td") as HTMLElement | null)?.style.border,
      }));
      expect(kept).toEqual({ prompt: "In [ ]:", outputTable: "kept", outputStyle: "1px solid rgb(204, 204, 204)" });
    } finally {
      await view.close();
    }
  }, 120_000);
});
