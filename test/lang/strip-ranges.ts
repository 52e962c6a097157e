// Test support: an AST without source ranges, to compare trees parsed from different text.
export function stripRanges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripRanges);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== "range") out[k] = stripRanges(v);
    return out;
  }
  return value;
}
