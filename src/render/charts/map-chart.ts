// The `chart map` spec: the linear map as an address strip per memory bank (holes visible),
// coloured by leaf class, with lanes for the attributes that matter (read-only, invalid,
// shared/decrypted) and tooltips carrying the hex range and its ptdump line. Maps with more
// runs than a chart can draw are aggregated into bins, and the chart says so.
import { hexRange, sizeText } from "../../catalog/index.js";
import { LinearMap, NS_SHARED, RDONLY, VALID, type Geometry, type MapSnapshot, type SimResult } from "../../sim/index.js";
import type { PhysRange } from "../../sim/program.js";
import { ptdumpAttributes, ptdumpSize } from "../ptdump.js";
import { CLASS_COLOURS, HOLE, leafClass, leafClasses } from "./leaf-classes.js";

export const MAX_MARKS = 5000;

export interface MapRow {
  readonly bank: string;
  readonly lane: string;
  readonly start: number;
  readonly end: number;
  readonly leaf: string;
  readonly range: string;
  readonly ptdump: string;
}

export interface MapData {
  readonly rows: MapRow[];
  /** Bytes each mark stands for when aggregated; 0 when every run is drawn. */
  readonly binBytes: bigint;
}

function ptdumpLine(g: Geometry, memstart: bigint, start: bigint, end: bigint, level: number, bits: number): string {
  const va = (pa: bigint) => `0x${(g.pageOffset + (pa - memstart)).toString(16).padStart(16, "0")}`;
  return `${va(start)}-${va(end)}   ${ptdumpSize(end - start)} ${g.levels[level]!.name}${ptdumpAttributes(bits, level !== g.levels.length - 1)}`;
}

/** The strip's rows for the banks of `result` (or `range`), from `snapshot`. */
export function mapData(r: SimResult, snapshot: MapSnapshot, banks: readonly PhysRange[], range?: PhysRange): MapData {
  const g = r.geometry;
  const map = new LinearMap(g, snapshot.memstart);
  map.root = snapshot.root;
  const spans = (range ? banks.map((b) => ({ start: b.start > range.start ? b.start : range.start, end: b.end < range.end ? b.end : range.end })) : banks).filter((b) => b.start < b.end);
  const perBank = spans.map((b) => map.leafSegments(b.start, b.end, true));
  const total = perBank.reduce((n, s) => n + s.length, 0);
  const rows: MapRow[] = [];
  let binBytes = 0n;
  spans.forEach((b, i) => {
    const bank = hexRange(b.start, b.end);
    let segs = perBank[i]!;
    if (total > MAX_MARKS) {
      // Aggregate: fixed bins per bank in proportion to its runs; each bin takes the class of
      // the run covering most of it (ties to the smaller leaf, which is the interesting one).
      const bins = Math.max(1, Math.floor((MAX_MARKS / 2) * (segs.length / total)));
      // Bins are a power of two wide, so they line up with the map's own boundaries.
      let width = 1n;
      while (width * BigInt(bins) < b.end - b.start) width <<= 1n;
      binBytes = width > binBytes ? width : binBytes;
      const out: typeof segs = [];
      let k = 0;
      for (let s = b.start; s < b.end; s += width) {
        const e = s + width < b.end ? s + width : b.end;
        while (k < segs.length && segs[k]!.end <= s) k++;
        let best = segs[k]!;
        let bestCover = -1n;
        for (let j = k; j < segs.length && segs[j]!.start < e; j++) {
          const x = segs[j]!;
          const cover = (x.end < e ? x.end : e) - (x.start > s ? x.start : s);
          if (cover > bestCover || (cover === bestCover && x.level > best.level)) [best, bestCover] = [x, cover];
        }
        out.push({ ...best, start: s, end: e });
      }
      segs = out;
    }
    for (const s of segs) {
      const common = { bank, start: Number(s.start), end: Number(s.end), range: hexRange(s.start, s.end), ptdump: ptdumpLine(g, snapshot.memstart, s.start, s.end, s.level, s.bits) };
      rows.push({ ...common, lane: "leaf size", leaf: leafClass(g, s.level, s.bits) });
      if (s.bits === 0) continue;
      if ((s.bits & RDONLY) !== 0) rows.push({ ...common, lane: "read-only", leaf: "read-only" });
      if ((s.bits & VALID) === 0) rows.push({ ...common, lane: "invalid", leaf: "invalid" });
      if ((s.bits & NS_SHARED) !== 0) rows.push({ ...common, lane: "shared (decrypted)", leaf: "shared (decrypted)" });
    }
  });
  return { rows, binBytes };
}

export function mapTitle(r: SimResult, when: string | undefined, data: MapData): string {
  const p = r.provenance;
  const agg = data.binBytes > 0n ? ` · aggregated: one mark per ${sizeText(data.binBytes)} (the class covering most of it)` : "";
  return `linear map · ${p.version} · ${p.granule} granule${when ? ` · ${when}` : " · end of boot"}${agg}`;
}

/** The Vega-Lite spec of the map strip. */
export function mapSpec(r: SimResult, data: MapData, title: string, width = 900): Record<string, unknown> {
  const classes = leafClasses(r.geometry);
  const lanes = ["leaf size", "read-only", "invalid", "shared (decrypted)"];
  const banks = [...new Set(data.rows.map((x) => x.bank))];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title,
    data: { values: data.rows },
    facet: { row: { field: "bank", type: "nominal", title: null, sort: banks, header: { labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelOrient: "top", labelFontWeight: "bold" } } },
    resolve: { scale: { x: "independent" } },
    spec: {
      width,
      height: 90,
      mark: { type: "rect", tooltip: true },
      encoding: {
        x: { field: "start", type: "quantitative", title: "physical address", axis: { labelExpr: "'0x' + format(datum.value, 'x')", tickCount: 6, labelOverlap: true }, scale: { zero: false, nice: false } },
        x2: { field: "end" },
        y: { field: "lane", type: "nominal", sort: lanes, title: null },
        color: {
          field: "leaf",
          type: "nominal",
          title: "leaf",
          scale: { domain: [...classes, "read-only", "invalid", "shared (decrypted)"], range: [...CLASS_COLOURS.slice(0, classes.length - 1), "#eeeeee", "#9467bd", "#d62728", "#17becf"] },
        },
        tooltip: [
          { field: "range", title: "range" },
          { field: "leaf", title: "leaf" },
          { field: "ptdump", title: "ptdump" },
        ],
      },
    },
  };
}

export function mapSummary(data: MapData): string {
  const runs = data.rows.filter((x) => x.lane === "leaf size");
  const byClass = new Map<string, number>();
  for (const x of runs) byClass.set(x.leaf, (byClass.get(x.leaf) ?? 0) + 1);
  const parts = [...byClass].map(([c, n]) => `${n} ${c === HOLE ? "holes" : c}`);
  return `chart: linear map, ${runs.length} runs (${parts.join(", ")})${data.binBytes > 0n ? `, aggregated to ${sizeText(data.binBytes)} bins` : ""}`;
}
