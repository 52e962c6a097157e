// CPUs with their capabilities for the chosen kernel: BBML2_NOABORT from an explicit feature
// or from the MIDR allow-list as that kernel has it (domain.md §2.4), MTE, boot and late.
import type * as A from "../lang/ast.js";
import { DEFAULT_CPUS, findCpuFeature, findKernelVersion, findMidr } from "../catalog/index.js";
import type { ProgramCpu } from "../sim/program.js";
import { lastBlock } from "./scenario-parts.js";

function allowListed(midrName: string, variant: number | undefined, order: number): { ok: boolean; reason: string } {
  const midr = findMidr(midrName);
  if (!midr?.bbml2) return { ok: false, reason: `${midrName} is not on the BBML2_NOABORT allow-list` };
  const since = findKernelVersion(midr.bbml2.since)?.order ?? Infinity;
  if (order < since) return { ok: false, reason: `${midrName} joins the BBML2_NOABORT allow-list in ${midr.bbml2.since}` };
  if (midr.bbml2.maxVariant !== undefined && variant !== undefined && variant > midr.bbml2.maxVariant) {
    return { ok: false, reason: `${midrName} r${variant} is beyond the allow-listed r0-r${midr.bbml2.maxVariant}` };
  }
  return { ok: true, reason: `${midrName} is on the BBML2_NOABORT allow-list${midr.bbml2.note ? ` (${midr.bbml2.note})` : ""}` };
}

export function compileCpus(ast: A.Scenario, versionOrder: number): ProgramCpu[] {
  const block = lastBlock(ast, "cpus");
  if (!block) {
    const r = allowListed(DEFAULT_CPUS.midr, undefined, versionOrder);
    return Array.from({ length: DEFAULT_CPUS.count }, (_, id) => ({
      id,
      midr: DEFAULT_CPUS.midr,
      bbml2Noabort: r.ok,
      bbml2Reason: r.reason,
      mte: false,
      meltdownSafe: findMidr(DEFAULT_CPUS.midr)!.meltdownSafe,
      e0pd: findMidr(DEFAULT_CPUS.midr)!.e0pd,
      boot: id === 0,
      late: false,
    }));
  }
  const cpus: ProgramCpu[] = [];
  const explicitBoot = block.statements.some((s) => s.boot);
  for (const s of block.statements) {
    const midr = s.traits.find((t) => findMidr(t.text))?.text;
    const features = s.traits.map((t) => findCpuFeature(t.text)?.name).filter((f): f is string => f !== undefined);
    const fromMidr = midr ? allowListed(midr, s.revision?.variant, versionOrder) : { ok: false, reason: "no MIDR and no bbml2_noabort feature" };
    const feature = features.includes("bbml2_noabort");
    const last = Number(s.last?.value ?? s.first.value);
    for (let id = Number(s.first.value); id <= last; id++) {
      cpus.push({
        id,
        ...(midr ? { midr } : {}),
        bbml2Noabort: feature || fromMidr.ok,
        bbml2Reason: feature ? "bbml2_noabort given as a feature" : fromMidr.reason,
        mte: features.includes("mte"),
        // A CPU named only by its features is taken to be a recent one (compileNotes.cpuWithoutMidr).
        meltdownSafe: midr ? findMidr(midr)!.meltdownSafe : true,
        e0pd: midr ? findMidr(midr)!.e0pd : true,
        boot: explicitBoot ? s.boot && id === Number(s.first.value) : id === 0,
        late: s.late,
      });
    }
  }
  return cpus.sort((a, b) => a.id - b.id);
}
