// The kernel: version and policy, and the switches the linear-map code reads, resolved per
// era from the command line and Kconfig (domain.md §2.4-§2.6).
import type * as A from "../lang/ast.js";
import { DEFAULT_KERNEL_VERSION, KCONFIG_SWITCHES, VERSION_SETTINGS, findKernelVersion, findPolicy, findPolicySetting, type KernelVersionInfo, type PolicySettings } from "../catalog/index.js";
import type { ProgramKernel } from "../sim/program.js";
import type { AllocationSwitches } from "../lang/index.js";
import { lastBlock } from "./scenario-parts.js";
import { compileNotes } from "./messages.js";

export interface KernelChoice {
  readonly kernel: ProgramKernel;
  readonly notes: string[];
}

/** A built-in version, or a policy the scenario defines from one, with its settings. */
interface ResolvedKernel {
  readonly name: string;
  readonly base: KernelVersionInfo;
  readonly settings: PolicySettings;
  readonly title: string;
}

function resolveKernel(ast: A.Scenario, name: string): ResolvedKernel {
  const def = ast.items.find((i): i is A.PolicyDefinition => i.kind === "policy" && i.name.text === name);
  const base = findKernelVersion(def ? def.base.text : name) ?? findKernelVersion(DEFAULT_KERNEL_VERSION)!;
  const settings: Record<string, string> = { ...VERSION_SETTINGS[base.name]! };
  if (!def) return { name: base.name, base, settings: settings as unknown as PolicySettings, title: findPolicy(base.policy).title };
  const changed: string[] = [];
  for (const s of def.settings) {
    const info = findPolicySetting(s.name.text);
    if (!info || settings[info.name] === s.value.text) continue;
    settings[info.name] = s.value.text;
    changed.push(`${info.name} ${s.value.text}`);
  }
  const title = `defined in the scenario from ${base.name}${changed.length > 0 ? `: ${changed.join(", ")}` : ", unchanged"}`;
  return { name, base, settings: settings as unknown as PolicySettings, title };
}

export function compileKernel(ast: A.Scenario, versionOverride: string | undefined, switches: AllocationSwitches): KernelChoice {
  const block = lastBlock(ast, "kernel");
  const st = block?.statements ?? [];
  const named = st.find((s): s is Extract<A.KernelStatement, { kind: "version" }> => s.kind === "version")?.version.text;
  const resolved = resolveKernel(ast, versionOverride ?? named ?? DEFAULT_KERNEL_VERSION);
  const version = resolved.base;
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
  if (resolved.settings.rodata_options === "noalias") {
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
    else if (rodata === "on") {
      rodataFull = false;
      notes.push("rodata=on here means on but not full (rodata_full is off), as before v6.18; from v6.18 rodata=on means full.");
    }
    else if (rodata === "full") rodataFull = true;
  }

  const aliasStmt = st.find((s): s is Extract<A.KernelStatement, { kind: "alias" }> => s.kind === "alias");
  const seed = st.find((s): s is Extract<A.KernelStatement, { kind: "kaslr-seed" }> => s.kind === "kaslr-seed")?.seed.value;
  const aliasStart = aliasStmt ? (aliasStmt.start.text === "_stext" ? "_stext" : "_text") : resolved.settings.alias_start;
  if (aliasStmt && aliasStart !== resolved.settings.alias_start) notes.push(compileNotes.aliasOverride(resolved.name, aliasStart));
  const settings: PolicySettings = { ...resolved.settings, alias_start: aliasStart };
  const kptiOption = options.get("kpti");

  return {
    kernel: {
      version: resolved.name,
      policy: version.policy,
      policyTitle: resolved.title,
      // A policy defined in the scenario is a patched tree of its base release.
      release: resolved.name === version.name || version.release.endsWith("+") ? version.release : `${version.release}+`,
      settings,
      order: version.order,
      rodataEnabled,
      rodataFull,
      debugPagealloc: switches.debugPagealloc,
      kfence: switches.kfence,
      realm: switches.realm,
      ...(seed !== undefined && seed !== 0n ? { kaslrSeed: seed } : {}),
      nokaslr: options.has("nokaslr"),
      ...(kptiOption !== undefined ? { kpti: ["1", "y", "on"].includes(kptiOption) } : {}),
      mitigationsOff: options.get("mitigations") === "off",
      cmdlineMessages: messages,
    },
    notes,
  };
}
