// The indexes that keep the checker and the compiler linear in the scenario's size give what
// the searches they replaced gave: compared here with those searches, written out plainly,
// on random scenarios.
import { afterAll, describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { checkScenario, hexRange, parseScenario } from "../../../src/lang/index.js";
import { KERNEL_OWN_CALLS } from "../../../src/catalog/index.js";
import { compileScenario } from "../../../src/compile/index.js";
import { DisjointSpans } from "../../../src/lang/check/disjoint-spans.js";

const PAGE = 0x1000n;
const BASE = 0x1_0000_0000n;

function parsed(text: string) {
  const { ast, diagnostics } = parseScenario(text, "s.linmap");
  expect(diagnostics).toEqual([]);
  return ast;
}

/** The overlaps the checker reports, found with one sorted array and a linear insertion. */
function overlapsByArray(buffers: readonly { start: bigint; end: bigint }[]): string[] {
  const accepted: { name: string; start: bigint; end: bigint }[] = [];
  const out: string[] = [];
  buffers.forEach((b, i) => {
    let lo = 0;
    while (lo < accepted.length && accepted[lo]!.start < b.start) lo++;
    const clash = [accepted[lo - 1], accepted[lo]].find((a) => a && a.start < b.end && b.start < a.end);
    if (clash) out.push(`buffer 'b${i}' ${hexRange(b.start, b.end)} overlaps buffer '${clash.name}' ${hexRange(clash.start, clash.end)}`);
    else accepted.splice(lo, 0, { name: `b${i}`, start: b.start, end: b.end });
  });
  return out;
}

describe("fixed buffers", () => {
  it("DisjointSpans answers as a sorted array does, across the runs it cuts", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 200 }), fc.integer({ min: 1, max: 4 })), { maxLength: 300 }), fc.integer({ min: 2, max: 6 }), (spec, runLimit) => {
        const spans = spec.map(([a, n]) => ({ start: BigInt(a), end: BigInt(a + n) }));
        const set = new DisjointSpans(runLimit);
        const got = spans.flatMap((s, i) => {
          const clash = set.addOrClash(`b${i}`, [s.start, s.end]);
          return clash ? [`buffer 'b${i}' ${hexRange(s.start, s.end)} overlaps buffer '${clash.name}' ${hexRange(...clash.span)}`] : [];
        });
        expect(got).toEqual(overlapsByArray(spans));
      }),
      { numRuns: 300 },
    );
  });

  // Enough buffers for the accepted spans to fill several runs (DisjointSpans cuts at 512).
  const buffers = fc.array(fc.tuple(fc.nat({ max: 4000 }), fc.integer({ min: 1, max: 3 })), { minLength: 600, maxLength: 1500 });
  test.prop([buffers], { numRuns: 15 })("each overlap is reported against the buffer a sorted array finds", (spec) => {
    const spans = spec.map(([page, pages]) => ({ start: BASE + BigInt(page) * PAGE, end: BASE + BigInt(page + pages) * PAGE }));
    const text = ["machine { granule 4K; memory 0x8000_0000 size 4G }", ...spans.map((s, i) => `buffer b${i} at 0x${s.start.toString(16)} size ${(s.end - s.start) / 1024n}K`)].join("\n");
    const reported = checkScenario(parsed(text)).filter((d) => d.code === "BUFFER-OVERLAP").map((d) => d.message);
    expect(reported).toEqual(overlapsByArray(spans));
  });
});

// Calls on a few buffers, pages and steps, and expectations about some of them.
const STEPS = ["init_IRQ", "mem_init", "userspace"] as const;
const targets = ["b0", "b1", "b0[0]", "b0[1]", "b1[0..2)", "[0x1_0000_0000..0x1_0000_1000)", "0x1_0000_0000 size 4K"];
const call = fc.record({ target: fc.constantFrom(...targets), step: fc.constantFrom(...STEPS), rel: fc.constantFrom("at", "after"), arg: fc.constantFrom(0, 1) });
// Mostly with a target: set_memory_valid without one is refused (CALL-TARGET-MISSING), and then nothing compiles.
const expectation = fc.record({ target: fc.option(fc.constantFrom(...targets), { nil: undefined, freq: 20 }), when: fc.option(fc.tuple(fc.constantFrom("at", "after"), fc.constantFrom(...STEPS)), { nil: undefined }) });

function scenario(calls: readonly { target: string; step: string; rel: string; arg: number }[], expects: readonly { target?: string; when?: readonly [string, string] }[]): string {
  return [
    "machine { granule 4K; memory 0x8000_0000 size 4G }",
    "buffer b0 at 0x1_0000_0000 size 64K",
    "buffer b1 at 0x1_0001_0000 size 64K",
    "boot {",
    ...calls.map((c) => `  ${c.rel} ${c.step}: set_memory_valid ${c.target} ${c.arg}`),
    "}",
    ...expects.map((e) => `expect set_memory_valid${e.target ? ` ${e.target}` : ""}${e.when ? ` ${e.when[0]} ${e.when[1]}` : ""}: warns 0`),
  ].join("\n");
}

/** What a target is, as the checker compares targets: a buffer with its pages, or a range's bounds. */
function canonical(t: string): string {
  if (t.startsWith("[0x1_0000_0000") || t.startsWith("0x1_0000_0000")) return "range 0x100000000-0x100001000";
  return t;
}

let compiled = 0;

describe("expectations about calls", () => {
  afterAll(() => expect(compiled).toBeGreaterThan(10));

  // Expectations about calls that are made, so that the scenario compiles: a call's target
  // (a range in either spelling), with its step or another call's, or none.
  const aboutMade = fc
    .tuple(fc.array(call, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 30 }))
    .map(([calls, picks]) => {
      const expects = picks.map(([a, b, respell, withWhen]) => {
        const c = calls[a % calls.length]!;
        const other = calls[b % calls.length]!;
        const target = respell && canonical(c.target).startsWith("range") ? targets[5 + (a % 2)]! : c.target;
        return { target, ...(withWhen ? { when: [other.rel, other.step] as const } : {}) };
      });
      return [calls, expects] as const;
    });
  const anyExpectations = fc.tuple(fc.array(call, { maxLength: 30 }), fc.array(expectation, { minLength: 1, maxLength: 30 }));
  test.prop([fc.oneof(anyExpectations, aboutMade)], { numRuns: 200 })(
    "the checker finds the call an expectation names, and the program counts the calls a filter finds",
    ([calls, expects]) => {
      const ast = parsed(scenario(calls, expects));
      const diagnostics = checkScenario(ast);
      const matches = (e: (typeof expects)[number], c: (typeof calls)[number]) =>
        (!e.target || canonical(e.target) === canonical(c.target)) && (!e.when || (e.when[0] === c.rel && e.when[1] === c.step));
      // Without a target, the kernel's own set_memory_valid() (kfence_init) is a call made.
      const made = (e: (typeof expects)[number]) => (!e.target && KERNEL_OWN_CALLS.includes("set_memory_valid")) || calls.some((c) => matches(e, c));
      const firstExpectLine = calls.length + 6;
      const never = diagnostics.filter((d) => d.code === "EXPECT-CALL-NEVER-MADE").map((d) => d.range.start.line);
      expect(never).toEqual(expects.flatMap((e, i) => (made(e) ? [] : [firstExpectLine + i])));
      if (diagnostics.some((d) => d.severity === "error")) return;
      compiled++;
      const program = compileScenario(ast);
      // The scenario's calls in plan order, each with the line it is written on.
      const planned = program.plan.flatMap((e) => (e.kind === "call" && e.origin === "scenario" ? [{ id: e.id, call: calls[e.source!.line - 5]! }] : []));
      const scenarioIds = new Set(planned.map((p) => p.id));
      program.expectations.forEach((x, i) => {
        if (x.check.kind !== "call-result") return;
        const e = expects[i]!;
        const want = planned.filter((p) => matches(e, p.call)).map((p) => p.id);
        expect(e.target ? x.check.callIds : x.check.callIds.filter((id) => scenarioIds.has(id))).toEqual(want);
      });
    },
  );
});
