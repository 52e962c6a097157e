// Properties of the run-length page tables over random histories: after random maps,
// progressive splits, range splits to PTEs and permission changes, the leaves cover every
// mapped byte exactly once and nothing else, split points are leaf boundaries outside any
// contiguous group, and the page-table count equals a fresh count of the tree.
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { geometryFor } from "../../../src/sim/geometry/granule-geometry.js";
import { LinearMap, type SplitWork } from "../../../src/sim/tables/linear-map.js";
import { CONT, PXN, RDONLY, VALID, isTable, type PageTable } from "../../../src/sim/tables/page-table.js";
import type { GranuleName } from "../../../src/catalog/index.js";

const BASE = 0x40_0000_0000n;

function recount(t: PageTable): bigint {
  let n = 1n;
  for (const r of t.runs) if (isTable(r.e)) n += BigInt(r.n) * recount(r.e);
  return n;
}

type Op =
  | { kind: "split"; at: number }
  | { kind: "toPtes"; from: number; len: number }
  | { kind: "prot"; from: number; len: number; ro: boolean };

const CONFIGS: [GranuleName, number][] = [["4K", 48], ["4K", 39], ["16K", 47], ["64K", 42], ["64K", 52]];

describe("LinearMap over random histories", () => {
  for (const [granule, vaBits] of CONFIGS) {
    const g = geometryFor(granule, vaBits);
    const page = Number(g.pageSize);
    const span = Math.min(Number(g.levels[0]!.entrySize) * 2, 2 ** 36);
    const pages = Math.floor(span / page);
    const op = fc.oneof(
      fc.record({ kind: fc.constant("split" as const), at: fc.nat({ max: pages - 1 }) }),
      fc.record({ kind: fc.constant("toPtes" as const), from: fc.nat({ max: pages - 1 }), len: fc.integer({ min: 1, max: 4096 }) }),
      fc.record({ kind: fc.constant("prot" as const), from: fc.nat({ max: pages - 1 }), len: fc.integer({ min: 1, max: 64 }), ro: fc.boolean() }),
    );
    test.prop([fc.nat({ max: pages - 1 }), fc.integer({ min: 1, max: pages }), fc.array(op, { maxLength: 12 })], { numRuns: 60 })(
      `${granule}/${vaBits}: leaves tile the mapped range, splits make boundaries, counts stay exact`,
      (first, count, ops) => {
        const start = BASE + BigInt(first) * g.pageSize;
        const end = BASE + BigInt(Math.min(pages, first + count)) * g.pageSize;
        const map = new LinearMap(g, BASE);
        map.mapRange(start, end, VALID | PXN, { noBlock: false, noCont: false });
        const splits: bigint[] = [];
        for (const o of ops as Op[]) {
          const a = BASE + BigInt(o.kind === "split" ? o.at : o.from) * g.pageSize;
          if (o.kind === "split") {
            const work: SplitWork = { ops: [], contGroupsSplit: 0 };
            map.splitKernelLeafMappingLocked(a, work);
            splits.push(a);
          } else if (o.kind === "toPtes") {
            map.rangeSplitToPtes(a, a + BigInt(o.len) * g.pageSize);
          } else {
            map.updateRangeProt(a, a + BigInt(o.len) * g.pageSize, o.ro ? 0 : RDONLY, o.ro ? RDONLY : 0, { invalidLeavesSkipped: false, anyBlockFails: false });
          }
        }
        const segs = map.leafSegments(BASE, BASE + BigInt(span));
        // Every mapped byte once, in order, nothing outside [start, end) unless a PTE-table
        // walk wrote into empty slots (which the kernel does too).
        let covered = 0n;
        for (let i = 0; i < segs.length; i++) {
          const s = segs[i]!;
          expect(s.end > s.start).toBe(true);
          if (i > 0) expect(s.start >= segs[i - 1]!.end).toBe(true);
          if ((s.bits & VALID) !== 0) {
            expect(s.start >= start && s.end <= end).toBe(true);
            covered += s.end - s.start;
          }
        }
        expect(covered).toBe(end - start);
        // A split point is a leaf boundary (merged runs of equal leaves hide boundaries, so
        // check alignment to the leaf size) and no contiguous group straddles it.
        for (const p of splits) {
          if (p <= start || p >= end) continue;
          const s = map.leafSegments(p, p + g.pageSize)[0]!;
          const lv = g.levels[s.level]!;
          expect((p - BASE) % lv.entrySize).toBe(0n);
          if ((s.bits & CONT) !== 0) expect((p - BASE) % lv.contSize).toBe(0n);
        }
        expect(map.pagetablePages).toBe(recount(map.root) - 1n);
      },
    );
  }
});
