// --shard I/N: contiguous, deterministic slices that cover every task exactly once.
import { describe, expect } from "vitest";
import { fc, it } from "@fast-check/vitest";
import { parseShard, shardSlice } from "../../src/runner/shard.js";

describe("shards", () => {
  it("parses I/N with 1 <= I <= N and nothing else", () => {
    expect(parseShard("2/8")).toEqual({ index: 2, count: 8 });
    expect(parseShard(" 1/1 ")).toEqual({ index: 1, count: 1 });
    expect(["0/3", "4/3", "1/0", "a/b", "1/2/3", "-1/2", "1.5/2", ""].map(parseShard)).toEqual(Array(8).fill(undefined));
  });

  it("slices 10 tasks in 3 as 0-3, 3-6, 6-10", () => {
    expect([1, 2, 3].map((index) => shardSlice(10, { index, count: 3 }))).toEqual([{ first: 0, end: 3 }, { first: 3, end: 6 }, { first: 6, end: 10 }]);
    expect(shardSlice(2, { index: 1, count: 4 })).toEqual({ first: 0, end: 0 });
  });

  it.prop([fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 1, max: 64 })])("the slices of any total tile [0, total) in order", (total, count) => {
    let next = 0;
    for (let index = 1; index <= count; index++) {
      const { first, end } = shardSlice(total, { index, count });
      expect(first).toBe(next);
      expect(end).toBeGreaterThanOrEqual(first);
      next = end;
    }
    expect(next).toBe(total);
  });
});
