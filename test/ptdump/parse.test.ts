// The ptdump reader on every real dump we hold: parse then print gives the input's lines back,
// the reading (granule, VA size, layout) is the one the dump's header states, and the totals
// and page-table counts are those the headers derive by hand.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { linearSection, parsePtdump, printPtdump, type ParsedPtdump } from "../../src/ptdump/parse.js";
import { dumpStats } from "../../src/ptdump/stats.js";

const dir = join(import.meta.dirname, "..", "fixtures", "realdata");
const dumps = readdirSync(dir).filter((f) => f.includes("ptdump") && f.endsWith(".txt")).sort();
const read = (f: string) => readFileSync(join(dir, f), "utf8");

/** The parsed items from the n-th `Linear Mapping start` marker on. */
function fromSection(p: ParsedPtdump, n: number): ParsedPtdump {
  const at = p.items.map((it, k) => [it, k] as const).filter(([it]) => it.kind === "marker" && it.name.startsWith("Linear Mapping")).map(([, k]) => k)[n]!;
  return { items: p.items.slice(at), skipped: [] };
}

describe("round trip on every real dump", () => {
  it.each(dumps)("%s: every entry and marker prints back as it was read", (f) => {
    const p = parsePtdump(read(f));
    const printed = printPtdump(p.items);
    expect(printed).toEqual(p.items.map((it) => it.text.trimEnd()));
    // Every recognised line is in the file, verbatim, in order.
    const lines = read(f).split("\n").map((l) => l.trim());
    let at = 0;
    for (const l of printed) {
      at = lines.indexOf(l, at);
      expect(at).toBeGreaterThanOrEqual(0);
    }
  });

  it("counts the lines of each dump and reports the hand-edited ones", () => {
    const counts = Object.fromEntries(dumps.map((f) => [f.slice(0, 2), parsePtdump(read(f)).items.length]));
    expect(counts).toEqual({ "01": 56, "03": 22, "05": 88, "06": 15 });
    expect(parsePtdump(read(dumps[2]!)).skipped).toEqual([
      { line: 28, text: "0xffF0000000000000", reason: "not a ptdump line (ignored)" },
      { line: 30, text: "0xffff80 00 0000 0000-0xffff800000210000        2112K PTE       RW NX SHD AF            UXN    MEM/NORMAL-TAGGED", reason: "not a ptdump line (ignored)" },
    ]);
  });

  it("keeps the 4.x column layout (no GP column, nothing for a clear UXN)", () => {
    const p = parsePtdump(read(dumps[3]!));
    const idmap = p.items.find((it) => it.kind === "entry" && it.start === 0x800000n);
    expect(idmap && printPtdump([idmap])[0]).toBe("0x0000000000800000-0x0000000000a00000           2M PMD       RW x  SHD AF        BLK MEM/NORMAL");
  });
});

describe("the reading of each dump", () => {
  const reading = (p: ParsedPtdump) => {
    const s = linearSection(p);
    return [s.geometry?.granule, s.geometry?.vaBits, s.geometry?.legacy, s.geometry?.pageOffset.toString(16), s.entries.length];
  };
  it("01: 4K/48-bit, both modes", () => {
    const p = parsePtdump(read(dumps[0]!));
    expect(reading(p)).toEqual(["4K", 48, false, "ffff000000000000", 41]);
    expect(reading(fromSection(p, 1))).toEqual(["4K", 48, false, "ffff000000000000", 11]);
  });
  it("03: 4K/48-bit with NG on every line", () => {
    const s = linearSection(parsePtdump(read(dumps[1]!)));
    expect(reading(parsePtdump(read(dumps[1]!)))).toEqual(["4K", 48, false, "ffff000000000000", 8]);
    expect(s.entries.filter((e) => e.attrs).every((e) => e.attrs!.ng)).toBe(true);
  });
  it("05: 16K/47-bit then 4K/48-bit, with the author's gaps noted", () => {
    const p = parsePtdump(read(dumps[2]!));
    expect(reading(p)).toEqual(["16K", 47, false, "ffff800000000000", 4]);
    expect(linearSection(p).notes).toEqual([
      "a second 'Linear Mapping' section at line 75 is not part of the kernel's linear map (ignored)",
      "read as 16K pages, 47-bit VA, linear map from 0xffff800000000000",
      "no line covers 0xffff800004000000..0xffff800080000000 (lines missing from the dump?)",
    ]);
    expect(reading(fromSection(p, 1))).toEqual(["4K", 48, false, "ffff000000000000", 7]);
  });
  it("06: 4K/39-bit in the pre-5.4 layout, with its two holes", () => {
    const p = parsePtdump(read(dumps[3]!));
    expect(reading(p)).toEqual(["4K", 39, true, "ffffffc000000000", 12]);
    expect(linearSection(p).notes.slice(1)).toEqual([
      "read as 4K pages, 39-bit VA (pre-5.4 layout: linear map in the upper half), linear map from 0xffffffc000000000",
      "no line covers 0xffffffc002000000..0xffffffc003000000 (lines missing from the dump?)",
      "no line covers 0xffffffc030000000..0xffffffc030020000 (lines missing from the dump?)",
    ]);
  });
});

describe("without markers", () => {
  it("takes the lines inside the linear region of the reading and says how many it left out", () => {
    const noMarkers = read(dumps[1]!).split("\n").filter((l) => !l.startsWith("---[")).join("\n");
    const s = linearSection(parsePtdump(noMarkers));
    expect([s.entries.length, s.notes]).toEqual([8, ["6 lines outside the linear map ignored", "read as 4K pages, 48-bit VA, linear map from 0xffff000000000000"]]);
    expect(printPtdump(s.entries)).toEqual(printPtdump(linearSection(parsePtdump(read(dumps[1]!))).entries));
  });
});

describe("what the lines imply (the numbers in the dumps' headers)", () => {
  const stats = (p: ParsedPtdump) => {
    const s = linearSection(p);
    const d = dumpStats(s.entries, s.geometry!.geometry);
    return { leaves: Object.fromEntries(d.leaves.map((l) => [l.label, `${l.bytes / 1024n}K`])), tables: Object.fromEntries(d.tables.map((t) => [t.label, Number(t.tables)])) };
  };
  it("01 mode 1: 9G PUD, 2944M contPMD, 114M PMD, 6464K contPTE, 7872K PTE; 7 PTE + 3 PMD tables", () => {
    expect(stats(parsePtdump(read(dumps[0]!)))).toEqual({
      leaves: { "1G PUD": `${9 * 1024 * 1024}K`, "32M PMD CON": `${2944 * 1024}K`, "2M PMD": `${114 * 1024}K`, "64K PTE CON": "6464K", "4K PTE": "7872K" },
      tables: { "PUD tables": 1, "PMD tables": 3, "PTE tables": 7 },
    });
  });
  it("01 mode 3: 12550144K PTE + one 32M block; 6128 PTE + 12 PMD tables", () => {
    const s = stats(fromSection(parsePtdump(read(dumps[0]!)), 1));
    expect([s.leaves["4K PTE"], s.leaves["2M PMD"], s.tables]).toEqual(["12550144K", "32768K", { "PUD tables": 1, "PMD tables": 12, "PTE tables": 6128 }]);
  });
  it("03: 1015808K PTE; 496 PTE tables + 1 PMD table", () => {
    const s = stats(parsePtdump(read(dumps[1]!)));
    expect([s.leaves["4K PTE"], s.tables]).toEqual(["1015808K", { "PUD tables": 1, "PMD tables": 1, "PTE tables": 496 }]);
  });
  it("06: 15G of 1G blocks (printed PGD), 928M contPMD, 74M PMD, 3648K contPTE, 2368K PTE; 3 PTE + 1 PMD tables", () => {
    expect(stats(parsePtdump(read(dumps[3]!)))).toEqual({
      leaves: { "1G PGD": `${15 * 1024 * 1024}K`, "32M PMD CON": `${928 * 1024}K`, "2M PMD": `${74 * 1024}K`, "64K PTE CON": "3648K", "4K PTE": "2368K" },
      tables: { "PMD tables": 1, "PTE tables": 3 },
    });
  });
});

describe("lines wrapped by mail clients", () => {
  /** Wraps at 72 columns on spaces and quotes every line, as a mail reply does. */
  function mangle(text: string): string {
    const out: string[] = [];
    for (const line of text.split("\n")) {
      let rest = line;
      while (rest.length > 72) {
        const cut = rest.lastIndexOf(" ", 72);
        if (cut <= 0) break;
        out.push(`> ${rest.slice(0, cut)}`);
        rest = rest.slice(cut + 1).trimStart();
      }
      out.push(`> ${rest}`);
    }
    return out.join("\r\n");
  }
  it.each(dumps)("%s: wrapped and quoted, it reads the same", (f) => {
    const plain = parsePtdump(read(f));
    const wrapped = parsePtdump(mangle(read(f)));
    expect(printPtdump(wrapped.items)).toEqual(printPtdump(plain.items));
    expect(wrapped.items.filter((it) => it.kind === "entry" && it.lines > 1).length).toBeGreaterThan(0);
  });
  it("reads the real mail-wrapped, twice-quoted copy of dump 01 (a reply on the list) as the original", () => {
    const wrapped = parsePtdump(readFileSync(join(import.meta.dirname, "..", "fixtures", "ptdump", "01_wrapped_quoted_reply.txt"), "utf8"));
    expect(printPtdump(wrapped.items)).toEqual(printPtdump(parsePtdump(read(dumps[0]!)).items));
    expect([wrapped.items.length, wrapped.items.filter((it) => it.kind === "entry" && it.lines === 2).length, wrapped.skipped]).toEqual([56, 48, []]);
  });
  it("rejoins a range left alone on its line and a memory type broken at its hyphen", () => {
    const p = parsePtdump(["0xffff000000000000-0xffff000000200000", "          2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-", "TAGGED"].join("\n"));
    expect(printPtdump(p.items)).toEqual(["0xffff000000000000-0xffff000000200000           2M PMD       RW NX SHD AF        BLK UXN    MEM/NORMAL-TAGGED"]);
    expect(p.items[0]).toMatchObject({ line: 1, lines: 3 });
  });
});

describe("bad input", () => {
  it("never throws and says why a line was not read", () => {
    const p = parsePtdump("0xffff000000200000-0xffff000000000000   2M PMD\n0xffff000000000000-0xffff000000200000   2M PMD  RW NX BOGUS\nhello\n");
    expect(p.items).toEqual([]);
    expect(p.skipped.map((s) => [s.line, s.reason])).toEqual([
      [1, "the end address is not above the start (line ignored)"],
      [2, "unknown attribute 'BOGUS' (line ignored)"],
    ]);
    expect(linearSection(p)).toEqual({ entries: [], geometry: undefined, notes: [] });
  });
});

describe("every granule and VA size", () => {
  // The simulator's own dumps for each geometry the kernel builds: read back as that geometry.
  const geometries = [["4K", 39], ["4K", 48], ["4K", 52], ["16K", 36], ["16K", 47], ["16K", 48], ["16K", 52], ["64K", 42], ["64K", 48], ["64K", 52]] as const;
  it.each(geometries)("%s pages, %i-bit VA", async (granule, vaBits) => {
    const { runScenarioText } = await import("../../src/index.js");
    const { renderPtdump } = await import("../../src/render/ptdump.js");
    const o = runScenarioText(`machine { granule ${granule}; va_bits ${vaBits}; memory 0x8000_0000 size 2G }\ncpus { cpu 0..1 cortex-a57 }\nkernel { version v6.17; config KFENCE=n }\n`, "g.linmap");
    if (o.kind !== "result") throw new Error(`${granule}/${vaBits} does not run`);
    const lines = renderPtdump(o.result.finalMap, o.result.geometry, { hideInvalidBlocks: false });
    const p = parsePtdump(lines.join("\n"));
    expect(printPtdump(p.items)).toEqual(lines);
    const s = linearSection(p);
    expect([s.geometry?.granule, s.geometry?.vaBits, s.geometry?.pageOffset]).toEqual([granule, vaBits, o.result.geometry.pageOffset]);
  });
});

describe("the shared collection beside the checkout", () => {
  // ../shared/realdata (when present) may gain dumps the fixtures do not hold yet.
  const shared = join(import.meta.dirname, "..", "..", "..", "shared", "realdata");
  const files = (() => {
    try {
      return readdirSync(shared).filter((f) => f.endsWith(".txt")).sort();
    } catch {
      return [];
    }
  })();
  // A clone without the collection beside it (CI has it) reports a skip, not an empty suite.
  it.skipIf(files.length > 0)("is beside this checkout (../shared/realdata)", () => undefined);
  it.runIf(files.length > 0).each(files)("%s round-trips and has a linear section", (f) => {
    const p = parsePtdump(readFileSync(join(shared, f), "utf8"));
    expect(printPtdump(p.items)).toEqual(p.items.map((it) => it.text.trimEnd()));
    expect(linearSection(p).geometry).toBeDefined();
  });
});
