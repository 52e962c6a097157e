// CPU models (MIDR names) and CPU features a scenario can give a CPU (domain.md §2.4, §5, §7.1).
// `cpu_supports_bbml2_noabort()` is a MIDR allow-list only; the ID_AA64MMFR2_EL1.BBM field is
// ignored. The allow-list grew over releases, so each entry says from which kernel it counts.

export interface MidrInfo {
  /** Lower-case name as a scenario writes it (`cpu 0 neoverse-v3`). */
  readonly name: string;
  /** The kernel's MIDR macro. */
  readonly macro: string;
  readonly implementer: number;
  readonly partNum: number;
  /**
   * BBML2_NOABORT allow-list membership: the first kernel whose list names the part, and the
   * highest variant (rN) covered. Absent: never on the list.
   */
  readonly bbml2?: { readonly since: string; readonly maxVariant?: number; readonly note?: string };
  /**
   * Meltdown-safe for KPTI (domain.md §2.8): on `kpti_safe_list` or reporting
   * ID_AA64PFR0_EL1.CSV3. A CPU that is not forces KPTI on.
   */
  readonly meltdownSafe: boolean;
  /** FEAT_E0PD (Armv8.5+): KASLR then needs no KPTI, so the linear map is not born NG. */
  readonly e0pd: boolean;
  readonly doc: string;
}

export const MIDRS: readonly MidrInfo[] = [
  { name: "cortex-x4", macro: "MIDR_CORTEX_X4", implementer: 0x41, partNum: 0xd82, bbml2: { since: "v6.17", maxVariant: 3 }, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-X4. BBML2_NOABORT allow-listed for r0–r3." },
  { name: "neoverse-v3", macro: "MIDR_NEOVERSE_V3", implementer: 0x41, partNum: 0xd84, bbml2: { since: "v6.17", maxVariant: 2 }, meltdownSafe: true, e0pd: true, doc: "Arm Neoverse-V3. BBML2_NOABORT allow-listed for r0–r2." },
  { name: "neoverse-v3ae", macro: "MIDR_NEOVERSE_V3AE", implementer: 0x41, partNum: 0xd83, bbml2: { since: "v6.18" }, meltdownSafe: true, e0pd: true, doc: "Arm Neoverse-V3AE. Added to the BBML2_NOABORT allow-list in v6.18." },
  { name: "ampere1", macro: "MIDR_AMPERE1", implementer: 0xc0, partNum: 0xac3, bbml2: { since: "v6.18" }, meltdownSafe: true, e0pd: true, doc: "AmpereOne. BBML2_NOABORT allow-listed (v6.18 merge)." },
  { name: "ampere1a", macro: "MIDR_AMPERE1A", implementer: 0xc0, partNum: 0xac4, bbml2: { since: "v6.18" }, meltdownSafe: true, e0pd: true, doc: "AmpereOne A. BBML2_NOABORT allow-listed (v6.18 merge)." },
  { name: "nvidia-olympus", macro: "MIDR_NVIDIA_OLYMPUS", implementer: 0x4e, partNum: 0x010, bbml2: { since: "v7.1", note: "named by a later allow-list; the release that added it is not verified (domain.md §2.4)" }, meltdownSafe: true, e0pd: true, doc: "NVIDIA Olympus. Named by a later BBML2_NOABORT allow-list; release not verified." },
  { name: "cortex-a75", macro: "MIDR_CORTEX_A75", implementer: 0x41, partNum: 0xd0a, meltdownSafe: false, e0pd: false, doc: "Arm Cortex-A75. Not on the BBML2_NOABORT allow-list; affected by Meltdown (not on kpti_safe_list, no CSV3), so KPTI is on." },
  { name: "cortex-a53", macro: "MIDR_CORTEX_A53", implementer: 0x41, partNum: 0xd03, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-A53. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a55", macro: "MIDR_CORTEX_A55", implementer: 0x41, partNum: 0xd05, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-A55. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a57", macro: "MIDR_CORTEX_A57", implementer: 0x41, partNum: 0xd07, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-A57. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a72", macro: "MIDR_CORTEX_A72", implementer: 0x41, partNum: 0xd08, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-A72. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a76", macro: "MIDR_CORTEX_A76", implementer: 0x41, partNum: 0xd0b, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-A76. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a78", macro: "MIDR_CORTEX_A78", implementer: 0x41, partNum: 0xd41, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-A78. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a710", macro: "MIDR_CORTEX_A710", implementer: 0x41, partNum: 0xd47, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-A710. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a715", macro: "MIDR_CORTEX_A715", implementer: 0x41, partNum: 0xd4d, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-A715. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a720", macro: "MIDR_CORTEX_A720", implementer: 0x41, partNum: 0xd81, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-A720. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-a725", macro: "MIDR_CORTEX_A725", implementer: 0x41, partNum: 0xd87, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-A725. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-x1", macro: "MIDR_CORTEX_X1", implementer: 0x41, partNum: 0xd44, meltdownSafe: true, e0pd: false, doc: "Arm Cortex-X1. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-x2", macro: "MIDR_CORTEX_X2", implementer: 0x41, partNum: 0xd48, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-X2. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-x3", macro: "MIDR_CORTEX_X3", implementer: 0x41, partNum: 0xd4e, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-X3. Not on the BBML2_NOABORT allow-list." },
  { name: "cortex-x925", macro: "MIDR_CORTEX_X925", implementer: 0x41, partNum: 0xd85, meltdownSafe: true, e0pd: true, doc: "Arm Cortex-X925. Not on the BBML2_NOABORT allow-list." },
  { name: "neoverse-n1", macro: "MIDR_NEOVERSE_N1", implementer: 0x41, partNum: 0xd0c, meltdownSafe: true, e0pd: false, doc: "Arm Neoverse-N1. Not on the BBML2_NOABORT allow-list." },
  { name: "neoverse-n2", macro: "MIDR_NEOVERSE_N2", implementer: 0x41, partNum: 0xd49, meltdownSafe: true, e0pd: true, doc: "Arm Neoverse-N2. Not on the BBML2_NOABORT allow-list." },
  { name: "neoverse-n3", macro: "MIDR_NEOVERSE_N3", implementer: 0x41, partNum: 0xd8e, meltdownSafe: true, e0pd: true, doc: "Arm Neoverse-N3. Not on the BBML2_NOABORT allow-list." },
  { name: "neoverse-v1", macro: "MIDR_NEOVERSE_V1", implementer: 0x41, partNum: 0xd40, meltdownSafe: true, e0pd: false, doc: "Arm Neoverse-V1. Not on the BBML2_NOABORT allow-list." },
  { name: "neoverse-v2", macro: "MIDR_NEOVERSE_V2", implementer: 0x41, partNum: 0xd4f, meltdownSafe: true, e0pd: true, doc: "Arm Neoverse-V2. Not on the BBML2_NOABORT allow-list." },
];

export interface CpuFeatureInfo {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly capability: string;
  readonly doc: string;
}

export const CPU_FEATURES: readonly CpuFeatureInfo[] = [
  {
    name: "bbml2_noabort",
    aliases: ["bbml3"],
    capability: "ARM64_HAS_BBML2_NOABORT",
    doc: "BBM Level 2 without conflict abort: the CPU may change a live mapping's block size without break-before-make. Given as a feature, it overrides the MIDR allow-list (as if the part were listed). `bbml3` is the later name (domain.md §7.1).",
  },
  {
    name: "mte",
    capability: "ARM64_MTE",
    doc: "Memory Tagging Extension. The linear map prints `MEM/NORMAL-TAGGED` with or without it: `pgprot_tagged(PAGE_KERNEL)` always selects the tagged attribute index, and ptdump names the index (domain.md §8.1).",
  },
];

const midrByName = new Map(MIDRS.map((m) => [m.name, m] as const));
const featureByName = new Map<string, CpuFeatureInfo>();
for (const f of CPU_FEATURES) {
  featureByName.set(f.name, f);
  for (const a of f.aliases ?? []) featureByName.set(a, f);
}

export function findMidr(name: string): MidrInfo | undefined {
  return midrByName.get(name);
}

export function findCpuFeature(name: string): CpuFeatureInfo | undefined {
  return featureByName.get(name);
}

export function cpuFeatureNames(): string[] {
  return [...CPU_FEATURES.map((f) => f.name), ...CPU_FEATURES.flatMap((f) => f.aliases ?? [])];
}
