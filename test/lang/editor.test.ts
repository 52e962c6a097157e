// Completion by context (src/lang/editor.ts), for the constructs of policies and the kernel
// block: what a user gets after typing the start of a line or a keyword.
import { describe, expect, it } from "vitest";
import { completeAt } from "../../src/lang/editor.js";

const at = (text: string) => completeAt(text, text.length).matches;

describe("completion", () => {
  it("offers policy among the top-level items", () => {
    expect(at("pol")).toEqual(["policy"]);
  });

  it("offers versions after `from`, settings inside a policy block and a setting's values after it", () => {
    expect(at("policy fix-v3 from v7.")).toEqual(["v7.0", "v7.1", "v7.2"]);
    expect(at("policy fix-v3 from v7.1 {\n  win")).toEqual(["window1", "window2"]);
    expect(at("policy fix-v3 from v7.1 {\n  split_gate ")).toEqual(["calling_cpu", "linear_map_requires_bbml2", "never", "system_cap"]);
  });

  it("offers the new kernel statements and machine pa_bits", () => {
    expect(at("kernel {\n  ka")).toEqual(["kaslr"]);
    expect(at("kernel {\n  al")).toEqual(["alias"]);
    expect(at("machine {\n  pa")).toEqual(["pa_bits"]);
    expect(at("kernel {\n  policy v6.17")).toEqual(["v6.17", "v6.17.y"]);
  });
});
