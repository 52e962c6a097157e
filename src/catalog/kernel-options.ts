// Kernel command-line options and Kconfig switches a scenario can set (domain.md §2.4–§2.6, §7).
// The checker validates names and values against these; completion and docs read them too.

export interface CmdlineOptionInfo {
  readonly name: string;
  /** Accepted values; `number` means a non-negative decimal integer. */
  readonly values: readonly string[] | "number";
  readonly doc: string;
}

export const CMDLINE_OPTIONS: readonly CmdlineOptionInfo[] = [
  { name: "rodata", values: ["on", "off", "noalias", "full"], doc: "v6.18+: `on` (default) = rodata_full, `noalias` = old `on` (linear alias left writable), `off`. Before v6.18: `full`, `on`, `off`, default full (CONFIG_RODATA_FULL_DEFAULT_ENABLED=y). On v6.18+ `full` is not recognised: \"Invalid option string for rodata: 'full'\" and the default stays (an inference, domain.md §2.6)." },
  { name: "debug_pagealloc", values: ["on", "off"], doc: "Forces the whole linear map to PTEs; `__kernel_map_pages()` maps and unmaps pages on every allocation and free from `memblock_free_all()` on." },
  { name: "nokaslr", values: [""], doc: "`kaslr.disabled`: no KASLR seed is used, so the linear map is not randomised and is not born non-global; the kernel prints \"KASLR disabled on command line\"." },
  { name: "kpti", values: ["0", "1", "y", "n", "on", "off"], doc: "Forces kernel page-table isolation on or off (kstrtobool): with it on, the linear map becomes non-global (NG) at `kpti_install_ng_mappings()` unless it was born NG." },
  { name: "mitigations", values: ["off", "auto", "auto,nosmt"], doc: "`mitigations=off` forces KPTI off (unless `kpti=` or the Cavium erratum decided first)." },
  { name: "kfence.sample_interval", values: "number", doc: "0 disables KFENCE at boot (late init possible: the map is then PTE-mapped without BBML2); non-zero with CONFIG_KFENCE means early init with a PTE-mapped pool from `map_mem()`." },
];

export interface KconfigInfo {
  readonly name: string;
  readonly values: readonly string[] | "number";
  readonly default: string;
  readonly doc: string;
}

export const KCONFIG_SWITCHES: readonly KconfigInfo[] = [
  { name: "KFENCE", values: ["y", "n"], default: "y", doc: "CONFIG_KFENCE: the KFENCE pool (2 MiB with 255 objects), early-initialised by `arm64_kfence_map_pool()` unless the sample interval is 0." },
  { name: "KFENCE_SAMPLE_INTERVAL", values: "number", default: "100", doc: "CONFIG_KFENCE_SAMPLE_INTERVAL: the default for `kfence.sample_interval=`; 0 means no early init." },
  { name: "KFENCE_NUM_OBJECTS", values: "number", default: "255", doc: "CONFIG_KFENCE_NUM_OBJECTS: pool size is (objects + 1) × 2 pages." },
  { name: "DEBUG_PAGEALLOC", values: ["y", "n"], default: "n", doc: "CONFIG_DEBUG_PAGEALLOC: allows `debug_pagealloc=on`." },
  { name: "DEBUG_PAGEALLOC_ENABLE_DEFAULT", values: ["y", "n"], default: "n", doc: "CONFIG_DEBUG_PAGEALLOC_ENABLE_DEFAULT: debug_pagealloc on unless `debug_pagealloc=off`." },
  { name: "RODATA_FULL_DEFAULT_ENABLED", values: ["y", "n"], default: "y", doc: "CONFIG_RODATA_FULL_DEFAULT_ENABLED (before v6.18 only; removed by bfbbb0d3215f): the default of rodata_full." },
];

export function findCmdlineOption(name: string): CmdlineOptionInfo | undefined {
  return CMDLINE_OPTIONS.find((o) => o.name === name);
}

export function findKconfig(name: string): KconfigInfo | undefined {
  return KCONFIG_SWITCHES.find((o) => o.name === name);
}
