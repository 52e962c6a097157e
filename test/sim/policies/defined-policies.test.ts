// Policies written in the language: every built-in kernel, written out setting by setting
// from a base whose settings differ as much as possible, simulates exactly as the built-in
// on every bundled example (the built-ins are data, not code paths); and a new revision of a
// patch is a few lines.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KERNEL_VERSIONS, POLICY_SETTINGS, VERSION_SETTINGS } from "../../../src/catalog/index.js";
import { renderPtdump } from "../../../src/render/ptdump.js";
import type { SimResult } from "../../../src/sim/index.js";
import { simulateText } from "../../support/run-scenario.js";
import { runScenarioText } from "../../../src/pipeline.js";

const examplesDir = join(import.meta.dirname, "../../../grammar/examples/valid");
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".linmap"))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(examplesDir, f), "utf8") }));

/** Everything a run shows, less the name of the kernel it ran. */
function observable(r: SimResult) {
  return {
    calls: r.calls,
    // The dump_stack banner names the tree (`7.2.0+` for a policy defined from v7.2): the
    // release is what the run is called, not what it does.
    log: r.log.filter((l) => !l.startsWith("linmap: simulating")).map((l) => (l.startsWith("CPU: ") ? l.replace(/\S+( #\?)/, "RELEASE$1") : l)),
    ptdump: renderPtdump(r.finalMap, r.geometry, { hideInvalidBlocks: r.ptdumpHidesInvalidBlocks }),
    pages: r.stats,
    expectations: r.expectations.map((e) => [e.passed, e.actual]),
    notes: r.notes,
    cpus: r.cpus,
    warns: r.warnCount,
  };
}

function definition(name: string, base: string, version: string): string {
  const s = VERSION_SETTINGS[version]!;
  return `policy ${name} from ${base} {\n${POLICY_SETTINGS.map((x) => `  ${x.name} ${s[x.name]}`).join("\n")}\n}\n`;
}

describe("built-in policies written in the language equal the built-ins", () => {
  for (const v of KERNEL_VERSIONS) {
    // A base from the other end of the history, so that every setting is really written.
    const base = VERSION_SETTINGS[v.name]!.permission_change === "apply_to_page_range" ? "v7.2" : "v6.13";
    it(`${v.name}, written from ${base}`, () => {
      for (const ex of examples) {
        const defined = `${ex.text}\n${definition("copy", base, v.name)}`;
        // An example the checker refuses under this kernel (rodata=noalias before v6.18) is
        // refused alike under the copy, for the same reason.
        const refusedA = runScenarioText(ex.text, ex.file, { version: v.name });
        if (refusedA.kind === "diagnostics") {
          const refusedB = runScenarioText(defined, ex.file, { version: "copy" });
          expect(refusedB.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual(refusedA.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column]));
          continue;
        }
        const a = simulateText(ex.text, v.name);
        const b = simulateText(defined, "copy");
        expect(b.provenance.version).toBe("copy");
        expect(b.provenance.policy).toBe(base === "v7.2" ? "d" : "a");
        expect(observable(b), `${ex.file} under ${v.name}`).toEqual(observable(a));
      }
    });
  }

  it("every setting of every built-in is a value the catalogue documents", () => {
    for (const [version, s] of Object.entries(VERSION_SETTINGS)) {
      for (const info of POLICY_SETTINGS) expect(info.values.map((x) => x.value), `${version} ${info.name}`).toContain(s[info.name]);
    }
    expect(Object.keys(VERSION_SETTINGS).sort()).toEqual(KERNEL_VERSIONS.map((k) => k.name).sort());
  });
});

describe("a patch revision described in words", () => {
  // "v7.1, but without window 2": the seed's window-2 case (a decrypt while secondaries come
  // online) then splits instead of failing with -EBUSY.
  const scenario = (version: string) => `machine { granule 4K; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G }
cpus { cpu 0..7 neoverse-v3 }
kernel { version ${version}; realm; config KFENCE=n }
buffer b at 0x1_8234_0000 size 64K
boot { at smp_init: set_memory_decrypted b on cpu 1 }
policy no-window2 from v7.1 { window2 off }
`;

  it("changes only what the settings say", () => {
    const v71 = simulateText(scenario("v7.1"));
    const mine = simulateText(scenario("no-window2"));
    expect(v71.calls.find((c) => c.call === "set_memory_decrypted")!.rcName).toBe("-EBUSY");
    const c = mine.calls.find((x) => x.call === "set_memory_decrypted")!;
    expect([c.rcName, c.warns, c.splits]).toEqual(["0", 0, ["split_pud", "split_contpmd", "split_pmd"]]);
    expect(mine.provenance.policyTitle).toBe("defined in the scenario from v7.1: window2 off");
  });

  it("runs under --policy / compare by name, like a built-in version", () => {
    const r = simulateText(scenario("v7.0"), "no-window2");
    expect(r.provenance.version).toBe("no-window2");
    expect(r.provenance.policy).toBe("d");
    expect(r.calls.find((c) => c.call === "set_memory_decrypted")!.rcName).toBe("0");
  });
});
