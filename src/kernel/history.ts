// The kernel's input history and the three ways a history_request reads it (tail, range,
// search). Search patterns are IPython's: SQLite GLOB syntax (`*`, `?`, `[abc]`, `[a-z]`,
// `[^abc]`) matched against the whole input, case-sensitively. The matcher never
// backtracks: translated to a regular expression, a pattern like `*a*a*a*a*b` takes time
// exponential in its stars on a long input, and a history request runs on the protocol
// thread, where it would stall heartbeats and interrupts.

export interface HistoryEntry {
  readonly line: number;
  readonly input: string;
  readonly output: string;
}

type Token = { readonly kind: "any" } | { readonly kind: "star" } | { readonly kind: "char"; readonly test: (c: string) => boolean; readonly literal?: string };

/** A run of tokens between stars; `literal` when it is plain text (found with indexOf). */
interface Segment {
  readonly tokens: readonly Token[];
  readonly literal: string | undefined;
}

/** A compiled glob; `matches` takes time linear in the input times the pattern's length at worst. */
export class HistoryGlob {
  private readonly segments: Segment[];

  constructor(pattern: string) {
    // Split at stars: the first segment is anchored at the start, the last at the end, and
    // each one between is found leftmost after the previous one. Leftmost is always right
    // for a segment followed by a star, so no choice is ever revisited.
    const runs: Token[][] = [[]];
    for (const t of tokenize(pattern)) {
      if (t.kind === "star") runs.push([]);
      else runs[runs.length - 1]!.push(t);
    }
    this.segments = runs.map((tokens) => ({
      tokens,
      literal: tokens.every((t) => t.kind === "char" && t.literal !== undefined) ? tokens.map((t) => (t as { literal: string }).literal).join("") : undefined,
    }));
  }

  matches(input: string): boolean {
    // `?` and classes match one code point: work on code points only when the input has
    // characters outside the BMP, and on the string itself otherwise (the common case).
    const text: string | readonly string[] = /[\uD800-\uDFFF]/.test(input) ? [...input] : input;
    const segs = this.segments;
    const first = segs[0]!;
    if (segs.length === 1) return text.length === first.tokens.length && matchAt(first, text, 0);
    const last = segs[segs.length - 1]!;
    const end = text.length - last.tokens.length;
    if (first.tokens.length > end) return false;
    if (!matchAt(first, text, 0) || !matchAt(last, text, end)) return false;
    let at = first.tokens.length;
    for (let i = 1; i < segs.length - 1; i++) {
      const seg = segs[i]!;
      const found = findFrom(seg, text, at, end);
      if (found < 0) return false;
      at = found + seg.tokens.length;
    }
    return true;
  }
}

function matchAt(seg: Segment, text: string | readonly string[], at: number): boolean {
  if (seg.literal !== undefined && typeof text === "string") return text.startsWith(seg.literal, at);
  const tokens = seg.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const c = text[at + i];
    if (c === undefined) return false;
    if (t.kind === "char" && !t.test(c)) return false;
  }
  return true;
}

/** The leftmost position ≥ `from` where `seg` matches wholly before `end`, or -1. */
function findFrom(seg: Segment, text: string | readonly string[], from: number, end: number): number {
  if (seg.literal !== undefined && typeof text === "string") {
    const at = text.indexOf(seg.literal, from);
    return at >= 0 && at + seg.literal.length <= end ? at : -1;
  }
  for (let at = from; at + seg.tokens.length <= end; at++) if (matchAt(seg, text, at)) return at;
  return -1;
}

function tokenize(pattern: string): Token[] {
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "*") {
      if (tokens[tokens.length - 1]?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") tokens.push({ kind: "any" });
    else if (c === "[") {
      const cls = characterClass(chars, i);
      if (cls) {
        tokens.push({ kind: "char", test: cls.test });
        i = cls.end;
      } else tokens.push(literal(c));
    } else tokens.push(literal(c));
  }
  return tokens;
}

function literal(c: string): Token {
  return { kind: "char", test: (x) => x === c, literal: c };
}

/** `[...]` starting at `open`: SQLite's rules (a leading `^` negates, `]` first is literal). */
function characterClass(chars: readonly string[], open: number): { test: (c: string) => boolean; end: number } | undefined {
  let i = open + 1;
  const negate = chars[i] === "^";
  if (negate) i++;
  const ranges: [string, string][] = [];
  let first = true;
  for (; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === "]" && !first) {
      const test = (x: string) => ranges.some(([lo, hi]) => x >= lo && x <= hi) !== negate;
      return { test, end: i };
    }
    first = false;
    if (chars[i + 1] === "-" && chars[i + 2] !== undefined && chars[i + 2] !== "]") {
      ranges.push([c, chars[i + 2]!]);
      i += 2;
    } else ranges.push([c, c]);
  }
  return undefined;
}

/** The entries a history_request asks for, as `[session, line, input]` or `[session, line, [input, output]]`. */
export function historyFor(history: readonly HistoryEntry[], c: Record<string, unknown>): unknown[] {
  const output = c["output"] === true;
  const entry = (h: HistoryEntry) => [1, h.line, output ? [h.input, h.output] : h.input];
  switch (c["hist_access_type"]) {
    case "tail": {
      const n = Number(c["n"] ?? 10);
      return history.slice(Math.max(0, history.length - n)).map(entry);
    }
    case "range": {
      const start = Number(c["start"] ?? 0);
      const stop = c["stop"] === undefined || c["stop"] === null ? Infinity : Number(c["stop"]);
      return history.filter((h) => h.line >= start && h.line < stop).map(entry);
    }
    case "search": {
      const glob = new HistoryGlob(typeof c["pattern"] === "string" ? c["pattern"] : "*");
      let found = history.filter((h) => glob.matches(h.input));
      if (c["unique"] === true) {
        const seen = new Set<string>();
        found = found.reverse().filter((h) => (seen.has(h.input) ? false : (seen.add(h.input), true))).reverse();
      }
      const n = c["n"] === undefined || c["n"] === null ? found.length : Number(c["n"]);
      return found.slice(Math.max(0, found.length - n)).map(entry);
    }
    default:
      return [];
  }
}
