// One result in every face, through a real Jupyter client: every bundled example and
// real-dump scenario, and every linmap notebook cell by cell, run in the linmap kernel with
// jupyter_client (Debian's package, /usr/bin/python3; installed by the test when missing).
// Each `run` output agrees with the CLI's `run --json` of the same scenario on the calls and
// their return codes, the WARNs, the page-table pages and the notes (in text/plain and
// text/html), and `show ptdump` on the ptdump lines.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import escapeHtml from "escape-html";
import { beforeAll, describe, expect, it } from "vitest";
import { PYTHON, ensureJupyter, jupyterEnv, kernelspecPath } from "../../scripts/jupyter-env.mjs";
import { fc } from "@fast-check/vitest";
import { analyzeScenario, hasErrors, parseScenario } from "../../src/lang/index.js";
import { scenarioArb } from "../support/scenario-arbitrary.js";
import { splitMagics } from "../../src/kernel/notebook-session.js";

const root = join(import.meta.dirname, "..", "..");
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  const missing = ensureJupyter();
  if (missing) throw new Error(missing);
  env = jupyterEnv(kernelspecPath(root));
}, 300_000);

interface Output {
  readonly type: string;
  readonly plain: string;
  readonly html: string;
}
interface CellRun {
  readonly status: string;
  readonly outputs: Output[];
}

/** Runs sessions of cells in one kernel started in `dir` (relative dump files are read from there). */
function kernelSessions(dir: string, sessions: string[][]): CellRun[][] {
  const out = join(mkdtempSync(join(tmpdir(), "linmap-faces-")), "outputs.json");
  const r = spawnSync(PYTHON, [join(root, "test", "faces", "kernel_faces.py"), out], { cwd: dir, input: JSON.stringify(sessions), env, encoding: "utf8", timeout: 600_000, maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(readFileSync(out, "utf8")) as CellRun[][];
}

interface CliResult {
  readonly calls: { id: number; call: string; origin: string; rcName: string }[];
  readonly warnCount: number;
  readonly stats: { pagetablePages: number };
  readonly ptdump: string[];
  readonly notes: string[];
  readonly provenance: { version: string };
}

function cliRun(dir: string, text: string, policy?: string): CliResult {
  const r = spawnSync(process.execPath, [join(root, "bin", "linmap.js"), "run", "-", "--json", ...(policy ? ["--policy", policy] : [])], { cwd: dir, input: text, encoding: "utf8", maxBuffer: 256 << 20 });
  return JSON.parse(r.stdout) as CliResult;
}

const OUTPUT_KINDS = new Set(["print", "show", "run", "compare", "chart", "sweep"]);

/** The scenario without its output commands, blanked so lines keep their numbers. */
function definitions(text: string): string {
  const { ast } = parseScenario(text, "x");
  let out = text;
  for (const item of ast.items) {
    if (!OUTPUT_KINDS.has(item.kind)) continue;
    const { offset: a } = item.range.start;
    const { offset: b } = item.range.end;
    out = out.slice(0, a) + out.slice(a, b).replace(/[^\n]/g, " ") + out.slice(b);
  }
  return out;
}

/** A `run` output says what the CLI's result says. */
function expectRunAgrees(run: Output, cli: CliResult): void {
  const head = run.plain.split("\n")[0]!;
  expect(head.startsWith(`${cli.provenance.version} (policy `)).toBe(true);
  expect(head).toContain(` · ${cli.warnCount} WARN${cli.warnCount === 1 ? "" : "s"} · ${cli.stats.pagetablePages} page-table pages`);
  const rows = run.plain.split("\n");
  for (const c of cli.calls) {
    const row = rows.find((l) => l.startsWith(`${c.id} `));
    expect(row, `call ${c.id}`).toBeDefined();
    const cells = row!.split(/\s{2,}/);
    expect(cells).toContain(c.origin === "kernel" ? `${c.call} (kernel)` : c.call);
    expect(cells).toContain(c.rcName);
  }
  for (const n of cli.notes) {
    expect(run.plain).toContain(`  - ${n}`);
    expect(run.html).toContain(escapeHtml(n));
  }
}

const groups = [
  { dir: "grammar/examples/valid", files: readdirSync(join(root, "grammar/examples/valid")).filter((f) => f.endsWith(".linmap")).sort() },
  { dir: "test/realdata", files: readdirSync(join(root, "test/realdata")).filter((f) => f.endsWith(".linmap")).sort() },
];

describe.each(groups)("the kernel and the CLI show one result: $dir", ({ dir, files }) => {
  let runs: CellRun[][] = [];
  beforeAll(() => {
    runs = kernelSessions(join(root, dir), files.map((f) => [definitions(readFileSync(join(root, dir, f), "utf8")), "show ptdump\nrun"]));
  }, 600_000);

  it.each(files.map((f, i) => [f, i] as const))("%s", (file, i) => {
    const [defined, shown] = runs[i]!;
    expect(defined!.status, defined!.outputs.map((o) => o.plain).join("\n")).toBe("ok");
    expect(shown!.status, shown!.outputs.map((o) => o.plain).join("\n")).toBe("ok");
    const cli = cliRun(join(root, dir), definitions(readFileSync(join(root, dir, file), "utf8")));
    const ptdump = shown!.outputs.find((o) => o.plain.startsWith("---[ Linear Mapping start ]---"))!;
    expect(ptdump.plain.split("\n")).toEqual(cli.ptdump);
    expect(ptdump.html).toContain(escapeHtml(cli.ptdump[1]!));
    expectRunAgrees(shown!.outputs.find((o) => o.type === "execute_result")!, cli);
  });
});

// Scenarios not in the repository: generated from the grammar (seeded), those the checker
// admits, through the same two faces.
const GENERATED = Number(process.env["LINMAP_FACES_RUNS"] ?? 40);
const generated = fc
  .sample(scenarioArb, { numRuns: GENERATED * 6, seed: 20261202 })
  .map(definitions)
  .filter((t) => !hasErrors(analyzeScenario(t, "-").diagnostics))
  .slice(0, GENERATED);

describe("generated scenarios: the kernel and the CLI show one result", () => {
  let runs: CellRun[][] = [];
  beforeAll(() => {
    runs = kernelSessions(root, generated.map((t) => [t, "show ptdump\nrun"]));
  }, 600_000);

  it(`${GENERATED} admitted scenarios agree`, () => {
    expect(generated.length).toBe(GENERATED);
    generated.forEach((text, i) => {
      const [defined, shown] = runs[i]!;
      expect(defined!.status, `${text}\n${defined!.outputs.map((o) => o.plain).join("\n")}`).toBe("ok");
      const cli = cliRun(root, text);
      const ptdump = shown!.outputs.find((o) => o.plain.startsWith("---[ Linear Mapping start ]---"));
      expect(ptdump?.plain.split("\n"), text).toEqual(cli.ptdump);
      // A failed expectation fails the cell, after the run's output.
      expectRunAgrees(shown!.outputs.find((o) => o.type === "execute_result")!, cli);
    });
  }, 600_000);
});

interface NotebookCell {
  readonly cell_type: string;
  readonly source: string | string[];
}

const notebooks = readdirSync(join(root, "notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort()
  .map((f) => ({ file: f, nb: JSON.parse(readFileSync(join(root, "notebooks", f), "utf8")) as { metadata: { kernelspec?: { name?: string } }; cells: NotebookCell[] } }))
  .filter((n) => n.nb.metadata.kernelspec?.name === "linmap")
  .map((n) => ({ file: n.file, cells: n.nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)) }));

/** The name an item defines: a later definition of it replaces the earlier, as in the kernel. */
function definedName(item: ReturnType<typeof parseScenario>["ast"]["items"][number]): string | undefined {
  if (item.kind === "machine" || item.kind === "cpus" || item.kind === "kernel") return `block:${item.kind}`;
  if (item.kind === "buffer" || item.kind === "vmalloc") return `buffer:${item.name.text}`;
  if (item.kind === "load" || item.kind === "policy") return `${item.kind}:${item.name.text}`;
  return undefined;
}

/**
 * What the CLI runs for each `run` cell of a notebook: the definitions of the cells since the
 * last %reset (a name defined again replaces its earlier definition), under the last %policy.
 */
function cliScenarios(cells: readonly string[]): Map<number, { text: string; policy?: string }> {
  const out = new Map<number, { text: string; policy?: string }>();
  let defs: { name?: string; text: string }[] = [];
  let policy: string | undefined;
  cells.forEach((cell, i) => {
    const { magics, rest } = splitMagics(cell);
    for (const m of magics) {
      if (m === "%reset") [defs, policy] = [[], undefined];
      const p = /^%policy\s+(\S+)/.exec(m);
      if (p) policy = p[1];
    }
    if (rest.trim() === "") return;
    const { ast } = parseScenario(rest, "x");
    for (const item of ast.items) {
      if (OUTPUT_KINDS.has(item.kind)) continue;
      const name = definedName(item);
      if (name) defs = defs.filter((d) => d.name !== name);
      defs.push({ ...(name ? { name } : {}), text: rest.slice(item.range.start.offset, item.range.end.offset) });
    }
    if (ast.items.some((it) => it.kind === "run")) out.set(i, { text: `${defs.map((d) => d.text).join("\n")}\n`, ...(policy ? { policy } : {}) });
  });
  return out;
}

describe("every linmap notebook, cell by cell, shows the CLI's result at each run", () => {
  let runs: CellRun[][] = [];
  beforeAll(() => {
    runs = kernelSessions(join(root, "notebooks"), notebooks.map((n) => n.cells));
  }, 600_000);

  it.each(notebooks.map((n, i) => [n.file, i] as const))("%s", (_file, i) => {
    const nb = notebooks[i]!;
    const cells = runs[i]!;
    cells.forEach((c, k) => expect(c.status, `cell ${k + 1}: ${c.outputs.map((o) => o.plain).join("\n")}`).toBe("ok"));
    const expected = cliScenarios(nb.cells);
    for (const [k, s] of expected) {
      const run = cells[k]!.outputs.find((o) => o.type === "execute_result");
      expect(run, `cell ${k + 1} has a run output`).toBeDefined();
      expectRunAgrees(run!, cliRun(join(root, "notebooks"), s.text, s.policy));
    }
    // Whatever a cell shows of a result ends with the model's notes, as the CLI prints them.
    for (const c of cells) {
      const shows = c.outputs.filter((o) => o.type === "display_data" && o.plain.startsWith("---[ Linear Mapping start ]---"));
      if (shows.length > 0 && !c.outputs.some((o) => o.type === "execute_result")) expect(c.outputs.at(-1)!.plain.startsWith("notes:")).toBe(true);
    }
  });
});
