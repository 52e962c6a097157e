// The machine-readable result (`linmap run --json`): stable key order, addresses as hex
// strings, a provenance header and a SHA-256 content hash over everything else, so two runs
// of the same scenario give byte-identical JSON. Its shape is schema/result.schema.json.
import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";
import { hex } from "../catalog/index.js";
import type { SimResult } from "../sim/index.js";
import { ptdumpLineText, ptdumpLines, ptdumpSize, type PtdumpLine } from "./ptdump.js";
import { leafSizeStats } from "./stats.js";

export const RESULT_SCHEMA_VERSION = 1;

function pages(p: { memblock: bigint; buddy: bigint; atomic: bigint }): { memblock: number; buddy: number; atomic: number } {
  return { memblock: Number(p.memblock), buddy: Number(p.buddy), atomic: Number(p.atomic) };
}

/**
 * One ptdump line as structured data, read from what it prints (so it says what the kernel's
 * ptdump says, invalid blocks hidden where that release hides them).
 */
export function ptdumpEntryJson(l: PtdumpLine): Record<string, unknown> {
  const fields = l.attrs.trim().split(/\s+/).filter((f) => f);
  const hole = fields.length === 0;
  return {
    start: hex(l.vaStart),
    end: hex(l.vaEnd),
    pa: { start: hex(l.start), end: hex(l.end) },
    level: l.level,
    size: ptdumpSize(l.end - l.start).trim(),
    hole,
    attributes: fields,
    valid: !hole && !fields.includes("F"),
    readOnly: fields.includes("ro"),
    contiguous: fields.includes("CON"),
    block: fields.includes("BLK"),
    nonGlobal: fields.includes("NG"),
    ...(hole ? {} : { memoryType: fields[fields.length - 1] }),
  };
}

/** The result as a plain JSON value (before hashing). */
export function resultJson(r: SimResult, scenario: string): Record<string, unknown> {
  return {
    schema: RESULT_SCHEMA_VERSION,
    provenance: { ...r.provenance, scenario },
    calls: r.calls.map((c) => ({
      id: c.id,
      step: c.step,
      relation: c.relation,
      cpu: c.cpu,
      call: c.call,
      origin: c.origin,
      target: c.label,
      ...(c.range ? { range: { start: hex(c.range.start), end: hex(c.range.end) } } : {}),
      rc: c.rc,
      rcName: c.rcName,
      warns: c.warns,
      splits: [...c.splits],
      contGroupsSplit: c.contGroupsSplit,
      pagetablePages: pages(c.pagetablePages),
      pagetablePagesFreed: Number(c.pagetablePagesFreed),
      tlbFlushes: c.tlbFlushes,
      invalidPagesLeft: Number(c.invalidPagesLeft),
      ...(c.source ? { source: c.source } : {}),
    })),
    log: [...r.log],
    ...ptdumpJson(r),
    stats: {
      pagetablePages: Number(r.stats.pagetablePages),
      perStep: r.stats.perStep.map((s) => ({ step: s.step, pagetablePages: pages(s.pagetablePages) })),
      leafSizes: leafSizeStats(r).map((s) => ({ leaf: s.leaf, bytes: hex(s.bytes) })),
    },
    expectations: r.expectations.map((e) => ({ ...e })),
    warnCount: r.warnCount,
    cpus: r.cpus.map((c) => ({ ...c })),
    linearMapRequiresBbml2: r.linearMapRequiresBbml2,
    systemBbml2: r.systemBbml2,
    notes: [...r.notes],
    interrupted: r.interrupted,
  };
}

function ptdumpJson(r: SimResult): { ptdump: string[]; ptdumpEntries: Record<string, unknown>[] } {
  const lines = ptdumpLines(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks });
  return {
    ptdump: ["---[ Linear Mapping start ]---", ...lines.map(ptdumpLineText), "---[ Linear Mapping end ]---"],
    ptdumpEntries: lines.map(ptdumpEntryJson),
  };
}

/** Canonical JSON text of `body` with its SHA-256 content hash, keys sorted. */
export function withContentHash(body: Record<string, unknown>): string {
  const canonical = stringify(body) ?? "";
  const contentHash = `sha256:${createHash("sha256").update(canonical).digest("hex")}`;
  return `${stringify({ ...body, contentHash }, null, 2)}\n`;
}

/** The result as a JSON value with its content hash (what `run --json` prints). */
export function resultWithHash(r: SimResult, scenario: string): Record<string, unknown> {
  return JSON.parse(withContentHash(resultJson(r, scenario))) as Record<string, unknown>;
}

/** The JSON text with its content hash, pretty-printed with sorted keys. */
export function renderJson(r: SimResult, scenario: string): string {
  return withContentHash(resultJson(r, scenario));
}
