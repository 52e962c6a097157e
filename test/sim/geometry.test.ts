// Pins the arm64 page-table geometry of domain.md §1 for every granule / VA_BITS pair.
import { describe, expect, it } from "vitest";
import { GRANULE_VA_BITS, geometryFor, leafSizes, levelOf, pageEnd, pageOffset, type Granule } from "../../src/sim/geometry.js";

const K = 1024n;
const M = K * K;
const G = M * K;
const T = G * K;

interface Expect {
  levels: number;
  names: string[];
  ptdump: string[];
  sizes: bigint[];
  entries: number[];
}

const TABLE: Record<string, Expect> = {
  "4K/39": { levels: 3, names: ["PUD", "PMD", "PTE"], ptdump: ["PGD", "PMD", "PTE"], sizes: [G, 2n * M, 4n * K], entries: [512, 512, 512] },
  "4K/48": {
    levels: 4,
    names: ["P4D", "PUD", "PMD", "PTE"],
    ptdump: ["PGD", "PUD", "PMD", "PTE"],
    sizes: [512n * G, G, 2n * M, 4n * K],
    entries: [512, 512, 512, 512],
  },
  "4K/52": {
    levels: 5,
    names: ["PGD", "P4D", "PUD", "PMD", "PTE"],
    ptdump: ["PGD", "P4D", "PUD", "PMD", "PTE"],
    sizes: [256n * T, 512n * G, G, 2n * M, 4n * K],
    entries: [16, 512, 512, 512, 512],
  },
  "16K/36": { levels: 2, names: ["PMD", "PTE"], ptdump: ["PGD", "PTE"], sizes: [32n * M, 16n * K], entries: [2048, 2048] },
  "16K/47": {
    levels: 3,
    names: ["PUD", "PMD", "PTE"],
    ptdump: ["PGD", "PMD", "PTE"],
    sizes: [64n * G, 32n * M, 16n * K],
    entries: [2048, 2048, 2048],
  },
  "16K/48": {
    levels: 4,
    names: ["P4D", "PUD", "PMD", "PTE"],
    ptdump: ["PGD", "PUD", "PMD", "PTE"],
    sizes: [128n * T, 64n * G, 32n * M, 16n * K],
    entries: [2, 2048, 2048, 2048],
  },
  "16K/52": {
    levels: 4,
    names: ["P4D", "PUD", "PMD", "PTE"],
    ptdump: ["PGD", "PUD", "PMD", "PTE"],
    sizes: [128n * T, 64n * G, 32n * M, 16n * K],
    entries: [32, 2048, 2048, 2048],
  },
  "64K/42": { levels: 2, names: ["PMD", "PTE"], ptdump: ["PGD", "PTE"], sizes: [512n * M, 64n * K], entries: [8192, 8192] },
  "64K/48": { levels: 3, names: ["PUD", "PMD", "PTE"], ptdump: ["PGD", "PMD", "PTE"], sizes: [4n * T, 512n * M, 64n * K], entries: [64, 8192, 8192] },
  "64K/52": {
    levels: 3,
    names: ["PUD", "PMD", "PTE"],
    ptdump: ["PGD", "PMD", "PTE"],
    sizes: [4n * T, 512n * M, 64n * K],
    entries: [1024, 8192, 8192],
  },
};

const pairs = (Object.keys(GRANULE_VA_BITS) as Granule[]).flatMap((g) => GRANULE_VA_BITS[g].map((v) => [g, v] as const));

describe("geometryFor", () => {
  it("covers exactly the Kconfig VA sizes", () => {
    expect(pairs.map(([g, v]) => `${g}/${v}`).sort()).toEqual(Object.keys(TABLE).sort());
    expect(() => geometryFor("64K", 47)).toThrow();
  });

  it.each(pairs)("%s/%i levels, sizes, entries and folding", (granule, vaBits) => {
    const g = geometryFor(granule, vaBits);
    const want = TABLE[`${granule}/${vaBits}`];
    expect(g.pgtableLevels).toBe(want.levels);
    expect(g.levels.map((l) => l.kernelLevel)).toEqual(want.names);
    expect(g.levels.map((l) => l.ptdumpName)).toEqual(want.ptdump);
    expect(g.levels.map((l) => l.entrySize)).toEqual(want.sizes);
    expect(g.levels.map((l) => l.entries)).toEqual(want.entries);
    expect(g.levels.map((l) => l.hwLevel)).toEqual(want.names.map((_, i) => 4 - want.levels + i));
    // The top table resolves exactly vaBits.
    expect(g.levels[0].tableSpan).toBe(1n << BigInt(vaBits));
    // Folded kernel levels take the size of the level they fold into.
    expect(g.sizes.PGD).toBe(g.levels[0].entrySize);
    expect(g.real[g.levels[0].kernelLevel]).toBe(true);
    expect(g.sizes.PTE).toBe(g.pageSize);
    expect(levelOf(g, "PGD")).toBe(g.levels[0]);
  });

  it("page sizes, table entries and CONT spans per granule (§1.3)", () => {
    const rows = (["4K", "16K", "64K"] as const).map((gr) => {
      const g = geometryFor(gr, 48);
      return [g.pageSize, g.ptrsPerTable, g.contPtes, g.contPteSize, g.contPmds, g.contPmdSize];
    });
    expect(rows).toEqual([
      [4n * K, 512, 16, 64n * K, 16, 32n * M],
      [16n * K, 2048, 128, 2n * M, 32, G],
      [64n * K, 8192, 32, 2n * M, 32, 16n * G],
    ]);
  });

  it("linear-map leaves: PUD blocks only with 4K (§1.2)", () => {
    expect(leafSizes(geometryFor("4K", 48))).toEqual([4n * K, 2n * M, G]);
    expect(leafSizes(geometryFor("4K", 39))).toEqual([4n * K, 2n * M, G]);
    expect(leafSizes(geometryFor("16K", 48))).toEqual([16n * K, 32n * M]);
    expect(leafSizes(geometryFor("16K", 36))).toEqual([16n * K, 32n * M]);
    expect(leafSizes(geometryFor("64K", 52))).toEqual([64n * K, 512n * M]);
    for (const [gr, v] of pairs) {
      const g = geometryFor(gr, v);
      for (const l of g.levels) expect(l.contEntries > 0).toBe(l.kernelLevel === "PMD" || l.kernelLevel === "PTE");
    }
  });

  it("linear map bounds", () => {
    expect(pageOffset(48)).toBe(0xffff000000000000n);
    expect(pageEnd(48)).toBe(0xffff800000000000n);
    expect(pageOffset(39)).toBe(0xffffff8000000000n);
  });
});
