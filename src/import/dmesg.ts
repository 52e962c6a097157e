// Reading an arm64 boot log (dmesg, a serial console capture, a log pasted into a mail): the
// lines that say something about the linear map's inputs, each kept with its line number and
// text so that the scenario can cite it. Prefixes are removed first (syslog, printk level,
// timestamp, caller id, mail quoting), and in a timestamped log a line without a timestamp
// continues the one before it (a mail client's wrap). Nothing here throws on bad input.
import { NR_CPUS } from "../catalog/index.js";

/** A fact read from the log and the log line it came from. */
export interface Fact<T> {
  readonly value: T;
  /** 1-based line in the input where the message starts. */
  readonly line: number;
  /** The message, without prefixes, wrapped pieces rejoined. */
  readonly text: string;
}

export interface CpuLine {
  /** Logical CPU number (0 for the boot CPU). */
  readonly cpu: number;
  readonly mpidr: string;
  readonly midr: number;
}

export interface MemoryLine {
  readonly code: bigint;
  readonly rwdata: bigint;
  readonly rodata: bigint;
  readonly init: bigint;
  readonly bss: bigint;
  readonly total: bigint;
}

export interface BootLog {
  readonly version?: Fact<{ readonly release: string; readonly major: number; readonly minor: number; readonly sublevel: number; readonly rc: boolean }>;
  readonly cmdline?: Fact<string>;
  readonly cpus: readonly Fact<CpuLine>[];
  /** The kernel's own count of CPUs (`SMP: Total of N processors`, `nr_cpu_ids=N`, `SLUB: ... CPUs=N`). */
  readonly cpuCount?: Fact<number>;
  /** `Early memory node ranges` entries, end exclusive. */
  readonly memoryRanges: readonly Fact<{ readonly node: number; readonly start: bigint; readonly end: bigint }>[];
  /** `Zone ranges` entries (DMA, DMA32, Normal), end exclusive: banks when no node ranges are printed. */
  readonly zoneRanges: readonly Fact<{ readonly zone: string; readonly start: bigint; readonly end: bigint }>[];
  /** Device-tree reserved regions marked nomap and, with efi=debug, EFI regions the kernel maps nomap; end exclusive. */
  readonly nomap: readonly Fact<{ readonly start: bigint; readonly end: bigint; readonly name: string }>[];
  readonly memory?: Fact<MemoryLine>;
  readonly swiotlb?: Fact<{ readonly start: bigint; readonly end: bigint; readonly megabytes: number }>;
  readonly kfence?: Fact<{ readonly bytes: bigint; readonly objects: number }>;
  /** The log reached console_init() (so a missing KFENCE line means no early KFENCE pool). */
  readonly pastKfenceInit?: Fact<true>;
  readonly realm: readonly Fact<string>[];
  readonly features: readonly Fact<string>[];
  readonly kptiForced?: Fact<string>;
  readonly kaslr?: Fact<string>;
  /** Page size from a hash-table line: bytes >> order. */
  readonly pageSize?: Fact<bigint>;
  readonly machineModel?: Fact<string>;
  readonly memoryLimit?: Fact<string>;
  readonly linearCap?: Fact<number>;
  /** How many lines the log has, and whether any looked like an arm64 kernel's. */
  readonly lineCount: number;
  readonly arm64: boolean;
}

const TIMESTAMP = /^\[\s*\d+\.\d+\](\[\s*[TC]\d+\])?\s?/;
const SYSLOG = /^(?:\w{3}\s+\d+\s+[\d:]+\s+\S+\s+kernel:\s*|\w{3} \w{3}\s+\d+ [\d:]+ \d{4} kern\.\w+ kernel:\s*)/;
const LEVEL = /^<\d>/;

interface Message {
  readonly line: number;
  readonly text: string;
}

/** The log's messages, prefixes removed and wrapped lines rejoined. */
export function logMessages(text: string): Message[] {
  const raw = text.split("\n").map((l) => l.replace(/\r$/, "").replace(/^(?:> ?)+/, ""));
  const bare = raw.map((l) => l.replace(SYSLOG, "").replace(LEVEL, ""));
  const kernelish = bare.filter((l) => l.trim() !== "" && !/^#/.test(l));
  const stamped = kernelish.filter((l) => TIMESTAMP.test(l)).length;
  const timestamped = stamped > 0 && stamped * 2 >= kernelish.length;
  const out: { line: number; text: string; stamped: boolean }[] = [];
  bare.forEach((l, i) => {
    // A provenance header or a shell comment, not the kernel's.
    if (/^#/.test(l)) return;
    const hasStamp = TIMESTAMP.test(l);
    const body = l.replace(TIMESTAMP, "");
    const last = out[out.length - 1];
    // A wrapped tail: no timestamp, in a timestamped log, right after a timestamped message,
    // and not a marker of its own (`[... trimmed ...]`) or blank.
    // An elision (`...`, `[…]`) stands alone too.
    const elision = /^(\.\.\.|…|\[\.\.\.\])$/.test(body.trim());
    if (timestamped && !hasStamp && last?.stamped && body.trim() !== "" && !elision && !/^\[/.test(body.trim())) {
      last.text = last.text.endsWith(" ") ? `${last.text}${body.trim()}` : `${last.text} ${body.trim()}`;
      return;
    }
    out.push({ line: i + 1, text: body.replace(/\s+$/, ""), stamped: hasStamp });
  });
  return out.map(({ line, text: t }) => ({ line, text: t }));
}

const KB = 1024n;

/** A kernel never counts more CPUs than NR_CPUS, nor none: such a number is a damaged line, not a count. */
function plausibleCpuCount(digits: string): boolean {
  const n = Number(digits);
  return n >= 1 && n <= NR_CPUS;
}

export function readBootLog(text: string): BootLog {
  const messages = logMessages(text);
  let version: BootLog["version"];
  let cmdline: BootLog["cmdline"];
  const cpus: Fact<CpuLine>[] = [];
  let cpuCount: BootLog["cpuCount"];
  const memoryRanges: Fact<{ node: number; start: bigint; end: bigint }>[] = [];
  const nomap: Fact<{ start: bigint; end: bigint; name: string }>[] = [];
  const zoneRanges: Fact<{ zone: string; start: bigint; end: bigint }>[] = [];
  let memory: BootLog["memory"];
  let swiotlb: BootLog["swiotlb"];
  let kfence: BootLog["kfence"];
  let pastKfenceInit: BootLog["pastKfenceInit"];
  const realm: Fact<string>[] = [];
  const features: Fact<string>[] = [];
  let kptiForced: BootLog["kptiForced"];
  let kaslr: BootLog["kaslr"];
  let pageSize: BootLog["pageSize"];
  let machineModel: BootLog["machineModel"];
  let memoryLimit: BootLog["memoryLimit"];
  let linearCap: BootLog["linearCap"];
  let arm64 = false;
  for (const { line, text: raw } of messages) {
    const t = raw.trim();
    const fact = <T>(value: T): Fact<T> => ({ value, line, text: t });
    let m: RegExpExecArray | null;
    if ((m = /^Booting Linux on physical CPU (0x[0-9a-fA-F]+) \[(0x[0-9a-fA-F]+)\]/.exec(t))) {
      arm64 = true;
      if (!cpus.some((c) => c.value.cpu === 0)) cpus.unshift(fact({ cpu: 0, mpidr: m[1]!, midr: Number.parseInt(m[2]!, 16) }));
    } else if ((m = /^CPU(\d+): Booted secondary processor (0x[0-9a-fA-F]+) \[(0x[0-9a-fA-F]+)\]/.exec(t)) && Number(m[1]) < NR_CPUS) {
      arm64 = true;
      const cpu = Number(m[1]);
      if (!cpus.some((c) => c.value.cpu === cpu)) cpus.push(fact({ cpu, mpidr: m[2]!, midr: Number.parseInt(m[3]!, 16) }));
    } else if (!version && (m = /^Linux version ((\d+)\.(\d+)(?:\.(\d+))?(\S*))/.exec(t))) {
      version = fact({ release: m[1]!, major: Number(m[2]), minor: Number(m[3]), sublevel: Number(m[4] ?? 0), rc: /^-rc\d/.test(m[5] ?? "") });
    } else if (!cmdline && (m = /^Kernel command line:\s?(.*)$/.exec(t))) {
      cmdline = fact(m[1]!.trim());
    } else if ((m = /^SMP: Total of (\d+) processors activated/.exec(t))) {
      if (plausibleCpuCount(m[1]!)) cpuCount = fact(Number(m[1]));
      arm64 = true;
    } else if (!cpuCount && (m = /nr_cpu_ids=(\d+)\b/.exec(t)) && plausibleCpuCount(m[1]!)) {
      cpuCount = fact(Number(m[1]));
    } else if (!cpuCount && (m = /^SLUB: .*CPUs=(\d+)\b/.exec(t)) && plausibleCpuCount(m[1]!)) {
      cpuCount = fact(Number(m[1]));
    } else if ((m = /^node\s+(\d+): \[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]$/.exec(t))) {
      memoryRanges.push(fact({ node: Number(m[1]), start: BigInt(m[2]!), end: BigInt(m[3]!) + 1n }));
    } else if ((m = /^(DMA|DMA32|Normal)\s+\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\]$/.exec(t))) {
      zoneRanges.push(fact({ zone: m[1]!, start: BigInt(m[2]!), end: BigInt(m[3]!) + 1n }));
    } else if ((m = /^efi:\s+0x([0-9a-fA-F]+)-0x([0-9a-fA-F]+) \[([A-Za-z ]+?)\s*\|(.*)\]\*?$/.exec(t))) {
      // efi=debug's memory map. arm64 maps nomap every region that is memory (WB, WT or WC)
      // but not usable after ExitBootServices() (reserve_regions(), is_usable_memory()).
      const usable = ["Loader Code", "Loader Data", "Boot Code", "Boot Data", "Conventional", "ACPI Reclaim", "Persistent"].includes(m[3]!);
      const memoryAttr = /\|(WB|WT|WC)\|/.test(`|${m[4]}|`);
      if (!usable && memoryAttr) nomap.push(fact({ start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`) + 1n, name: m[3]! }));
    } else if ((m = /^OF: reserved mem: (0x[0-9a-fA-F]+)\.\.(0x[0-9a-fA-F]+) \(\d+ KiB\) nomap \S+ (\S+)/.exec(t))) {
      nomap.push(fact({ start: BigInt(m[1]!), end: BigInt(m[2]!) + 1n, name: m[3]! }));
    } else if ((m = /^Memory: \d+K\/(\d+)K available \((\d+)K kernel code, (\d+)K rwdata, (\d+)K rodata, (\d+)K init, (\d+)K bss/.exec(t))) {
      const k = (i: number) => BigInt(m![i]!) * KB;
      memory = fact({ total: k(1), code: k(2), rwdata: k(3), rodata: k(4), init: k(5), bss: k(6) });
    } else if ((m = /^software IO TLB:? (?:mapped )?\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\] \((\d+)MB\)/.exec(t))) {
      // The end is exclusive since v5.x ("mapped [mem a-b]" with b = a + size); older kernels
      // printed it inclusive. Either way the size in MB is the pool's.
      swiotlb = fact({ start: BigInt(m[1]!), end: BigInt(m[2]!), megabytes: Number(m[3]) });
    } else if ((m = /^kfence: initialized - using (\d+) bytes for (\d+) objects/.exec(t))) {
      kfence = fact({ bytes: BigInt(m[1]!), objects: Number(m[2]) });
    } else if (/^Console: colour/.test(t) || /^Calibrating delay loop/.test(t)) {
      pastKfenceInit ??= fact(true as const);
    } else if (/^RME: /.test(t) || /^RSI: /.test(t) || /\bRealm\b.*\bRSI\b/.test(t)) {
      realm.push(fact(t));
      arm64 = true;
    } else if ((m = /^CPU features: detected: (.*)$/.exec(t))) {
      features.push(fact(m[1]!));
      arm64 = true;
    } else if ((m = /^CPU features: kernel page table isolation forced (ON|OFF) by (.*)$/.exec(t))) {
      kptiForced = fact(`${m[1]} by ${m[2]}`);
    } else if ((m = /^KASLR (enabled|disabled on command line|disabled due to lack of seed)/.exec(t))) {
      kaslr ??= fact(m[1]!);
    } else if (!pageSize && (m = /hash table entries: \d+ \(order: (\d+), (\d+) bytes/.exec(t))) {
      const bytes = BigInt(m[2]!);
      const order = BigInt(m[1]!);
      const page = bytes >> order;
      if (page === 4096n || page === 16384n || page === 65536n) pageSize = fact(page);
    } else if (!machineModel && (m = /^Machine model: (.*)$/.exec(t))) {
      machineModel = fact(m[1]!);
    } else if ((m = /^Memory limited to (\d+MB)/.exec(t))) {
      memoryLimit = fact(m[1]!);
    } else if ((m = /^Capping linear region to (\d+) bits/.exec(t))) {
      linearCap = fact(Number(m[1]));
    } else if (/^psci: /.test(t) || /^GICv3: CPU\d+: found redistributor/.test(t)) {
      arm64 = true;
    }
  }
  cpus.sort((a, b) => a.value.cpu - b.value.cpu);
  return {
    ...(version ? { version } : {}),
    ...(cmdline ? { cmdline } : {}),
    cpus,
    ...(cpuCount ? { cpuCount } : {}),
    memoryRanges,
    zoneRanges,
    nomap,
    ...(memory ? { memory } : {}),
    ...(swiotlb ? { swiotlb } : {}),
    ...(kfence ? { kfence } : {}),
    ...(pastKfenceInit ? { pastKfenceInit } : {}),
    realm,
    features,
    ...(kptiForced ? { kptiForced } : {}),
    ...(kaslr ? { kaslr } : {}),
    ...(pageSize ? { pageSize } : {}),
    ...(machineModel ? { machineModel } : {}),
    ...(memoryLimit ? { memoryLimit } : {}),
    ...(linearCap ? { linearCap } : {}),
    lineCount: messages.length,
    arm64,
  };
}

/** Whether the log holds enough to write a scenario from. */
export function isBootLog(log: BootLog): boolean {
  return log.arm64 && (log.cpus.length > 0 || log.memoryRanges.length > 0 || log.memory !== undefined || log.version !== undefined);
}
