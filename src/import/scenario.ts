// Writing a scenario from what a boot log (and optionally /proc/iomem) says: the machine
// (granule, banks, no-map holes, the image), the CPUs (models from their MIDRs), the kernel
// (nearest modelled version, the command-line options linmap models, realm, swiotlb,
// KFENCE). Every derived statement carries the log line it came from; everything the log
// does not say is listed as an assumption at the top.
import {
  CMDLINE_OPTIONS,
  PHYS_ADDR_LIMIT,
  DEFAULT_KERNEL_VERSION,
  KERNEL_VERSIONS,
  findCmdlineOption,
  findKernelVersion,
  sizeText,
  type MidrInfo,
} from "../catalog/index.js";
import { LINMAP_VERSION } from "../version.js";
import { layoutScenario, parseScenario } from "../lang/index.js";
import type { BootLog, Fact } from "./dmesg.js";
import type { Iomem } from "./iomem.js";
import { decodeMidr, describeMidr, midrText, type DecodedMidr } from "./midr.js";
import { importMsg } from "./messages.js";

export interface ImportInput {
  readonly file: string;
  readonly log: BootLog;
  readonly iomem?: { readonly file: string; readonly data: Iomem };
}

export interface ImportResult {
  readonly text: string;
  readonly assumptions: readonly string[];
}

const K64 = 64n << 10n;
const M2 = 2n << 20n;

/** `0x8000_0000`: hex with `_` every four digits, as scenarios write addresses. */
export function hexGrouped(v: bigint): string {
  const h = v.toString(16);
  const groups: string[] = [];
  for (let i = h.length; i > 0; i -= 4) groups.unshift(h.slice(Math.max(0, i - 4), i));
  return `0x${groups.join("_")}`;
}

function alignUp(v: bigint, a: bigint): bigint {
  return ((v + a - 1n) / a) * a;
}

function alignDown(v: bigint, a: bigint): bigint {
  return (v / a) * a;
}

function cite(f: Fact<unknown>): string {
  return `L${f.line}: ${f.text}`;
}

function citeRange(first: Fact<unknown>, last: Fact<unknown>): string {
  return first === last ? cite(first) : `L${first.line}: ${first.text} … L${last.line}: ${last.text}`;
}

interface VersionChoice {
  readonly name: string;
  readonly assumption?: string;
}

/** The modelled mainline kernel nearest to the log's release. */
export function nearestVersion(log: BootLog): VersionChoice {
  const v = log.version;
  if (!v) return { name: DEFAULT_KERNEL_VERSION, assumption: importMsg.noVersion(DEFAULT_KERNEL_VERSION) };
  const releases = KERNEL_VERSIONS.filter((k) => !k.proposal)
    .map((k) => ({ k, m: /^v(\d+)\.(\d+)(\.y)?$/.exec(k.name) }))
    .filter((x): x is { k: (typeof KERNEL_VERSIONS)[number]; m: RegExpExecArray } => x.m !== null)
    .map(({ k, m }) => ({ name: k.name, key: Number(m[1]) * 1000 + Number(m[2]), stable: m[3] !== undefined }));
  const key = v.value.major * 1000 + v.value.minor;
  const exact = releases.filter((r) => r.key === key);
  if (exact.length > 0) {
    const stable = exact.find((r) => r.stable);
    const chosen = v.value.sublevel > 0 && stable ? stable : (exact.find((r) => !r.stable) ?? exact[0]!);
    return v.value.rc ? { name: chosen.name, assumption: importMsg.versionRc(v.value.release, chosen.name) } : { name: chosen.name };
  }
  const plain = releases.filter((r) => !r.stable).sort((a, b) => a.key - b.key);
  const oldest = plain[0]!;
  const newest = plain[plain.length - 1]!;
  if (key < oldest.key) return { name: oldest.name, assumption: importMsg.versionOlder(v.value.release, oldest.name) };
  if (key > newest.key) return { name: newest.name, assumption: importMsg.versionNewer(v.value.release, newest.name) };
  const nearest = plain.reduce((best, r) => (Math.abs(r.key - key) < Math.abs(best.key - key) ? r : best));
  return { name: nearest.name, assumption: importMsg.versionNearest(v.value.release, nearest.name) };
}

/** Is the model on the BBML2_NOABORT allow-list of `version` (domain.md §2.4)? */
function allowListed(model: MidrInfo | undefined, variant: number, version: string): boolean {
  if (!model?.bbml2) return false;
  const since = findKernelVersion(model.bbml2.since);
  const v = findKernelVersion(version);
  if (!since || !v || v.order < since.order) return false;
  return model.bbml2.maxVariant === undefined || variant <= model.bbml2.maxVariant;
}

/** The options of a command line that linmap models with a value it accepts; the rest. */
export function modelledOptions(cmdline: string): { kept: string[]; ignored: string[] } {
  const kept: string[] = [];
  const ignored: string[] = [];
  for (const token of cmdline.split(/\s+/).filter((t) => t !== "")) {
    const eq = token.indexOf("=");
    const name = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? "" : token.slice(eq + 1);
    const opt = findCmdlineOption(name);
    const ok = opt !== undefined && (opt.values === "number" ? /^\d+$/.test(value) : opt.values.includes(value));
    (ok ? kept : ignored).push(token);
  }
  return { kept, ignored };
}

interface Bank {
  start: bigint;
  end: bigint;
  note: string;
}

export function writeScenario(input: ImportInput): ImportResult {
  const { log } = input;
  const iomem = input.iomem?.data;
  const assumptions: string[] = [];
  const machine: string[] = [];
  const cpusBlock: string[] = [];
  const kernel: string[] = [];

  // -- kernel version first: the allow-list depends on it.
  const version = nearestVersion(log);
  if (version.assumption) assumptions.push(version.assumption);

  // -- granule and VA size.
  const page = log.pageSize?.value ?? 4096n;
  const granule = page === 65536n ? "64K" : page === 16384n ? "16K" : "4K";
  if (log.pageSize) machine.push(`granule ${granule}  # ${cite(log.pageSize)}`);
  else {
    machine.push("granule 4K");
    assumptions.push(importMsg.pageSizeAssumed());
  }
  const lpa2 = log.features.find((f) => /52-bit Virtual Addressing/.test(f.value) && !/for KVM/.test(f.value));
  if (lpa2 && granule !== "64K") machine.push(`va_bits 52  # ${cite(lpa2)}`);
  else {
    machine.push("va_bits 48");
    assumptions.push(importMsg.vaBits());
  }
  if (log.machineModel) machine.push(`# ${cite(log.machineModel)} (${importMsg.noteMachine()})`);
  if (log.memoryLimit) machine.push(`# ${cite(log.memoryLimit)}: ${importMsg.noteMemoryLimit(log.memoryLimit.value)}`);
  if (log.linearCap) machine.push(`# ${cite(log.linearCap)}: ${importMsg.noteLinearCap(log.linearCap.value)}`);

  // -- memory banks and no-map holes.
  const banks: Bank[] = [];
  if (iomem && iomem.banks.length > 0) {
    for (const b of iomem.banks) banks.push({ start: b.start, end: b.end, note: `iomem L${b.lines.join(", L")}` });
  } else if (log.memoryRanges.length > 0) {
    let run: Fact<{ start: bigint; end: bigint }>[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const first = run[0]!;
      const last = run[run.length - 1]!;
      banks.push({ start: first.value.start, end: runEnd, note: run.length > 1 ? `${citeRange(first, last)} (${importMsg.noteBanksMerged(run.length)})` : cite(first) });
      run = [];
    };
    // Adjacent (or, in a damaged log, overlapping) ranges make one bank.
    let runEnd = -1n;
    for (const r of [...log.memoryRanges].sort((a, b) => (a.value.start < b.value.start ? -1 : 1))) {
      if (run.length > 0 && r.value.start > runEnd) flush();
      run.push(r);
      if (r.value.end > runEnd) runEnd = r.value.end;
    }
    flush();
    if (log.memoryRanges.length > banks.length && log.nomap.length === 0) assumptions.push(importMsg.nomapUnknown(log.memoryRanges.length));
  } else if (log.zoneRanges.length > 0) {
    for (const z of [...log.zoneRanges].sort((a, b) => (a.value.start < b.value.start ? -1 : 1))) {
      const last = banks[banks.length - 1];
      if (last && last.end === z.value.start) {
        last.end = z.value.end;
        last.note = `${last.note}; ${cite(z)}`;
      } else banks.push({ start: z.value.start, end: z.value.end, note: cite(z) });
    }
    assumptions.push(importMsg.banksFromZones());
  } else {
    assumptions.push(importMsg.noMemory());
  }
  const kept: Bank[] = [];
  // The linear map covers 2^(va_bits-1) bytes from the lowest bank (52-bit: as 48-bit here).
  const span = 1n << 47n;
  for (const b of banks) {
    const start = alignUp(b.start, page);
    const end = alignDown(b.end, page);
    if (end <= start) continue;
    if (end > PHYS_ADDR_LIMIT || (kept.length > 0 && end - kept[0]!.start > span) || kept.some((k) => start < k.end && k.start < end)) {
      assumptions.push(importMsg.bankDropped(start, end));
      continue;
    }
    kept.push({ start, end, note: b.note });
    machine.push(`memory ${hexGrouped(start)} size ${sizeText(end - start)}  # ${b.note}`);
  }
  const holes = iomem && iomem.banks.length > 0 ? iomem.nomap.map((r) => ({ start: r.value.start, end: r.value.end, note: `iomem L${r.line}: ${r.text}` })) : log.nomap.map((r) => ({ start: r.value.start, end: r.value.end, note: cite(r) }));
  for (const h of holes) {
    const start = alignDown(h.start, page);
    const end = alignUp(h.end, page);
    if (!kept.some((b) => b.start <= start && end <= b.end)) continue;
    machine.push(`nomap ${hexGrouped(start)} size ${sizeText(end - start)}  # ${h.note}`);
  }

  // -- the kernel image.
  const code = iomem?.kernelCode;
  const data = iomem?.kernelData;
  if (code && data) {
    // "Kernel code" starts at _text in some releases and at _stext (_text + 64K, after the
    // image head) in others; _text is 2 MiB aligned unless the EFI stub randomised it.
    const start = code.value.start;
    const phase = start % M2;
    const real = phase === 0n ? start : start - K64;
    const at = alignDown(real, M2);
    assumptions.push(phase === 0n ? importMsg.imageCodeAtText() : phase === K64 ? importMsg.imageHead() : importMsg.imageHeadAmbiguous());
    if (at !== real) assumptions.push(importMsg.imageRounded(real, at));
    const text = alignUp(code.value.end - at, K64);
    const init = alignUp(data.value.start - (at + text), K64);
    const rw = alignUp(data.value.end - data.value.start, K64);
    machine.push(`image at ${hexGrouped(at)} text ${sizeText(text)} init ${sizeText(init)} data ${sizeText(rw)}  # iomem L${code.line}: ${code.text}; iomem L${data.line}: ${data.text}`);
  } else if (log.memory && kept.length > 0) {
    const m = log.memory.value;
    const text = alignUp(K64 + alignUp(m.code, K64) + alignUp(m.rodata, K64), K64);
    const init = alignUp(m.init, K64);
    const rw = alignUp(m.rwdata + m.bss, K64);
    // 2 MiB into the first bank that holds it (the bank's own start if only that fits).
    const size = text + init + rw;
    let at: bigint | undefined;
    for (const b of kept) {
      for (const candidate of [alignUp(b.start, M2) + M2, alignUp(b.start, M2)]) {
        if (at === undefined && candidate + size <= b.end) at = candidate;
      }
    }
    if (at === undefined) {
      assumptions.push(importMsg.imageNoBank(size));
    } else {
      assumptions.push(importMsg.imageFromMemoryLine(), at === alignUp(kept[0]!.start, M2) + M2 ? importMsg.imagePlaced(at) : importMsg.imagePlacedElsewhere(at));
      if (log.kaslr?.value === "enabled" || /KASLR/.test(log.kptiForced?.value ?? "")) assumptions.push(importMsg.imageKaslr());
      machine.push(`image at ${hexGrouped(at)} text ${sizeText(text)} init ${sizeText(init)} data ${sizeText(rw)}  # ${cite(log.memory)}`);
    }
  } else {
    assumptions.push(importMsg.noImage());
  }

  // -- CPUs: consecutive logical CPUs with one MIDR share a line.
  const bbml2 = log.features.find((f) => /BBM Level 2|BBML2/i.test(f.value));
  let bbml2Added = false;
  const trait = (d: DecodedMidr): string => {
    const parts: string[] = [];
    if (d.model) parts.push(d.model.name, `r${d.variant}p${d.revision}`);
    if (bbml2 && !allowListed(d.model, d.variant, version.name)) {
      parts.push("bbml2_noabort");
      bbml2Added = true;
    }
    return parts.length > 0 ? ` ${parts.join(" ")}` : "";
  };
  const unknown = new Set<number>();
  let cpus = log.cpus;
  if (cpus.length > 0 && cpus[0]!.value.cpu !== 0) {
    // No "Booting Linux on physical CPU" line: a boot CPU like the first secondary.
    assumptions.push(importMsg.noBootCpuLine(cpus[0]!.value.cpu));
    cpus = [{ ...cpus[0]!, value: { ...cpus[0]!.value, cpu: 0 } }, ...cpus];
  }
  if (cpus.length === 0) {
    cpusBlock.push("cpu 0");
    assumptions.push(importMsg.noCpus());
  } else {
    let i = 0;
    while (i < cpus.length) {
      let j = i;
      while (j + 1 < cpus.length && cpus[j + 1]!.value.midr === cpus[i]!.value.midr && cpus[j + 1]!.value.cpu === cpus[j]!.value.cpu + 1) j++;
      const d = decodeMidr(cpus[i]!.value.midr);
      if (!d.model) unknown.add(d.value);
      const ids = i === j ? `${cpus[i]!.value.cpu}` : `${cpus[i]!.value.cpu}..${cpus[j]!.value.cpu}`;
      cpusBlock.push(`cpu ${ids}${trait(d)}  # ${citeRange(cpus[i]!, cpus[j]!)}`);
      i = j + 1;
    }
    const counted = log.cpuCount?.value ?? 0;
    const highest = cpus[cpus.length - 1]!.value.cpu;
    if (counted > highest + 1) {
      const boot = decodeMidr(cpus[0]!.value.midr);
      cpusBlock.push(`cpu ${highest + 1}..${counted - 1}${trait(boot)}  # ${cite(log.cpuCount!)}`);
      assumptions.push(importMsg.missingCpus(cpus.length, counted, boot.model?.name ?? midrText(boot.value)));
    }
  }
  for (const midr of unknown) assumptions.push(importMsg.unknownMidr(midrText(midr), describeMidr(decodeMidr(midr))));
  if (bbml2Added && bbml2) {
    assumptions.push(importMsg.bbml2Added());
    cpusBlock.push(`# ${cite(bbml2)}`);
  }

  // -- the kernel.
  kernel.push(`version ${version.name}${log.version ? `  # ${cite(log.version)}` : ""}`);
  if (log.cmdline) {
    const { kept: options, ignored } = modelledOptions(log.cmdline.value);
    if (options.length > 0) kernel.push(`cmdline "${options.join(" ")}"  # ${cite(log.cmdline)}`);
    else kernel.push(`# ${cite(log.cmdline)}`);
    if (ignored.length > 0) assumptions.push(importMsg.cmdlineIgnored(ignored.join(" ")));
    if (!options.some((o) => o.startsWith("rodata="))) assumptions.push(importMsg.rodataDefault());
  }
  if (log.realm.length > 0) kernel.push(`realm  # ${log.realm.map(cite).join("; ")}`);
  else assumptions.push(importMsg.notRealm());
  if (log.swiotlb) {
    kernel.push(`swiotlb ${log.swiotlb.value.megabytes}M  # ${cite(log.swiotlb)}`);
    assumptions.push(importMsg.swiotlbPlaced(log.swiotlb.value.start, log.swiotlb.value.end));
  }
  if (log.kfence) {
    kernel.push(`config KFENCE=y  # ${cite(log.kfence)}`, `config KFENCE_NUM_OBJECTS=${log.kfence.value.objects}  # ${cite(log.kfence)}`);
  } else if (log.pastKfenceInit) {
    kernel.push(`config KFENCE=n  # no "kfence: initialized" line before ${cite(log.pastKfenceInit)}`);
    assumptions.push(importMsg.noKfenceLine());
  } else {
    assumptions.push(importMsg.kfenceUnknown());
  }
  const kpti = log.features.find((f) => /Kernel page table isolation/.test(f.value));
  if (kpti) kernel.push(`# ${cite(kpti)}: ${importMsg.noteKpti()}`);
  if (log.kptiForced) kernel.push(`# ${cite(log.kptiForced)}`);
  if (log.kaslr) kernel.push(`# ${cite(log.kaslr)}: ${importMsg.noteKaslr(log.kaslr.value)}`);
  if (log.kaslr?.value === "enabled" || /KASLR/.test(log.kptiForced?.value ?? "")) assumptions.push(importMsg.kaslrSeedUnknown());
  const e0pd = log.features.find((f) => f.value === "E0PD");
  if (e0pd) kernel.push(`# ${cite(e0pd)}: ${importMsg.noteE0pd()}`);

  // -- a swiotlb pool the memory found in the log cannot hold (a partial or mangled log) would
  // make the scenario invalid: shrink it to the largest power of two that fits, and say so.
  if (log.realm.length > 0) fitSwiotlb(machine, cpusBlock, kernel, assumptions);

  // -- assemble.
  const out: string[] = [importMsg.header(input.file, LINMAP_VERSION), importMsg.cites(input.file)];
  if (input.iomem) out.push(importMsg.citesIomem(input.iomem.file));
  out.push("#");
  if (assumptions.length === 0) out.push(importMsg.noAssumptions());
  else out.push(importMsg.assumptionsHeading(), ...assumptions.map((a) => `#   - ${a}`));
  const block = (name: string, lines: readonly string[]) => [`${name} {`, ...lines.map((l) => `  ${l}`), "}"];
  out.push("", ...block("machine", machine), ...block("cpus", cpusBlock), ...block("kernel", kernel), "");
  return { text: out.join("\n"), assumptions };
}

/** The option names the importer can carry over (for the docs). */
export function importableOptions(): string[] {
  return CMDLINE_OPTIONS.map((o) => o.name);
}

function fitSwiotlb(machine: readonly string[], cpus: readonly string[], kernel: string[], assumptions: string[]): void {
  const block = (name: string, lines: readonly string[]) => `${name} {\n${lines.join("\n")}\n}`;
  const fails = (k: readonly string[]) => {
    const { ast, diagnostics } = parseScenario([block("machine", machine), block("cpus", cpus), block("kernel", k)].join("\n"), "import.linmap");
    return diagnostics.length === 0 && layoutScenario(ast).failures.some((f) => f.name === "swiotlb_pool");
  };
  if (!fails(kernel)) return;
  const at = kernel.findIndex((l) => l.startsWith("swiotlb "));
  const wanted = at >= 0 ? Number(/^swiotlb (\d+)M/.exec(kernel[at]!)?.[1] ?? 64) : 64;
  for (let mb = 2 ** Math.floor(Math.log2(Math.max(1, wanted))); mb >= 1; mb /= 2) {
    const line = `swiotlb ${mb}M  # ${importMsg.swiotlbShrunk(wanted, mb)}`;
    const next = at >= 0 ? kernel.map((l, i) => (i === at ? line : l)) : [...kernel, line];
    if (fails(next)) continue;
    kernel.splice(0, kernel.length, ...next);
    assumptions.push(importMsg.swiotlbShrunk(wanted, mb));
    return;
  }
}
