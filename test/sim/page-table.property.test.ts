// Property: whatever mix of maps, split points, range splits and permission changes runs,
// the leaf walker covers the mapped range exactly once with the linear PA, split points are
// leaf boundaries outside any CONT group, and the counters agree with the walk.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { geometryFor, pageOffset, type Granule } from "../../src/sim/geometry.js";
import { KernelPageTable, PAGE_KERNEL, type LeafRun } from "../../src/sim/page-table/index.js";

type Interval = [bigint, bigint];

function union(list: Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = last[1] > e ? last[1] : e;
    else out.push([s, e]);
  }
  return out;
}

function covered(list: Interval[], s: bigint, e: bigint): "all" | "none" | "some" {
  let inside = 0n;
  for (const [a, b] of list) {
    const lo = a > s ? a : s;
    const hi = b < e ? b : e;
    if (lo < hi) inside += hi - lo;
  }
  return inside === 0n ? "none" : inside === e - s ? "all" : "some";
}

function intersect(list: Interval[], s: bigint, e: bigint): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of list) {
    const lo = a > s ? a : s;
    const hi = b < e ? b : e;
    if (lo < hi) out.push([lo, hi]);
  }
  return out;
}

const CONFIGS: [Granule, number][] = [
  ["4K", 48],
  ["4K", 39],
  ["4K", 52],
  ["16K", 36],
  ["16K", 47],
  ["16K", 48],
  ["64K", 48],
  ["64K", 42],
];

type Op =
  | { kind: "split"; at: bigint }
  | { kind: "range"; s: bigint; e: bigint }
  | { kind: "prot"; s: bigint; e: bigint }
  | { kind: "map"; s: bigint; e: bigint; forcePte: boolean };

describe("leaf walker after random splits", () => {
  it.each(CONFIGS)("%s/%i covers the mapped range exactly once", (granule, vaBits) => {
    const g = geometryFor(granule, vaBits);
    const po = pageOffset(vaBits);
    // Alignment units that matter: page, CONT_PTE, PMD, CONT_PMD, and PUD at 4K.
    const units = [g.pageSize, g.contPteSize, g.sizes.PMD, g.contPmdSize, ...(granule === "4K" ? [g.sizes.PUD] : [])];
    const top = units[units.length - 1];
    const region = 4n * top;
    const addr = fc
      .tuple(...units.map(() => fc.integer({ min: 0, max: 3 })))
      .map((digits) => digits.reduce((acc, d, i) => acc + BigInt(d) * units[i], 0n))
      .map((off) => po + (off > region ? region : off));
    const range = fc.tuple(addr, addr).filter(([a, b]) => a !== b).map(([a, b]) => (a < b ? [a, b] : [b, a]) as Interval);
    const op: fc.Arbitrary<Op> = fc.oneof(
      addr.map((at) => ({ kind: "split" as const, at })),
      range.map(([s, e]) => ({ kind: "range" as const, s, e })),
      range.map(([s, e]) => ({ kind: "prot" as const, s, e })),
      fc.tuple(range, fc.boolean()).map(([[s, e], forcePte]) => ({ kind: "map" as const, s, e, forcePte })),
    );
    // Only two-level tables keep the kernel's folded PGDIR_SIZE check that skips CONT_PMD groups.
    const exactBoundaries = g.pgtableLevels > 2;

    fc.assert(
      fc.property(range, fc.array(op, { maxLength: 8 }), ([ms, me], ops) => {
        const pt = new KernelPageTable(g);
        pt.mapRange(ms, me, PAGE_KERNEL, { allocator: "memblock" });
        let mapped: Interval[] = [[ms, me]];
        let ro: Interval[] = [];
        for (const o of ops) {
          if (o.kind === "split") {
            pt.splitKernelLeafMappingLocked(o.at, "buddy");
            const leaf = pt.leafAt(o.at);
            if (leaf && exactBoundaries && covered(mapped, o.at - g.pageSize, o.at) === "all") {
              expect(leaf.start).toBe(o.at);
              const level = g.levels.find((l) => l.kernelLevel === leaf.level)!;
              if (leaf.cont) expect(o.at % level.contSize).toBe(0n);
            }
          } else if (o.kind === "range") {
            pt.rangeSplitToPtes(o.s, o.e, "atomic");
            for (const l of pt.leaves(o.s, o.e)) expect([l.level, l.cont]).toEqual(["PTE", false]);
          } else if (o.kind === "prot") {
            pt.splitKernelLeafMappingLocked(o.s);
            pt.splitKernelLeafMappingLocked(o.e);
            const r = pt.updateRangeProt(o.s, o.e, { ro: true }, {});
            if (exactBoundaries) {
              expect(r.partial).toBeNull();
              expect(r.contGroupsMixed).toBe(0);
            }
            // Holes stay holes: only mapped memory becomes read-only.
            if (r.changed) ro = union([...ro, ...intersect(mapped, r.changed.start, r.changed.end)]);
          } else {
            // A fresh map over a hole only: remapping live memory is not a kernel operation.
            if (covered(mapped, o.s, o.e) !== "none") continue;
            pt.mapRange(o.s, o.e, PAGE_KERNEL, { allocator: "memblock", forcePte: o.forcePte });
            mapped = union([...mapped, [o.s, o.e]]);
          }
        }

        const runs: LeafRun[] = [...pt.leaves()];
        const seen: Interval[] = [];
        const perLevel = new Map<string, bigint>();
        for (let i = 0; i < runs.length; i++) {
          const r = runs[i];
          expect(r.start < r.end).toBe(true);
          if (i > 0) expect(runs[i - 1].end <= r.start).toBe(true);
          expect(r.pa).toBe(r.start + pt.linearDelta);
          expect(covered(ro, r.start, r.end)).toBe(r.attrs.ro ? "all" : "none");
          const level = g.levels.find((l) => l.kernelLevel === r.level)!;
          expect(r.start % level.entrySize).toBe(0n);
          if (r.cont && exactBoundaries) {
            expect(r.start % level.contSize).toBe(0n);
            expect(r.end % level.contSize).toBe(0n);
          }
          perLevel.set(r.level, (perLevel.get(r.level) ?? 0n) + (r.end - r.start) / level.entrySize);
          seen.push([r.start, r.end]);
        }
        expect(union(seen)).toEqual(mapped);
        const st = pt.stats();
        for (const l of st.levels) expect(BigInt(l.leafEntries)).toBe(perLevel.get(l.level) ?? 0n);
        const allocated = st.allocated.memblock + st.allocated.buddy + st.allocated.atomic;
        expect(allocated).toBe(st.tablePages + st.orphanedPages);
      }),
      { numRuns: 150 },
    );
  });
});
