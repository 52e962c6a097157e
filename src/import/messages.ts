// Every message `linmap import` writes: the assumptions listed at the top of an imported
// scenario, the notes beside its statements, and the errors. Tests compare against these.
import { hex, sizeText } from "../catalog/index.js";

export const importMsg = {
  header: (file: string, version: string) => `# A linmap scenario imported from ${file} by \`linmap import dmesg\` (linmap ${version}).`,
  cites: (file: string) => `# "L<n>:" cites line n of ${file}, the log line a statement was derived from.`,
  citesIomem: (file: string) => `# "iomem L<n>:" cites line n of ${file} (/proc/iomem).`,
  assumptionsHeading: () => "# Assumptions (what the log does not say):",
  noAssumptions: () => "# Assumptions: none.",

  // Assumptions.
  vaBits: () => "VA size 48 bits: a boot log does not print it",
  pageSizeAssumed: () => "page size 4K: no hash-table line gives it (bytes >> order)",
  versionOlder: (release: string, chosen: string) => `kernel ${release} is older than every modelled kernel; modelled as ${chosen}, the oldest`,
  versionNewer: (release: string, chosen: string) => `kernel ${release} is newer than every modelled kernel; modelled as ${chosen}, the newest`,
  versionNearest: (release: string, chosen: string) => `kernel ${release} is not modelled; modelled as ${chosen}, the nearest`,
  versionRc: (release: string, chosen: string) => `kernel ${release} is a release candidate; modelled as the release ${chosen}`,
  noVersion: (chosen: string) => `no "Linux version" line: modelled as ${chosen} (linmap's default)`,
  imageFromMemoryLine: () =>
    "the image's sizes come from the Memory: line: text = 64K head + kernel code + rodata, init, data = rwdata + bss, each rounded up to 64K (the sections between rodata and __init_begin are not counted; --iomem gives the exact extents)",
  imagePlaced: (at: bigint) => `the image placed 2 MiB into the first bank (${hex(at)}), as QEMU loads it and as the EFI stub does without KASLR; --iomem places it exactly`,
  imagePlacedElsewhere: (at: bigint) => `the image placed at ${hex(at)}, 2 MiB into the first bank that holds it; --iomem places it exactly`,
  imageNoBank: (size: bigint) => `no bank holds an image of ${sizeText(size)} (the Memory: line's sizes): the image takes linmap's default sizes and placement`,
  kaslrSeedUnknown: () =>
    "KASLR is on but its seed is not in the log, so the scenario has none: add `kaslr seed 0x...` to the kernel block to model the non-global (NG) linear map KASLR forces on CPUs without E0PD, and the randomised linear base when the PA range allows it",
  imageKaslr: () => "KASLR is enabled, so the EFI stub may have placed the image elsewhere (a random 64K-aligned address); --iomem places it exactly",
  imageHead: () => "/proc/iomem's Kernel code starts 64K past a 2 MiB boundary: read as _stext, with _text 64K below it (the image head)",
  imageCodeAtText: () => "/proc/iomem's Kernel code starts on a 2 MiB boundary: read as _text (the releases that start it at _text)",
  imageHeadAmbiguous: () => "/proc/iomem's Kernel code is neither 2 MiB aligned nor 64K past it (a KASLR placement): read as _stext, with _text 64K below it",
  imageRounded: (real: bigint, at: bigint) => `_text at ${hex(real)} is not 2 MiB aligned; linmap places the image at ${hex(at)}, keeping __init_begin where it is`,
  noImage: () => "no Memory: line and no /proc/iomem: the image takes linmap's default sizes and placement",
  banksFromZones: () => "no Early memory node ranges: the banks are the Zone ranges, so holes inside a zone are not known",
  noMemory: () => "no memory map in the log (no Early memory node ranges): linmap's default bank (4G at 0x80000000)",
  nomapUnknown: (n: number) => `the log splits memory into ${n} adjacent ranges without saying which are no-map (EFI runtime regions usually are): all taken as mapped; --iomem gives the no-map ones (top-level "reserved")`,
  unknownMidr: (midr: string, what: string) => `MIDR ${midr}, ${what}, is not in linmap's catalogue: those CPUs are modelled without a MIDR name, i.e. not on the BBML2_NOABORT allow-list`,
  missingCpus: (listed: number, counted: number, model: string) => `the log lists ${listed} CPU${listed === 1 ? "" : "s"} but the kernel counts ${counted}; the others are taken to be like the boot CPU (${model})`,
  noBootCpuLine: (first: number) => `no "Booting Linux on physical CPU" line: CPU0 taken to be like CPU${first}`,
  bankDropped: (start: bigint, end: bigint) => `the memory range [${hex(start)}..${hex(end)}) overlaps another, lies beyond the 52-bit PA space or beyond what the linear map covers: left out`,
  noCpus: () => "no CPU lines in the log: one CPU without a MIDR name",
  noKfenceLine: () => "no \"kfence: initialized\" line although the log runs past kfence_init(): no early KFENCE pool (CONFIG_KFENCE off or kfence.sample_interval=0)",
  kfenceUnknown: () => "the log ends before kfence_init(): KFENCE is left at linmap's default",
  notRealm: () => "not a realm guest: no RME/RSI line",
  swiotlbShrunk: (wanted: number, mb: number) => `a ${wanted}M swiotlb pool does not fit the memory found in the log: ${mb}M instead`,
  swiotlbPlaced: (start: bigint, end: bigint) => `the swiotlb pool's size is taken from the log; the kernel placed it at [${hex(start)}..${hex(end)}), linmap places it with its own allocator model (memblock, below 4 GiB, top-down)`,
  cmdlineIgnored: (options: string) => `command-line options linmap does not model are left out: ${options}`,
  bbml2Added: () => "the log detects BBM Level 2 without conflict abort on a CPU linmap would not allow-list for this kernel: given as the bbml2_noabort feature",
  rodataDefault: () => "rodata= not on the command line: the kernel's default",

  // Notes beside statements (after the citation).
  noteBanksMerged: (n: number) => `${n} adjacent ranges, one bank`,
  noteKpti: () => "KPTI on: the real linear map is non-global (NG on every ptdump line)",
  noteKaslr: (what: string) =>
    what === "enabled" ? "the image is placed at random, and so is the linear map's base when the CPU's PA range is at most 44 bits (48-bit VA)" : "the image and the linear map are not randomised",
  noteE0pd: () => "KASLR does not force KPTI on this CPU",
  noteLinearCap: (bits: number) => `the linear region is capped to ${bits} bits`,
  noteMemoryLimit: (limit: string) => `memory limited to ${limit} (mem=): the ranges above are what the kernel kept`,
  noteMachine: () => "machine model",
  noteImageIomem: () => "the image from /proc/iomem",

  // Errors.
  notBootLog: (file: string) =>
    `${file}: not an arm64 boot log: none of the lines linmap reads is there ("Booting Linux on physical CPU", "CPUn: Booted secondary processor", "Early memory node ranges", "Memory: ...K/...K available", "CPU features: detected:")`,
  notArm64: (file: string, line: number) => `${file}:${line}: a Linux boot log, but not an arm64 one (no "Booting Linux on physical CPU", "psci:" or "CPU features: detected:" line)`,
  iomemEmpty: (file: string) => `${file}: no /proc/iomem lines (expected lines such as "40000000-bfffffff : System RAM")`,
  iomemZeroed: (file: string) => `${file}: every address is 0 (read without root); read /proc/iomem as root`,
  written: (out: string) => `linmap: wrote ${out}`,
  sizeOf: (b: bigint) => sizeText(b),
} as const;
