// Number literals: the shortcut for small decimals gives what the general reading gives.
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { parseNumberLiteral } from "../../src/lang/numbers.js";

/** The literal's value, read the general way only. */
function general(text: string): bigint | undefined {
  const t = text.replace(/_/g, "");
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return BigInt(t);
  if (/^\d+$/.test(t)) return BigInt(t);
  const m = /^(\d+)([KMGTP])(?:iB)?$/.exec(t);
  if (m) return BigInt(m[1]!) << ({ K: 10n, M: 20n, G: 30n, T: 40n, P: 50n } as Record<string, bigint>)[m[2]!]!;
  return undefined;
}

describe("parseNumberLiteral", () => {
  const chars = fc.constantFrom(..."0123456789_xXaFKMGTPiB -".split(""));
  test.prop([fc.array(chars, { maxLength: 8 }).map((cs) => cs.join(""))], { numRuns: 3000 })("reads every text as the general reading does", (text) => {
    expect(parseNumberLiteral(text)).toBe(general(text));
  });
});
