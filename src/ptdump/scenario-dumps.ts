// Real dumps named by a scenario: `load ptdump "dump.txt" as NAME` (shown beside the
// simulation by `show ptdump` and `chart map`) and `expect ptdump matches "dump.txt" [RANGE]`
// (an expectation: the simulated linear map is the real one, line for line by offset).
// Files are read relative to the scenario's directory; this is the only module of the
// language's ptdump features that touches the file system. The map chart with the dumps is in
// ./scenario-dump-charts.ts, so that a run without charts does not load them.
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { ExpectPtdumpItem, LoadItem, Scenario } from "../lang/ast.js";
import type { ExpectationResult, SimResult } from "../sim/index.js";
import type { PhysRange } from "../sim/program.js";
import { linearSection, parsePtdump, type LinearSection, type PtdumpEntry } from "./parse.js";
import { simulatedSection } from "./simulated.js";
import { diffDumps, renderDiff } from "./diff.js";

export const scenarioDumpMsg = {
  cannotRead: (file: string, why: string) => `cannot read ${file}: ${why}`,
  notDump: (file: string) => `${file} has no linear-map lines`,
  differs: (file: string, onlyReal: number, onlySim: number, first: string) =>
    `differs from ${file}: ${onlyReal} line${onlyReal === 1 ? "" : "s"} only in the dump, ${onlySim} only in the simulation; first: ${first}`,
  heading: (name: string, file: string) => `ptdump ${name} (${file}) against the simulation:`,
  chartTitle: (version: string) => `linear map · ${version} · the loaded real dumps above the simulation`,
  stripTitle: (name: string, range: string) => `${name} (real) · ${range} (PA, placed by offset from the linear map's start)`,
} as const;

/** Where a scenario's relative file names are read from. */
export function scenarioDir(source: string): string {
  return /^(<.*>|In\[\d*\])$/.test(source) ? process.cwd() : dirname(resolve(source));
}

function readDump(file: string, baseDir: string, r: SimResult): LinearSection | string {
  const path = isAbsolute(file) ? file : join(baseDir, file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = e && typeof e === "object" && "code" in e ? String(e.code) : "";
    return scenarioDumpMsg.cannotRead(file, code === "ENOENT" ? "no such file" : e instanceof Error ? e.message : String(e));
  }
  const s = linearSection(parsePtdump(text), { granule: r.geometry.granule, vaBits: r.geometry.vaBits });
  return s.geometry && s.entries.length > 0 ? s : scenarioDumpMsg.notDump(file);
}

/** The part of a section over [from, to) offsets from the start of the linear map, lines clipped. */
export function clipSection(s: LinearSection, from: bigint, to: bigint): LinearSection {
  const base = s.geometry?.pageOffset ?? 0n;
  const entries: PtdumpEntry[] = [];
  for (const e of s.entries) {
    const start = e.start - base > from ? e.start : base + from;
    const end = e.end - base < to ? e.end : base + to;
    if (start < end) entries.push({ ...e, start, end });
  }
  return { ...s, entries };
}

function windowOf(r: SimResult, region: PhysRange | undefined): [bigint, bigint] | undefined {
  if (!region) return undefined;
  const m = r.finalMap.memstart;
  return [region.start - m, region.end - m];
}

function regionOf(item: ExpectPtdumpItem): PhysRange | undefined {
  const g = item.region;
  if (!g) return undefined;
  return g.kind === "bounds" ? { start: g.start.value, end: g.end.value } : { start: g.start.value, end: g.start.value + g.size.value };
}

/** The result with the scenario's `expect ptdump matches` evaluated and appended. */
export function withPtdumpExpectations(ast: Scenario, r: SimResult, baseDir: string): SimResult {
  const items = ast.items.filter((i): i is ExpectPtdumpItem => i.kind === "expect-ptdump");
  if (items.length === 0) return r;
  const results: ExpectationResult[] = items.map((item) => {
    const region = regionOf(item);
    const text = `expect ${item.view.text} matches "${item.file}"${region ? ` ${rangeText(region)}` : ""}`;
    const source = { source: item.range.source, line: item.range.start.line, column: item.range.start.column };
    const real = readDump(item.file, baseDir, r);
    if (typeof real === "string") return { text, source, passed: false, actual: real };
    let sim = simulatedSection(r)!;
    let realSection = real;
    const w = windowOf(r, region);
    if (w) {
      realSection = clipSection(real, w[0], w[1]);
      sim = clipSection(sim, w[0], w[1]);
    }
    const d = diffDumps({ role: "real", name: item.file, section: realSection }, { role: "simulated", name: "simulation", section: sim });
    if (d.agree) return { text, source, passed: true, actual: "" };
    const first = d.hunks[0]!.lines.find((l) => l.startsWith("-") || l.startsWith("+")) ?? "";
    return { text, source, passed: false, actual: scenarioDumpMsg.differs(item.file, d.onlyReal, d.onlySimulated, first) };
  });
  return { ...r, expectations: [...r.expectations, ...results] };
}

function rangeText(p: PhysRange): string {
  return `[0x${p.start.toString(16)}..0x${p.end.toString(16)})`;
}

export interface LoadedDump {
  readonly name: string;
  readonly file: string;
  readonly section?: LinearSection;
  readonly error?: string;
}

/** The scenario's loaded dumps (the last `load` of each name). */
export function loadedDumps(ast: Scenario, r: SimResult, baseDir: string): LoadedDump[] {
  const byName = new Map<string, LoadItem>();
  for (const i of ast.items) if (i.kind === "load") byName.set(i.name.text, i);
  return [...byName.values()].map((i) => {
    const s = readDump(i.file, baseDir, r);
    return typeof s === "string" ? { name: i.name.text, file: i.file, error: s } : { name: i.name.text, file: i.file, section: s };
  });
}

/** What `show ptdump [RANGE]` prints after the simulated dump for each loaded one: the diff report. */
export function loadedDumpReports(ast: Scenario, r: SimResult, baseDir: string, range?: PhysRange): string[] {
  return loadedDumps(ast, r, baseDir).map((d) => {
    const head = scenarioDumpMsg.heading(d.name, d.file);
    if (!d.section) return `${head}\n${d.error}`;
    const w = windowOf(r, range);
    const real = w ? clipSection(d.section, w[0], w[1]) : d.section;
    const sim = w ? clipSection(simulatedSection(r)!, w[0], w[1]) : simulatedSection(r)!;
    const report = renderDiff(diffDumps({ role: "real", name: `${d.name} (${d.file})`, section: real }, { role: "simulated", name: `simulation (${r.provenance.version})`, section: sim }));
    return `${head}\n${report.trimEnd()}`;
  });
}
