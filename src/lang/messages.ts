// Every user-visible message of the language stage, one function per message, with the
// diagnostic code it carries (as vega-lite keeps its log messages in one module). The
// checker, the parser's error provider, the tests and the grammar README's code table all
// read this module, so a message is written once.
import { hexRange, sizeText } from "./numbers.js";

export type Severity = "error" | "warning";

/** A diagnostic's content, before it is given a place in the source. */
export interface Problem {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
}

/** Every diagnostic code, what it means, and its severity. */
export const DIAGNOSTIC_CODES = {
  "SYNTAX-INVALID-CHARACTER": { severity: "error", summary: "A character that starts no token of the language." },
  "SYNTAX-EXPECTED": { severity: "error", summary: "The parser expected a particular token here." },
  "SYNTAX-UNEXPECTED": { severity: "error", summary: "No construct of the language starts or continues with this token." },
  "BLOCK-DUPLICATE": { severity: "error", summary: "Two `machine`, `cpus` or `kernel` blocks in one source." },
  "SETTING-DUPLICATE": { severity: "error", summary: "A setting given twice (`granule`, `va_bits`, `image`, `version`, `swiotlb`, `cmdline`)." },
  "GRANULE-INVALID": { severity: "error", summary: "A granule other than 4K, 16K or 64K." },
  "VA-BITS-INVALID": { severity: "error", summary: "A VA size the kernel does not support with this granule." },
  "RANGE-EMPTY": { severity: "error", summary: "A range whose end is not above its start, or a zero size." },
  "ADDRESS-MISALIGNED": { severity: "error", summary: "An address that is not a multiple of the page size (or of the alignment asked for)." },
  "SIZE-MISALIGNED": { severity: "error", summary: "A size that is not a multiple of the page size." },
  "ADDRESS-BEYOND-PA": { severity: "error", summary: "A range that ends beyond the 52-bit physical address space." },
  "SIZE-BEYOND-VA": { severity: "error", summary: "Memory that cannot fit the linear map of the configured VA size." },
  "BANK-OVERLAP": { severity: "error", summary: "Two memory banks overlap." },
  "NOMAP-OUTSIDE-BANK": { severity: "error", summary: "A `nomap` hole not inside one memory bank." },
  "IMAGE-OUTSIDE-MEMORY": { severity: "error", summary: "The kernel image is not inside one memory bank." },
  "CPU-DUPLICATE": { severity: "error", summary: "A CPU id declared twice." },
  "CPU-ID-RANGE": { severity: "error", summary: "A CPU id range that is empty or beyond NR_CPUS." },
  "CPU-NO-BOOT": { severity: "error", summary: "No boot CPU: none marked `boot` and no CPU 0." },
  "CPU-TWO-BOOT": { severity: "error", summary: "More than one CPU marked `boot`." },
  "CPU-BOOT-LATE": { severity: "error", summary: "The boot CPU marked `late`." },
  "CPU-UNKNOWN-TRAIT": { severity: "error", summary: "A CPU trait that is neither a MIDR name nor a CPU feature." },
  "CPU-TWO-MIDRS": { severity: "error", summary: "Two MIDR names on one CPU." },
  "CPU-REVISION-WITHOUT-MIDR": { severity: "error", summary: "A revision (`r1p0`) without a MIDR name." },
  "CPU-UNDEFINED": { severity: "error", summary: "A CPU id used in `boot` that no `cpu` line declares." },
  "HOTPLUG-NOT-LATE": { severity: "error", summary: "`hotplug` of a CPU that is not marked `late`." },
  "ONLINE-LATE-CPU": { severity: "error", summary: "`online` of a CPU marked `late` (late CPUs are hot-plugged)." },
  "CPU-NOT-ONLINE": { severity: "error", summary: "A call `on cpu N` at a point of the boot where CPU N is not online." },
  "CPU-ALREADY-ONLINE": { severity: "error", summary: "`online` or `hotplug` of the boot CPU, or of a CPU another event already brings up." },
  "CPU-EVENT-TOO-EARLY": { severity: "error", summary: "A secondary CPU brought up before `smp_init`." },
  "VERSION-UNKNOWN": { severity: "error", summary: "A kernel version or policy name linmap does not model." },
  "CMDLINE-UNKNOWN-OPTION": { severity: "warning", summary: "A command-line option linmap does not model; it is ignored." },
  "CMDLINE-INVALID-VALUE": { severity: "error", summary: "A value the option does not take." },
  "CMDLINE-CONFLICT": { severity: "error", summary: "Command-line options or config switches that contradict each other." },
  "RODATA-FULL-IGNORED": { severity: "warning", summary: "`rodata=full` on v6.18 or later: the kernel rejects it and keeps the default." },
  "CONFIG-UNKNOWN": { severity: "error", summary: "A Kconfig switch linmap does not model." },
  "CONFIG-INVALID-VALUE": { severity: "error", summary: "A value the Kconfig switch does not take." },
  "ALIGN-INVALID": { severity: "error", summary: "An alignment that is not a power of two of at least the page size." },
  "BUFFER-DUPLICATE": { severity: "error", summary: "Two buffers or vmalloc areas with one name." },
  "BUFFER-NAME-RESERVED": { severity: "error", summary: "A buffer or vmalloc area named like one of the kernel's own boot allocations (`kfence_pool`, `swiotlb_pool`, ...)." },
  "BUFFER-OVERLAP": { severity: "error", summary: "Two fixed buffers overlap." },
  "BUFFER-OUTSIDE-MEMORY": { severity: "error", summary: "A fixed buffer not inside one memory bank, or inside a nomap hole." },
  "MEMORY-EXHAUSTED": { severity: "error", summary: "Something allocated during boot (a buffer without `at`, a kernel pool) does not fit in the free memory left." },
  "BUFFER-UNDEFINED": { severity: "error", summary: "A name used as a buffer that no `buffer` or `vmalloc` declares." },
  "PAGE-INDEX-OUT-OF-RANGE": { severity: "error", summary: "A page index beyond the buffer, or an empty page range." },
  "STEP-UNKNOWN": { severity: "error", summary: "A boot step linmap does not know." },
  "CALL-UNKNOWN": { severity: "error", summary: "A call linmap does not model." },
  "CALL-TARGET-MISSING": { severity: "error", summary: "A call that needs a target has none." },
  "CALL-TARGET-KIND": { severity: "error", summary: "A call given the wrong kind of target." },
  "CALL-ARGUMENT": { severity: "error", summary: "A call's `enable` argument missing, unexpected, or not 0 or 1." },
  "MOVE-UNMOVABLE": { severity: "error", summary: "`move` of a call the kernel does not make itself." },
  "EXPECT-CALL-NEVER-MADE": { severity: "error", summary: "An expectation about a call the boot never makes." },
  "EXPECT-TARGET-UNPLACED": { severity: "error", summary: "An expectation about a buffer that has no address: no `at` and no call that allocates it." },
  "EXPECT-VERSION-UNUSED": { severity: "warning", summary: "`expect under V` where V is a kernel the scenario never runs." },
  "EXPECT-ATTRIBUTE-UNKNOWN": { severity: "error", summary: "An attribute linmap cannot check." },
  "EXPECT-ATTRIBUTE-CONFLICT": { severity: "error", summary: "Attributes that contradict each other (`ro, rw`)." },
  "EXPECT-LEAF-SIZE": { severity: "error", summary: "A leaf size that no level of this granule maps." },
  "ERRNO-UNKNOWN": { severity: "error", summary: "A return code the modelled calls never return." },
  "SHOW-UNKNOWN-VIEW": { severity: "error", summary: "A `show` view that does not exist." },
  "CHART-UNKNOWN-KIND": { severity: "error", summary: "A chart that does not exist." },
  "SWEEP-UNKNOWN-AXIS": { severity: "error", summary: "A sweep axis that does not exist." },
  "SWEEP-INVALID-VALUE": { severity: "error", summary: "A value the sweep axis does not take." },
  "SWEEP-TOO-LARGE": { severity: "error", summary: "A sweep with more points than linmap runs (the product of its axes' values)." },
  "SWEEP-RANGE-INVALID": { severity: "error", summary: "A sweep range (`A..B step S`) that is empty, has a bad step, or is on an axis that takes no range." },
  "PA-BITS-INVALID": { severity: "error", summary: "A physical address size that is not an ID_AA64MMFR0_EL1.PARange value." },
  "ALIAS-START-INVALID": { severity: "error", summary: "A kernel-alias start other than `_stext` or `_text`." },
  "KASLR-SEED-INVALID": { severity: "error", summary: "A KASLR seed wider than 64 bits." },
  "POLICY-NAME-TAKEN": { severity: "error", summary: "A defined policy named like a built-in kernel version." },
  "POLICY-DUPLICATE": { severity: "error", summary: "Two policies defined with one name." },
  "POLICY-BASE-UNKNOWN": { severity: "error", summary: "A policy defined from something that is not a built-in kernel version." },
  "POLICY-SETTING-UNKNOWN": { severity: "error", summary: "A policy setting that is not one of the decision points." },
  "POLICY-SETTING-VALUE": { severity: "error", summary: "A value a policy setting does not take." },
  "POLICY-SETTING-IGNORED": { severity: "warning", summary: "A black-out window turned on under a split gate that never reads it." },
  "LOAD-UNKNOWN-KIND": { severity: "error", summary: "`load` or `expect ... matches` of something other than a `ptdump`." },
  "LOAD-DUPLICATE": { severity: "error", summary: "Two `load`s with one name." },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

function problem(code: DiagnosticCode, message: string): Problem {
  return { code, severity: DIAGNOSTIC_CODES[code].severity, message };
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : `; did you mean '${suggestion}'?`;
}

/** The message functions, one per situation. */
export const msg = {
  invalidCharacter: (ch: string) => problem("SYNTAX-INVALID-CHARACTER", `unexpected character '${ch}'`),
  expectedToken: (expected: string, found: string, suggestion?: string) =>
    problem("SYNTAX-EXPECTED", `expected ${expected} but found ${found}${didYouMean(suggestion)}`),
  unexpectedToken: (found: string, context: string) => problem("SYNTAX-UNEXPECTED", `unexpected ${found} ${context}`),

  blockDuplicate: (block: string, line: number) => problem("BLOCK-DUPLICATE", `a second '${block}' block; the first is at line ${line} (merge them into one)`),
  settingDuplicate: (setting: string, line: number) => problem("SETTING-DUPLICATE", `'${setting}' is already set at line ${line}`),
  granuleInvalid: (text: string) => problem("GRANULE-INVALID", `granule ${text} is not one of 4K, 16K, 64K`),
  vaBitsInvalid: (bits: bigint, granule: string, valid: readonly number[]) =>
    problem("VA-BITS-INVALID", `va_bits ${bits} is not supported with the ${granule} granule (valid: ${valid.join(", ")})`),
  paBitsInvalid: (bits: bigint, valid: readonly number[]) =>
    problem("PA-BITS-INVALID", `pa_bits ${bits} is not a PARange the architecture defines (valid: ${valid.join(", ")})`),
  rangeEmpty: (what: string, start: bigint, end: bigint) => problem("RANGE-EMPTY", `${what} ${hexRange(start, end)} is empty`),
  sizeZero: (what: string) => problem("RANGE-EMPTY", `${what} has size 0`),
  addressMisaligned: (what: string, address: bigint, alignment: bigint, reason: string) =>
    problem("ADDRESS-MISALIGNED", `${what} address 0x${address.toString(16)} is not aligned to ${sizeText(alignment)} (${reason})`),
  sizeMisaligned: (what: string, size: bigint, page: bigint, granule: string) =>
    problem("SIZE-MISALIGNED", `${what} size ${sizeText(size)} is not a multiple of the ${granule} page size (${sizeText(page)})`),
  addressBeyondPa: (what: string, start: bigint, end: bigint) =>
    problem("ADDRESS-BEYOND-PA", `${what} ${hexRange(start, end)} ends beyond the 52-bit physical address space`),
  sizeBeyondVa: (span: bigint, start: bigint, end: bigint, linear: bigint, vaBits: bigint) =>
    problem(
      "SIZE-BEYOND-VA",
      `memory ${hexRange(start, end)} spans ${sizeText(span)}, more than the ${sizeText(linear)} linear map of a ${vaBits}-bit VA space`,
    ),
  bankOverlap: (a: [bigint, bigint], b: [bigint, bigint]) =>
    problem("BANK-OVERLAP", `memory bank ${hexRange(...b)} overlaps memory bank ${hexRange(...a)}`),
  nomapOutsideBank: (start: bigint, end: bigint) => problem("NOMAP-OUTSIDE-BANK", `nomap ${hexRange(start, end)} is not inside one memory bank`),
  imageOutsideMemory: (start: bigint, end: bigint) => problem("IMAGE-OUTSIDE-MEMORY", `kernel image ${hexRange(start, end)} is not inside one memory bank`),

  cpuDuplicate: (id: bigint, line: number) => problem("CPU-DUPLICATE", `cpu ${id} is already declared at line ${line}`),
  cpuRangeEmpty: (first: bigint, last: bigint) => problem("CPU-ID-RANGE", `cpu range ${first}..${last} is empty (ranges are inclusive: write ${last}..${first})`),
  cpuBeyondNrCpus: (id: bigint, nr: number) => problem("CPU-ID-RANGE", `cpu ${id} is beyond NR_CPUS (${nr})`),
  cpuNoBoot: () => problem("CPU-NO-BOOT", "no boot CPU: mark one CPU 'boot' or declare cpu 0"),
  cpuTwoBoot: (id: bigint, other: bigint) => problem("CPU-TWO-BOOT", `cpu ${id} is marked 'boot' but cpu ${other} already is`),
  cpuBootLate: (id: bigint) => problem("CPU-BOOT-LATE", `cpu ${id} is the boot CPU and cannot be 'late'`),
  cpuUnknownTrait: (name: string, suggestion?: string) =>
    problem("CPU-UNKNOWN-TRAIT", `unknown CPU model or feature '${name}'${didYouMean(suggestion)}`),
  cpuTwoMidrs: (first: string, second: string) => problem("CPU-TWO-MIDRS", `a CPU has one MIDR: '${second}' after '${first}'`),
  cpuRevisionWithoutMidr: (rev: string) => problem("CPU-REVISION-WITHOUT-MIDR", `revision ${rev} needs a CPU model (MIDR name) on the same line`),
  cpuUndefined: (id: bigint) => problem("CPU-UNDEFINED", `cpu ${id} is not declared in the cpus block`),
  cpuUndefinedDefault: (id: bigint, count: number) =>
    problem("CPU-UNDEFINED", `cpu ${id} is not one of the default CPUs (0-${count - 1}); declare it in a cpus block`),
  cpusEmpty: () => problem("CPU-NO-BOOT", "the cpus block declares no CPU: declare at least the boot CPU (cpu 0)"),
  cpuAlreadyOnline: (id: bigint, why: string) => problem("CPU-ALREADY-ONLINE", `cpu ${id} cannot be brought up here: ${why}`),
  cpuNotOnline: (id: bigint, when: string, online: string) => problem("CPU-NOT-ONLINE", `cpu ${id} is not online ${when}: ${online}`),
  hotplugNotLate: (id: bigint) => problem("HOTPLUG-NOT-LATE", `cpu ${id} is not 'late'; only late CPUs are hot-plugged (the others come online at smp_init)`),
  onlineLateCpu: (id: bigint) => problem("ONLINE-LATE-CPU", `cpu ${id} is 'late': bring it up with 'hotplug', not 'online'`),
  cpuEventTooEarly: (event: string, step: string) =>
    problem("CPU-EVENT-TOO-EARLY", `'${event}' at ${step}: secondary CPUs cannot come up before smp_init`),

  versionUnknown: (name: string, suggestion?: string) =>
    problem("VERSION-UNKNOWN", `unknown kernel version '${name}'${didYouMean(suggestion)}`),
  cmdlineUnknownOption: (name: string, suggestion?: string) =>
    problem("CMDLINE-UNKNOWN-OPTION", `command-line option '${name}' is not modelled and is ignored${didYouMean(suggestion)}`),
  cmdlineInvalidValue: (name: string, value: string, valid: string) =>
    problem("CMDLINE-INVALID-VALUE", `'${value}' is not a value of ${name}= (valid: ${valid})`),
  cmdlineConflict: (what: string) => problem("CMDLINE-CONFLICT", what),
  rodataFullIgnored: (version: string) =>
    problem("RODATA-FULL-IGNORED", `${version} does not accept rodata=full: the kernel prints "Invalid option string for rodata: 'full'" and keeps the default (rodata=on)`),
  aliasStartInvalid: (name: string) =>
    problem("ALIAS-START-INVALID", `the kernel alias starts at _stext (e2a073dde921, v5.11 to v6.17) or _text (5973a62efa34, v6.18 and 6.12.y/6.17.y), not '${name}'`),
  kaslrSeedInvalid: (seed: bigint) => problem("KASLR-SEED-INVALID", `KASLR seed 0x${seed.toString(16)} does not fit in 64 bits`),
  policyNameTaken: (name: string) => problem("POLICY-NAME-TAKEN", `'${name}' is a built-in kernel version; give the policy another name`),
  policyDuplicate: (name: string, line: number) => problem("POLICY-DUPLICATE", `policy '${name}' is already defined at line ${line}`),
  policyBaseUnknown: (name: string, defined: boolean, suggestion?: string) =>
    problem("POLICY-BASE-UNKNOWN", defined ? `a policy starts from a built-in kernel version, not from the defined policy '${name}'` : `unknown kernel version '${name}' to start the policy from${didYouMean(suggestion)}`),
  policySettingUnknown: (name: string, suggestion?: string) => problem("POLICY-SETTING-UNKNOWN", `unknown policy setting '${name}'${didYouMean(suggestion)}`),
  policySettingValue: (name: string, value: string, valid: readonly string[], suggestion?: string) =>
    problem("POLICY-SETTING-VALUE", `'${value}' is not a value of ${name} (valid: ${valid.join(", ")})${didYouMean(suggestion)}`),
  policyWindowIgnored: (name: string, gate: string) =>
    problem("POLICY-SETTING-IGNORED", `${name} on has no effect with split_gate ${gate}: only the calling_cpu and linear_map_requires_bbml2 gates check the black-out windows`),
  configUnknown: (name: string, suggestion?: string) => problem("CONFIG-UNKNOWN", `unknown config switch '${name}'${didYouMean(suggestion)}`),
  configInvalidValue: (name: string, value: string, valid: string) =>
    problem("CONFIG-INVALID-VALUE", `'${value}' is not a value of CONFIG_${name} (valid: ${valid})`),

  alignInvalid: (align: bigint, page: bigint) =>
    problem("ALIGN-INVALID", `alignment ${sizeText(align)} is not a power of two of at least the page size (${sizeText(page)})`),
  bufferDuplicate: (name: string, line: number) => problem("BUFFER-DUPLICATE", `'${name}' is already declared at line ${line}`),
  bufferNameReserved: (name: string, what: string) => problem("BUFFER-NAME-RESERVED", `'${name}' is the name of ${what}, which the kernel allocates itself; give the buffer another name`),
  bufferOverlap: (name: string, range: [bigint, bigint], other: string, otherRange: [bigint, bigint]) =>
    problem("BUFFER-OVERLAP", `buffer '${name}' ${hexRange(...range)} overlaps buffer '${other}' ${hexRange(...otherRange)}`),
  bufferOutsideMemory: (name: string, start: bigint, end: bigint) =>
    problem("BUFFER-OUTSIDE-MEMORY", `buffer '${name}' ${hexRange(start, end)} is not inside one memory bank`),
  bufferInNomap: (name: string, start: bigint, end: bigint, hole: [bigint, bigint]) =>
    problem("BUFFER-OUTSIDE-MEMORY", `buffer '${name}' ${hexRange(start, end)} overlaps the nomap hole ${hexRange(...hole)}`),
  memoryExhausted: (name: string, size: bigint, when: string) =>
    problem("MEMORY-EXHAUSTED", `no free memory left to place '${name}' (${sizeText(size)}) ${when}`),
  bufferUndefined: (name: string, suggestion?: string) => problem("BUFFER-UNDEFINED", `no buffer or vmalloc area named '${name}'${didYouMean(suggestion)}`),
  pageIndexOutOfRange: (name: string, index: bigint, pages: bigint) =>
    problem("PAGE-INDEX-OUT-OF-RANGE", `page ${index} is beyond '${name}', which has ${pages} page${pages === 1n ? "" : "s"}`),
  pageRangeEmpty: (name: string, first: bigint, end: bigint) => problem("PAGE-INDEX-OUT-OF-RANGE", `pages [${first}..${end}) of '${name}' are empty`),

  stepUnknown: (name: string, suggestion?: string) => problem("STEP-UNKNOWN", `unknown boot step '${name}'${didYouMean(suggestion)}`),
  callUnknown: (name: string, suggestion?: string) => problem("CALL-UNKNOWN", `unknown call '${name}'${didYouMean(suggestion)}`),
  callTargetMissing: (call: string, wants: string) => problem("CALL-TARGET-MISSING", `${call} needs ${wants}`),
  callTargetKind: (call: string, wants: string, got: string) => problem("CALL-TARGET-KIND", `${call} takes ${wants}, not ${got}`),
  callArgumentMissing: (call: string) => problem("CALL-ARGUMENT", `${call} needs its enable argument: 1 (valid) or 0 (invalid)`),
  callArgumentUnexpected: (call: string) => problem("CALL-ARGUMENT", `${call} takes no argument after its target`),
  callArgumentValue: (call: string, value: bigint) => problem("CALL-ARGUMENT", `${call}: enable must be 0 or 1, not ${value}`),
  moveUnmovable: (call: string, movable: readonly string[]) =>
    problem("MOVE-UNMOVABLE", `the kernel does not make '${call}' itself; only ${movable.join(", ")} can be moved`),

  expectCallNeverMade: (call: string, detail: string) => problem("EXPECT-CALL-NEVER-MADE", `no ${call} call${detail ? ` ${detail}` : ""} is made in this boot`),
  expectAttributeUnknown: (name: string, suggestion: string | undefined, valid: readonly string[]) =>
    problem("EXPECT-ATTRIBUTE-UNKNOWN", `unknown attribute '${name}'${didYouMean(suggestion)} (attributes: ${valid.join(", ")})`),
  expectTargetUnplaced: (name: string) =>
    problem("EXPECT-TARGET-UNPLACED", `buffer '${name}' has no address: give it 'at ADDRESS' or allocate it with a call before expecting anything of its pages`),
  expectVersionUnused: (version: string, runs: readonly string[]) =>
    problem("EXPECT-VERSION-UNUSED", `the scenario never runs ${version} (it runs ${runs.join(", ")}), so this expectation is never checked`),
  expectAttributeConflict: (a: string, b: string) => problem("EXPECT-ATTRIBUTE-CONFLICT", `'${a}' and '${b}' contradict each other`),
  expectLeafSize: (size: bigint, granule: string, valid: readonly string[]) =>
    problem("EXPECT-LEAF-SIZE", `no ${granule}-granule leaf maps ${sizeText(size)} (leaf sizes: ${valid.join(", ")})`),
  errnoUnknown: (name: string, suggestion?: string) => problem("ERRNO-UNKNOWN", `the modelled calls never return ${name}${didYouMean(suggestion)}`),
  showUnknownView: (name: string, suggestion?: string) => problem("SHOW-UNKNOWN-VIEW", `unknown view '${name}'${didYouMean(suggestion)}`),
  chartUnknownKind: (name: string, suggestion?: string) => problem("CHART-UNKNOWN-KIND", `unknown chart '${name}'${didYouMean(suggestion)}`),
  sweepUnknownAxis: (name: string, suggestion?: string) => problem("SWEEP-UNKNOWN-AXIS", `unknown sweep axis '${name}'${didYouMean(suggestion)}`),
  sweepTooLarge: (points: number, limit: number) => problem("SWEEP-TOO-LARGE", `this sweep has ${points} points; linmap runs at most ${limit} (sweep fewer values, or split the sweep)`),
  sweepInvalidValue: (axis: string, value: string, valid: string) => problem("SWEEP-INVALID-VALUE", `'${value}' is not a value of the ${axis} axis (valid: ${valid})`),
  loadUnknownKind: (name: string, suggestion?: string) => problem("LOAD-UNKNOWN-KIND", `only a ptdump can be loaded or matched, not '${name}'${didYouMean(suggestion)}`),
  loadDuplicate: (name: string, line: number) => problem("LOAD-DUPLICATE", `a dump named '${name}' is already loaded at line ${line}`),
  sweepRangeInvalid: (axis: string, why: string) => problem("SWEEP-RANGE-INVALID", `the range of sweep axis '${axis}' ${why}`),
} as const;
