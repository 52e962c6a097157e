// IPython's history search globs (SQLite GLOB syntax), matched without backtracking.
import { describe, expect, it } from "vitest";
import { HistoryGlob, historyFor } from "../../src/kernel/history.js";

const matches = (pattern: string, input: string) => new HistoryGlob(pattern).matches(input);

describe("HistoryGlob", () => {
  it("matches the whole input with * and ?", () => {
    expect(matches("%policy v*", "%policy v7.0")).toBe(true);
    expect(matches("%policy v*", "x%policy v7.0")).toBe(false);
    expect(matches("run", "run")).toBe(true);
    expect(matches("run", "run ")).toBe(false);
    expect(matches("r?n", "run")).toBe(true);
    expect(matches("r?n", "rn")).toBe(false);
    expect(matches("*", "")).toBe(true);
    expect(matches("a*b*c", "abc")).toBe(true);
    expect(matches("a*b*c", "aXbYbZc")).toBe(true);
    expect(matches("a*b*c", "acb")).toBe(false);
    expect(matches("ab*ba", "aba")).toBe(false);
    expect(matches("*.linmap", "a.linmap")).toBe(true);
    expect(matches("*.linmap", "aXlinmap")).toBe(false);
  });

  it("knows character classes, negated classes and ranges", () => {
    expect(matches("v[67].*", "v7.1")).toBe(true);
    expect(matches("v[67].*", "v8.1")).toBe(false);
    expect(matches("v[^6].*", "v7.1")).toBe(true);
    expect(matches("v[^6].*", "v6.1")).toBe(false);
    expect(matches("[a-c]x", "bx")).toBe(true);
    expect(matches("[]]", "]")).toBe(true);
    expect(matches("[unclosed", "[unclosed")).toBe(true);
  });

  it("treats regular-expression characters literally and counts code points", () => {
    expect(matches("a.c", "abc")).toBe(false);
    expect(matches("(x)+", "(x)+")).toBe(true);
    expect(matches("?", "é")).toBe(true);
    expect(matches("??", "😀")).toBe(false);
  });

  it("answers a pathological pattern on a long input (a backtracking regex would not)", () => {
    expect(matches(`${"*a".repeat(30)}*b`, "a".repeat(50_000))).toBe(false);
  });
});

describe("historyFor", () => {
  const history = [1, 2, 3, 4].map((line) => ({ line, input: line % 2 ? `print "${line}"` : "run", output: "" }));

  it("searches with unique and n as IPython does", () => {
    expect(historyFor(history, { hist_access_type: "search", pattern: "print*" })).toEqual([[1, 1, 'print "1"'], [1, 3, 'print "3"']]);
    expect(historyFor(history, { hist_access_type: "search", pattern: "run", unique: true })).toEqual([[1, 4, "run"]]);
    expect(historyFor(history, { hist_access_type: "search", pattern: "*", n: 1 })).toEqual([[1, 4, "run"]]);
    expect(historyFor(history, { hist_access_type: "tail", n: 2, output: true })).toEqual([[1, 3, ['print "3"', ""]], [1, 4, ["run", ""]]]);
  });
});
