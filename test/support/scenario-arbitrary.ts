// Scenarios generated from the grammar (every block, CPU ranges, calls with every kind of
// target, expectations, outputs), as fast-check arbitraries: mostly well-formed pieces chosen
// to fit each other, and some noisy ones. The pipeline property test and the faces test use them.
import { fc } from "@fast-check/vitest";
import { BOOT_STEPS, KERNEL_VERSIONS, callNames, findCall } from "../../src/catalog/index.js";

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const opt = (a: fc.Arbitrary<string>) => fc.oneof({ weight: 1, arbitrary: fc.constant("") }, { weight: 2, arbitrary: a });
const list = (a: fc.Arbitrary<string>, max: number, sep = "\n") => fc.array(a, { maxLength: max }).map((xs) => xs.join(sep));

const granule = pick("4K", "4K", "16K", "64K");
const addr = pick("0x8000_0000", "0x8020_0000", "0x9000_0000", "0xC000_0000", "0x1_0000_0000", "0x1_8234_0000", "0x40_0000_0000", "0");
const size = pick("4K", "16K", "64K", "2M", "32M", "1G", "4G", "0", "128K", "512M");
const bank = fc.tuple(addr, size).map(([a, s]) => `memory ${a} size ${s}`);
const region = fc.oneof(fc.tuple(addr, size).map(([a, s]) => `${a} size ${s}`), fc.tuple(addr, addr).map(([a, b]) => `[${a}..${b})`));
const machine = fc
  .tuple(opt(granule.map((g) => `granule ${g}`)), opt(pick("39", "48", "52", "47", "42").map((b) => `va_bits ${b}`)), list(bank, 3, "; "), opt(region.map((r) => `nomap ${r}`)), opt(pick("image at 0x8020_0000", "image text 16M init 2M data 4M", "image at 0x8000_0000 text 24M")))
  .map((parts) => `machine { ${parts.filter((p) => p).join("; ")} }`);

const cpuIds = fc.oneof(fc.nat({ max: 9 }).map(String), fc.tuple(fc.nat({ max: 9 }), fc.nat({ max: 9 })).map(([a, b]) => `${a}..${b}`));
const trait = pick("neoverse-v3", "cortex-a720", "cortex-x4", "ampere1", "bbml2_noabort", "mte", "boot", "late", "r1p0");
const cpuLine = fc.tuple(cpuIds, fc.array(trait, { maxLength: 3 })).map(([ids, ts]) => `cpu ${ids} ${ts.join(" ")}`);
const cpus = list(cpuLine, 4, "; ").map((b) => `cpus { ${b} }`);

const version = pick(...KERNEL_VERSIONS.map((v) => v.name));
const cmdline = fc.array(pick("rodata=on", "rodata=off", "rodata=noalias", "rodata=full", "debug_pagealloc=on", "debug_pagealloc=off", "kfence.sample_interval=0", "kfence.sample_interval=100"), { maxLength: 3 });
const kernel = fc
  .tuple(opt(version.map((v) => `version ${v}`)), opt(cmdline.map((c) => `cmdline "${c.join(" ")}"`)), opt(fc.constant("realm")), opt(pick("config KFENCE=n", "config KFENCE=y", "config DEBUG_PAGEALLOC=y", "config KFENCE_NUM_OBJECTS=63")), opt(size.map((s) => `swiotlb ${s}`)))
  .map((parts) => `kernel { ${parts.filter((p) => p).join("; ")} }`);

const bufName = pick("a", "b", "its", "pool");
const buffer = fc.oneof(
  fc.tuple(bufName, addr, size).map(([n, a, s]) => `buffer ${n} at ${a} size ${s}`),
  fc.tuple(bufName, size, opt(pick("64K", "2M", "4K").map((x) => ` align ${x}`))).map(([n, s, al]) => `buffer ${n} size ${s}${al}`),
  fc.tuple(pick("v", "prog"), size).map(([n, s]) => `vmalloc ${n} size ${s}`),
);

const step = pick(...BOOT_STEPS.map((s) => s.name));
const relation = pick("at", "before", "after");
const when = fc.tuple(relation, step).map(([r, s]) => `${r} ${s}`);
const target = fc.oneof(bufName, pick("v", "prog"), fc.tuple(bufName, fc.nat({ max: 20 })).map(([n, i]) => `${n}[${i}]`), fc.tuple(bufName, fc.nat({ max: 4 }), fc.nat({ max: 20 })).map(([n, i, j]) => `${n}[${i}..${j})`), region);
const call = fc
  .tuple(pick(...callNames()), opt(target), opt(pick("0", "1", "2")), opt(fc.nat({ max: 9 }).map((n) => `on cpu ${n}`)))
  .map((parts) => parts.filter((p) => p).join(" "));
const bootStatement = fc.oneof(
  fc.tuple(when, call).map(([w, c]) => `${w}: ${c}`),
  fc.tuple(when, fc.array(call, { maxLength: 3 })).map(([w, cs]) => `${w} {\n${cs.join("\n")}\n}`),
  fc.tuple(pick("to", "before", "after"), step).map(([r, s]) => `move swiotlb_update_mem_attributes ${r} ${s}`),
  fc.tuple(pick("online", "hotplug"), cpuIds, when).map(([e, ids, w]) => `${e} cpu ${ids} ${w}`),
);
const boot = list(bootStatement, 5).map((b) => `boot {\n${b}\n}`);

const expectation = fc.oneof(
  fc.tuple(pick(...callNames()), opt(target), opt(when), pick("== 0", "== -EINVAL", "== -EBUSY", ": returns 0, warns 1", ": pages 2, splits 3", ": flushes 1")).map((p) => p.filter((x) => x).join(" ")),
  fc.tuple(fc.oneof(bufName, region), pick("leaf 4K", "leaf 2M", "leaf 1G", "is ro", "is valid, rw", "is shared", "is nx, cont"), opt(when)).map((p) => p.filter((x) => x).join(" ")),
  fc.tuple(pick("pagetables 0", "pagetables 513", "warns 0", "warns 1"), opt(when)).map((p) => p.filter((x) => x).join(" ")),
);
const expectItem = fc.oneof(
  expectation.map((e) => `expect ${e}`),
  fc.tuple(fc.array(version, { minLength: 1, maxLength: 2 }), expectation).map(([vs, e]) => `expect under ${vs.join(", ")}: ${e}`),
  fc.tuple(version, fc.array(expectation, { minLength: 1, maxLength: 2 })).map(([v, es]) => `expect under ${v} {\n${es.join("\n")}\n}`),
);
const output = fc.oneof(
  pick("show calls", "show trace", "show ptdump", "show stats", "show calls, trace", "chart map", "chart timeline", "chart pagetables", "run", 'print "x"'),
  region.map((r) => `show ptdump ${r}`),
  fc.array(version, { minLength: 2, maxLength: 3 }).map((vs) => `compare ${vs.join(", ")}`),
  fc.tuple(fc.array(version, { minLength: 1, maxLength: 2 }), pick("granule 4K, 64K", "rodata on, noalias", "realm on, off", "debug_pagealloc on, off")).map(([vs, ax]) => `sweep policy ${vs.join(", ")} by ${ax}`),
);

const noisy = fc
  .tuple(opt(machine), opt(cpus), opt(kernel), fc.array(buffer, { maxLength: 4 }), opt(boot), fc.array(expectItem, { maxLength: 3 }), fc.array(output, { maxLength: 2 }))
  .map(([m, c, k, bs, b, es, os]) => [m, c, k, ...bs, b, ...es, ...os].filter((x) => x).join("\n"));

// Mostly well-formed scenarios, so that most reach the compiler and the simulator: pieces
// chosen to fit each other (targets of the kind the call takes, CPUs that exist, ranges in memory).
const MEM = 0x8000_0000n;
const inMemory = fc.tuple(fc.nat({ max: 900 }), pick("4K", "64K", "2M", "4M", "1G", "16K")).map(([k, sz]) => `0x${(MEM + BigInt(k) * 0x40_0000n + 0x400_0000n).toString(16)} size ${sz}`);
const wMachine = fc
  .tuple(pick("4K", "4K", "16K", "64K"), pick("", "; memory 0x8000_0000 size 4G", "; memory 0x8000_0000 size 2G; memory 0x1_0000_0000 size 4G", "; memory 0x8000_0000 size 256M", "; memory 0x8000_0000 size 64T"), pick("", "; nomap 0x9000_0000 size 2M", "; image at 0x8020_0000"))
  .map(([g, m, n]) => `machine { granule ${g}${m}${n} }`);
const wCpus = fc
  .tuple(fc.nat({ max: 7 }), pick("neoverse-v3", "cortex-a720", "cortex-x4", "bbml2_noabort", "ampere1", "neoverse-v3 r1p0"), opt(pick("cortex-a720", "bbml2_noabort", "neoverse-v3 mte")), fc.boolean())
  .map(([n, t, second, late]) => `cpus { cpu 0..${n} ${t}${second ? `; cpu ${n + 1} ${second}` : ""}${late ? `; cpu ${n + 2} ${t} late` : ""} }`);
const wKernel = fc
  .tuple(version, fc.subarray(["rodata=on", "debug_pagealloc=on", "kfence.sample_interval=0"]), fc.boolean(), pick("", "config KFENCE=n", "config DEBUG_PAGEALLOC=y", "config KFENCE_NUM_OBJECTS=63"), pick("", "swiotlb 4M", "swiotlb 64M", "swiotlb 8G"))
  .map(([v, c, realm, cfg, sw]) => `kernel { ${[`version ${v}`, c.length ? `cmdline "${c.join(" ")}"` : "", realm ? "realm" : "", cfg, sw].filter((x) => x).join("; ")} }`);
const wBuffers = fc
  .tuple(pick("buffer a at 0x9800_0000 size 64K", "buffer a at 0x1_8234_0000 size 64K", "buffer a at 0x8000_0000 size 2M", "buffer a at 0xC000_0000 size 1G"), pick("buffer b size 64K", "buffer b size 2M align 2M", "buffer b size 3G", "buffer b size 1G"), pick("vmalloc v size 16K", "vmalloc v size 64K", "vmalloc v size 2M"))
  .map((xs) => xs.join("\n"));
const CALL_TARGETS: Record<string, fc.Arbitrary<string>> = {
  linear: fc.oneof(pick("a", "b", "a[0]", "b[0..4)", "a[1]"), inMemory),
  vmalloc: fc.constant("v"),
  page: pick("a", "b", "a[0]", "b[3]"),
  memory: pick("0x10_0000_0000 size 1G", "0x8000_0000 size 1G", "0x20_0000_0000 size 2M"),
  none: fc.constant(""),
};
const wCallParts = fc.constantFrom(...callNames()).chain((name) => {
  const info = findCall(name)!;
  return fc.tuple(fc.constant(name), CALL_TARGETS[info.target]!, info.argument === "enable" ? pick("0", "1") : fc.constant(""), pick("", "", "", "", "", "on cpu 0", "on cpu 1"));
});
const wCall = wCallParts.map((parts) => parts.filter((x) => x).join(" "));
const lateStep = pick(...BOOT_STEPS.slice(BOOT_STEPS.findIndex((s) => s.name === "smp_init")).map((s) => s.name));
const wBoot = fc
  .array(fc.oneof(
    { weight: 6, arbitrary: fc.tuple(when, wCall).map(([w, c]) => `${w}: ${c}`) },
    { weight: 2, arbitrary: fc.tuple(when, fc.array(wCall, { minLength: 1, maxLength: 4 })).map(([w, cs]) => `${w} {\n${cs.join("\n")}\n}`) },
    { weight: 1, arbitrary: fc.tuple(pick("to", "before", "after"), step).map(([r, s]) => `move swiotlb_update_mem_attributes ${r} ${s}`) },
    { weight: 1, arbitrary: fc.tuple(pick("online cpu 1", "online cpu 1..2", "hotplug cpu 9", "hotplug cpu 2"), relation, lateStep).map(([e, r, s]) => `${e} ${r} ${s}`) },
  ), { maxLength: 6 })
  .map((ss) => `boot {\n${ss.join("\n")}\n}`);
const wExpect = fc.oneof(
  fc.tuple(wCallParts, pick("== 0", "== -EINVAL", ": warns 0", ": returns 0, pages 2")).map(([[name, t], o]) => [name, t, o].filter((x) => x).join(" ")),
  fc.tuple(pick("a", "b", "a[0]", "0x8000_0000 size 1G"), pick("leaf 4K", "leaf 2M", "is ro", "is valid, rw", "is shared"), opt(when)).map((p) => p.filter((x) => x).join(" ")),
  fc.tuple(pick("pagetables 4", "warns 0", "warns 1"), opt(when)).map((p) => p.filter((x) => x).join(" ")),
);
const wExpectItem = fc.oneof(
  { weight: 3, arbitrary: wExpect.map((e) => `expect ${e}`) },
  { weight: 1, arbitrary: fc.tuple(version, wExpect).map(([v, e]) => `expect under ${v}: ${e}`) },
  { weight: 1, arbitrary: fc.tuple(version, fc.array(wExpect, { minLength: 1, maxLength: 2 })).map(([v, es]) => `expect under ${v} {\n${es.join("\n")}\n}`) },
);
const wellFormed = fc
  .tuple(opt(wMachine), opt(wCpus), opt(wKernel), wBuffers, wBoot, fc.array(wExpectItem, { maxLength: 3 }), fc.array(output, { maxLength: 2 }))
  .map(([m, c, k, bs, b, es, os]) => [m, c, k, bs, b, ...es, ...os].filter((x) => x).join("\n"));

export const scenarioArb = fc.oneof({ weight: 1, arbitrary: noisy }, { weight: 4, arbitrary: wellFormed });
