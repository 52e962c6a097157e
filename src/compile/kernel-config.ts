// The kernel: version and policy, and the switches the linear-map code reads, resolved per
// era from the command line and Kconfig (domain.md §2.4-§2.6).
import type * as A from "../lang/ast.js";
import { DEFAULT_KERNEL_VERSION, KCONFIG_SWITCHES, findKernelVersion } from "../catalog/index.js";
import type { ProgramKernel } from "../sim/program.js";
import { lastBlock } from "./scenario-parts.js";
import { compileNotes } from "./messages.js";

export interface KernelChoice {
  readonly kernel: ProgramKernel;
  readonly swiotlbSize: bigint;
  readonly notes: string[];
}

const RODATA_REWORK_ORDER = 618;

export function compileKernel(ast: A.Scenario, versionOverride: string | undefined, pageSize: bigint, defaultSwiotlb: bigint): KernelChoice {
  const block = lastBlock(ast, "kernel");
  const st = block?.statements ?? [];
  const named = st.find((s): s is Extract<A.KernelStatement, { kind: "version" }> => s.kind === "version")?.version.text;
  const version = findKernelVersion(versionOverride ?? named ?? DEFAULT_KERNEL_VERSION) ?? findKernelVersion(DEFAULT_KERNEL_VERSION)!;
  const config = new Map<string, string>(KCONFIG_SWITCHES.map((k) => [k.name, k.default]));
  for (const s of st) if (s.kind === "config") config.set(s.option.text, s.value.text);
  const options = new Map<string, string>();
  for (const s of st) if (s.kind === "cmdline") for (const w of s.options) options.set(w.name, w.value ?? "");
  const notes: string[] = [];
  const messages: string[] = [];

  // rodata=: v6.18 made `on` mean full and added `noalias`; `full` is no longer recognised.
  let rodataEnabled = true;
  let rodataFull: boolean;
  const rodata = options.get("rodata");
  if (version.order >= RODATA_REWORK_ORDER) {
    rodataFull = true;
    if (rodata === "off") [rodataEnabled, rodataFull] = [false, false];
    else if (rodata === "noalias") rodataFull = false;
    else if (rodata === "full") {
      messages.push(`Invalid option string for rodata: 'full'`);
      notes.push("rodata=full on v6.18+: the kernel is assumed to reject it and keep the default, rodata=on (an inference, domain.md §2.6).");
    }
  } else {
    rodataFull = config.get("RODATA_FULL_DEFAULT_ENABLED") !== "n";
    if (rodata === "off") [rodataEnabled, rodataFull] = [false, false];
    else if (rodata === "on") rodataFull = false;
    else if (rodata === "full") rodataFull = true;
  }

  const dpaOption = options.get("debug_pagealloc");
  const dpaConfigured = config.get("DEBUG_PAGEALLOC") !== "n" || dpaOption === "on";
  const debugPagealloc = dpaConfigured && (dpaOption === "on" || (dpaOption === undefined && config.get("DEBUG_PAGEALLOC_ENABLE_DEFAULT") === "y"));

  const kfenceConfigured = config.get("KFENCE") !== "n";
  const interval = options.get("kfence.sample_interval") ?? config.get("KFENCE_SAMPLE_INTERVAL") ?? "100";
  const objects = BigInt(config.get("KFENCE_NUM_OBJECTS") ?? "255");
  const swiotlb = st.find((s): s is Extract<A.KernelStatement, { kind: "swiotlb" }> => s.kind === "swiotlb");
  const aliasStmt = st.find((s): s is Extract<A.KernelStatement, { kind: "alias" }> => s.kind === "alias");
  const seed = st.find((s): s is Extract<A.KernelStatement, { kind: "kaslr-seed" }> => s.kind === "kaslr-seed")?.seed.value;
  const aliasStart = aliasStmt ? (aliasStmt.start.text === "_stext" ? "_stext" : "_text") : version.aliasStart;
  if (aliasStmt && aliasStart !== version.aliasStart) notes.push(compileNotes.aliasOverride(version.name, aliasStart));
  const kptiOption = options.get("kpti");

  return {
    kernel: {
      version: version.name,
      policy: version.policy,
      order: version.order,
      rodataEnabled,
      rodataFull,
      debugPagealloc,
      kfence: { configured: kfenceConfigured, earlyInit: interval !== "0", poolSize: (objects + 1n) * 2n * pageSize },
      realm: st.some((s) => s.kind === "realm"),
      aliasStart,
      aliasSeries: version.aliasSeries,
      ...(seed !== undefined && seed !== 0n ? { kaslrSeed: seed } : {}),
      nokaslr: options.has("nokaslr"),
      ...(kptiOption !== undefined ? { kpti: ["1", "y", "on"].includes(kptiOption) } : {}),
      mitigationsOff: options.get("mitigations") === "off",
      cmdlineMessages: messages,
    },
    swiotlbSize: swiotlb?.size.value ?? defaultSwiotlb,
    notes,
  };
}
