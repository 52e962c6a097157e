// The kernel: version and policy, and the switches the linear-map code reads, resolved per
// era from the command line and Kconfig (domain.md §2.4-§2.6).
import type * as A from "../lang/ast.js";
import { DEFAULT_KERNEL_VERSION, KCONFIG_SWITCHES, findKernelVersion } from "../catalog/index.js";
import type { ProgramKernel } from "../sim/program.js";
import type { AllocationSwitches } from "../lang/index.js";
import { lastBlock } from "./scenario-parts.js";

export interface KernelChoice {
  readonly kernel: ProgramKernel;
  readonly notes: string[];
}

const RODATA_REWORK_ORDER = 618;

export function compileKernel(ast: A.Scenario, versionOverride: string | undefined, switches: AllocationSwitches): KernelChoice {
  const block = lastBlock(ast, "kernel");
  const st = block?.statements ?? [];
  const named = st.find((s): s is Extract<A.KernelStatement, { kind: "version" }> => s.kind === "version")?.version.text;
  const version = findKernelVersion(versionOverride ?? named ?? DEFAULT_KERNEL_VERSION) ?? findKernelVersion(DEFAULT_KERNEL_VERSION)!;
  const config = new Map<string, string>(KCONFIG_SWITCHES.map((k) => [k.name, k.default]));
  for (const s of st) if (s.kind === "config") config.set(s.option.text, s.value.text);
  const options = new Map<string, string>();
  for (const s of st) if (s.kind === "cmdline") for (const w of s.options) if (w.value !== undefined) options.set(w.name, w.value);
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
    else if (rodata === "on") {
      rodataFull = false;
      notes.push(`rodata=on on ${version.name} means on but not full (rodata_full is off); from v6.18 rodata=on means full.`);
    }
    else if (rodata === "full") rodataFull = true;
  }

  return {
    kernel: {
      version: version.name,
      policy: version.policy,
      order: version.order,
      rodataEnabled,
      rodataFull,
      debugPagealloc: switches.debugPagealloc,
      kfence: switches.kfence,
      realm: switches.realm,
      cmdlineMessages: messages,
    },
    notes,
  };
}
