// `linmap import dmesg` on three real boot logs (QEMU virt, a CCA realm guest, a 128-CPU
// server): the scenario each produces is committed beside its log and compared exactly, it
// passes the checker without a diagnostic, and it runs. Then the pieces: prefixes and mail
// wraps, the version choice, the command line, /proc/iomem, and inputs that are not boot logs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeScenario, formatScenario } from "../../src/lang/index.js";
import { runScenarioText } from "../../src/index.js";
import { logMessages, readBootLog, isBootLog } from "../../src/import/dmesg.js";
import { readIomem } from "../../src/import/iomem.js";
import { modelledOptions, nearestVersion, writeScenario, hexGrouped } from "../../src/import/scenario.js";
import { decodeMidr, describeMidr } from "../../src/import/midr.js";

const root = join(import.meta.dirname, "..", "..");
const dir = join(root, "test", "fixtures", "dmesg");
const logs = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();

function importLog(f: string, iomem?: string): string {
  const log = readBootLog(readFileSync(join(dir, f), "utf8"));
  return writeScenario({ file: f, log, ...(iomem ? { iomem: { file: "iomem.txt", data: readIomem(iomem) } } : {}) }).text;
}

describe("real boot logs", () => {
  it("holds a QEMU virt log, a realm guest's and a many-CPU server's", () => {
    expect(logs).toEqual(["kunpeng920-128cpu-5.11.txt", "qemu-lkft-next-20241017-wrapped.txt", "qemu-virt-syzbot-6.5.txt", "realm-fvp-kvmtool-6.15.txt"]);
  });

  it.each(logs)("%s: the scenario is the committed one, in canonical form, checks clean and runs", (f) => {
    const text = importLog(f);
    const committed = join(dir, f.replace(/\.txt$/, ".linmap"));
    if (process.env.LINMAP_UPDATE_SNAPSHOTS) writeFileSync(committed, text);
    expect(text).toBe(readFileSync(committed, "utf8"));
    expect(analyzeScenario(text, f).diagnostics).toEqual([]);
    expect(formatScenario(analyzeScenario(text, f).ast)).toBe(text);
    expect(runScenarioText(text, f).kind).toBe("result");
  });

  it("rejoins a mail-wrapped partial log: version, the capped linear region, the command line", () => {
    const log = readBootLog(readFileSync(join(dir, "qemu-lkft-next-20241017-wrapped.txt"), "utf8"));
    expect([log.version?.value.release, log.linearCap?.value, log.kaslr?.value, log.cmdline?.value]).toEqual([
      "6.12.0-rc3-next-20241017", 51, "enabled", "console=ttyAMA0,115200 rootwait root=/dev/vda debug verbose console_msg_format=syslog systemd.log_level=warning rw kvm-arm.mode=protected earlycon",
    ]);
  });

  it("reads what the QEMU log says", () => {
    const log = readBootLog(readFileSync(join(dir, "qemu-virt-syzbot-6.5.txt"), "utf8"));
    expect([log.cpus.map((c) => c.value.cpu), log.memoryRanges.length, log.pageSize?.value, log.kfence?.value, log.swiotlb?.value.megabytes, log.memory?.value.code]).toEqual([
      [0, 1], 1, 4096n, { bytes: 2097152n, objects: 255 }, 64, 25152n * 1024n,
    ]);
  });

  it("reads the realm guest's RME line and its 13 EFI memory ranges as one bank", () => {
    const text = importLog("realm-fvp-kvmtool-6.15.txt");
    expect(text).toContain("  realm  # L66: RME: Using RSI version 1.0\n");
    expect(text).toContain("  memory 0x8000_0000 size 512M  # L47: node   0: [mem 0x0000000080000000-0x000000009ecbffff] … L59: node   0: [mem 0x000000009f6d0000-0x000000009fffffff] (13 adjacent ranges, one bank)\n");
  });

  it("rejoins the server log's mail-wrapped lines and counts its 128 CPUs", () => {
    const log = readBootLog(readFileSync(join(dir, "kunpeng920-128cpu-5.11.txt"), "utf8"));
    expect(log.version?.text).toBe("Linux version 5.11.0-rc3-g23cafd1b97c8 (john@Turing-Arch-b) (aarch64-linux-gnu-gcc (GNU Toolchain for the A-profile Architecture 8.3-2019.03 (arm-rel-8.36)) 8.3.0, GNU ld (GNU Toolchain for the A-profile Architecture 8.3-2019.03 (arm-rel-8.36)) 2.32.0.20190321) #382 SMP PREEMPT Wed Jan 13 22:31:37 CST 2021");
    expect(log.memory?.value).toEqual({ total: 67104640n * 1024n, code: 14400n * 1024n, rwdata: 2830n * 1024n, rodata: 7712n * 1024n, init: 5760n * 1024n, bss: 494n * 1024n });
    expect([log.cpus.length, log.cpuCount?.value, log.kptiForced?.value]).toEqual([67, 128, "ON by KASLR"]);
  });
});

describe("damaged CPU counts", () => {
  it("a count beyond NR_CPUS or of none is not a count: the next line that counts is taken", () => {
    // Found by the mutated-log property (seed -2133143044): a SLUB line with CPUs=999999999999K2.
    const qemu = readFileSync(join(dir, "qemu-virt-syzbot-6.5.txt"), "utf8");
    const damaged = qemu.replace(/CPUs=\d+/, "CPUs=999999999999K2");
    expect(damaged).not.toBe(qemu);
    const log = readBootLog(damaged);
    expect(log.cpuCount?.value).toBe(2);
    const text = writeScenario({ file: "x.log", log }).text;
    expect(analyzeScenario(text, "x.linmap").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    for (const line of ["SMP: Total of 0 processors activated.", "rcu: Adjusting geometry for rcu_fanout_leaf=16, nr_cpu_ids=5000"]) {
      expect(readBootLog(`Booting Linux on physical CPU 0x0000000000 [0x000f0510]\n${line}\n`).cpuCount).toBeUndefined();
    }
  });
});

describe("log lines", () => {
  it("drops syslog, printk-level, timestamp and caller-id prefixes and mail quoting", () => {
    const msgs = logMessages([
      "Mar  7 22:18:21 rock64 kernel: [    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd034]",
      "<6>[    0.000000] Linux version 6.1.0",
      "> [    0.000000][    T0] RME: Using RSI version 1.0",
    ].join("\n"));
    expect(msgs.map((m) => m.text)).toEqual(["Booting Linux on physical CPU 0x0000000000 [0x410fd034]", "Linux version 6.1.0", "RME: Using RSI version 1.0"]);
  });
  it("joins a wrapped tail to its message in a timestamped log, keeps untimestamped logs line by line", () => {
    expect(logMessages("[    0.000000] Kernel command line: a=1\nb=2\n[    0.1] next").map((m) => [m.line, m.text])).toEqual([[1, "Kernel command line: a=1 b=2"], [3, "next"]]);
    expect(logMessages("Zone ranges:\n  DMA      [mem 0x0-0x1]").map((m) => m.text)).toEqual(["Zone ranges:", "  DMA      [mem 0x0-0x1]"]);
  });
});

describe("choices", () => {
  const version = (release: string) => nearestVersion(readBootLog(`Booting Linux on physical CPU 0x0 [0x410fd083]\nLinux version ${release} (x@y)\n`));
  it("takes the modelled release, or the nearest with a note", () => {
    expect(version("6.18.0")).toEqual({ name: "v6.18" });
    expect(version("6.19.0-rc3")).toEqual({ name: "v6.19", assumption: "kernel 6.19.0-rc3 is a release candidate; modelled as the release v6.19" });
    expect(version("5.15.70-flatcar").assumption).toBe("kernel 5.15.70-flatcar is older than every modelled kernel; modelled as v6.13, the oldest");
    expect(version("9.1.0").assumption).toMatch(/^kernel 9\.1\.0 is newer than every modelled kernel; modelled as v\S+, the newest$/);
  });
  it("keeps the command-line options linmap models, with values it accepts", () => {
    expect(modelledOptions("root=/dev/vda rodata=full debug_pagealloc=on kfence.sample_interval=0 rodata=maybe quiet")).toEqual({
      kept: ["rodata=full", "debug_pagealloc=on", "kfence.sample_interval=0"],
      ignored: ["root=/dev/vda", "rodata=maybe", "quiet"],
    });
  });
  it("names CPU models from their MIDR", () => {
    expect(decodeMidr(0x413fd0c1)).toMatchObject({ implementer: 0x41, variant: 3, partNum: 0xd0c, revision: 1, model: { name: "neoverse-n1" } });
    expect(describeMidr(decodeMidr(0x431f0af1))).toBe("Cavium ThunderX2 (implementer 0x43, part 0x0af)");
    expect(hexGrouped(0x2020_0000_0000n)).toBe("0x2020_0000_0000");
  });
  it("writes a model with its revision, and the BBML2 feature when the log detects it off the allow-list", () => {
    const text = writeScenario({
      file: "x.log",
      log: readBootLog([
        "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x413fd0c1]",
        "[    0.000000] Linux version 6.18.2 (x@y)",
        "[    0.010000] CPU1: Booted secondary processor 0x0000000100 [0x413fd0c1]",
        "[    0.020000] CPU features: detected: BBM Level 2 without TLB conflict abort",
      ].join("\n")),
    }).text;
    expect(text).toContain("  cpu 0..1 neoverse-n1 r3p1 bbml2_noabort  # L1: Booting Linux on physical CPU 0x0000000000 [0x413fd0c1] … L3: CPU1: Booted secondary processor 0x0000000100 [0x413fd0c1]\n");
    expect(analyzeScenario(text, "x").diagnostics).toEqual([]);
  });
});

describe("memory from other lines", () => {
  it("takes no-map regions from the device tree and from efi=debug's memory map, banks from Zone ranges", () => {
    const log = [
      "[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]",
      "[    0.000000] efi:   0x000040000000-0x0000403fffff [Conventional|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]",
      "[    0.000000] efi:   0x000040400000-0x0000405fffff [Runtime Data|RUN|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]",
      "[    0.000000] efi:   0x000009000000-0x000009000fff [MMIO        |RUN|  |  |  |  |  |  |  |  |   |  |  |  |UC]",
      "[    0.000000] OF: reserved mem: 0x0000000080000000..0x00000000801fffff (2048 KiB) nomap non-reusable secmon@80000000",
      "[    0.000000]   DMA      [mem 0x0000000040000000-0x00000000bfffffff]",
      "[    0.000000]   Normal   [mem 0x00000000c0000000-0x000000013fffffff]",
    ].join("\n");
    const text = writeScenario({ file: "efi.log", log: readBootLog(log) }).text;
    expect(text).toContain(`  memory 0x4000_0000 size 4G  # L6: DMA      [mem 0x0000000040000000-0x00000000bfffffff]; L7: Normal   [mem 0x00000000c0000000-0x000000013fffffff]
  nomap 0x4040_0000 size 2M  # L3: efi:   0x000040400000-0x0000405fffff [Runtime Data|RUN|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]
  nomap 0x8000_0000 size 2M  # L5: OF: reserved mem: 0x0000000080000000..0x00000000801fffff (2048 KiB) nomap non-reusable secmon@80000000
`);
    expect(text).toContain("#   - no Early memory node ranges: the banks are the Zone ranges, so holes inside a zone are not known\n");
    expect(analyzeScenario(text, "x").diagnostics).toEqual([]);
  });
});

// A /proc/iomem in the shape arm64's request_standard_resources() gives a QEMU virt guest
// (constructed for the test: memory regions at the top level, a no-map one as "reserved",
// the kernel's code and data nested in System RAM).
const IOMEM = `09000000-09000fff : pl011@9000000
  09000000-09000fff : 9000000.pl011 pl011@9000000
40000000-401fffff : System RAM
40200000-403fffff : reserved
40400000-bfffffff : System RAM
  40a10000-4257ffff : Kernel code
  42580000-42b8ffff : reserved
  42b90000-4305ffff : Kernel data
4010000000-401fffffff : PCI ECAM
`;

describe("/proc/iomem", () => {
  it("gives the banks, the no-map regions and the kernel's extents", () => {
    const m = readIomem(IOMEM);
    expect(m.banks.map((b) => [b.start, b.end])).toEqual([[0x4000_0000n, 0xc000_0000n]]);
    expect(m.nomap.map((r) => [r.value.start, r.value.end, r.line])).toEqual([[0x4020_0000n, 0x4040_0000n, 4]]);
    expect([m.kernelCode?.value.start, m.kernelData?.value.end, m.zeroed]).toEqual([0x40a1_0000n, 0x4306_0000n, false]);
    expect(readIomem("00000000-00000000 : System RAM\n").zeroed).toBe(true);
  });
  it("places the image exactly, with _text 64K below _stext", () => {
    const text = importLog("qemu-virt-syzbot-6.5.txt", IOMEM);
    expect(text).toContain("  memory 0x4000_0000 size 2G  # iomem L3, L4, L5\n");
    expect(text).toContain("  nomap 0x4020_0000 size 2M  # iomem L4: 40200000-403fffff : reserved\n");
    expect(text).toContain("  image at 0x40a0_0000 text 28160K init 6208K data 4928K  # iomem L6: 40a10000-4257ffff : Kernel code; iomem L8: 42b90000-4305ffff : Kernel data\n");
    expect(text).toContain("#   - /proc/iomem's Kernel code starts 64K past a 2 MiB boundary: read as _stext, with _text 64K below it (the image head)\n");
    expect(analyzeScenario(text, "x").diagnostics).toEqual([]);
  });
  it("reads a 2 MiB-aligned Kernel code start as _text (the releases that start it there)", () => {
    const text = importLog("qemu-virt-syzbot-6.5.txt", IOMEM.replace("40a10000-4257ffff : Kernel code", "40a00000-4257ffff : Kernel code"));
    expect(text).toContain("  image at 0x40a0_0000 text 28160K init 6208K data 4928K  # iomem L6: 40a00000-4257ffff : Kernel code;");
    expect(text).toContain("#   - /proc/iomem's Kernel code starts on a 2 MiB boundary: read as _text (the releases that start it at _text)\n");
  });
});

function linmap(args: string[], input?: string) {
  return spawnSync(process.execPath, [join(root, "bin", "linmap.js"), ...args], { cwd: root, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
}

describe("linmap import dmesg", () => {
  const tmp = mkdtempSync(join(tmpdir(), "linmap-import-"));
  it("prints the scenario, reads standard input, writes -o, and the result passes linmap check", () => {
    const file = join(dir, "realm-fvp-kvmtool-6.15.txt");
    const r = linmap(["import", "dmesg", file]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    const piped = linmap(["import", "dmesg", "-"], readFileSync(file, "utf8"));
    expect(piped.stdout.replace(/^# A linmap scenario imported from - /, "")).toBe(r.stdout.replace(/^# A linmap scenario imported from \S+ /, "").replaceAll(file, "-"));
    const out = join(tmp, "realm.linmap");
    const w = linmap(["import", "dmesg", file, "-o", out]);
    expect([w.status, w.stderr.trim()]).toEqual([0, `linmap: wrote ${out}`]);
    const c = linmap(["check", out]);
    expect([c.status, c.stdout.trim()]).toEqual([0, "1 file checked: 0 errors, 0 warnings"]);
  });
  it("import then diff: a real log's scenario against a real dump runs and reports (the issue's 'done when')", () => {
    const out = join(tmp, "qemu.linmap");
    expect(linmap(["import", "dmesg", join(dir, "qemu-virt-syzbot-6.5.txt"), "-o", out]).status).toBe(0);
    const d = linmap(["diff", "ptdump", join(root, "test", "fixtures", "realdata", "03_ptdump_qemu_1g_rodata_full_kpti.txt"), out]);
    expect(d.status).toBe(1);
    expect(d.stdout.split("\n")[1]).toMatch(/^simulated: \S+qemu\.linmap \(v6\.13\) · 4K pages, 48-bit VA · \d+ lines · linear map from 0xffff000000000000$/);
    expect(d.stdout).toContain("page-table pages the lines imply (below the root table):");
  });
  it("exits 2 with a clear error on a file that is not a boot log, an x86 log, or a missing file", () => {
    const notLog = join(tmp, "notes.txt");
    writeFileSync(notLog, "shopping list\nmilk\n");
    const r = linmap(["import", "dmesg", notLog]);
    expect([r.status, r.stdout, r.stderr.trim()]).toEqual([2, "", `${notLog}: not an arm64 boot log: none of the lines linmap reads is there ("Booting Linux on physical CPU", "CPUn: Booted secondary processor", "Early memory node ranges", "Memory: ...K/...K available", "CPU features: detected:")`]);
    const x86 = join(tmp, "x86.txt");
    writeFileSync(x86, "[    0.000000] Linux version 6.6.0 (a@b)\n[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n");
    expect(linmap(["import", "dmesg", x86]).stderr.trim()).toBe(`${x86}:1: a Linux boot log, but not an arm64 one (no "Booting Linux on physical CPU", "psci:" or "CPU features: detected:" line)`);
    expect(linmap(["import", "dmesg", join(tmp, "missing.txt")]).status).toBe(2);
    expect(isBootLog(readBootLog(""))).toBe(false);
  });
  it("exits 2 on a /proc/iomem read without root", () => {
    const z = join(tmp, "iomem0.txt");
    writeFileSync(z, "00000000-00000000 : System RAM\n  00000000-00000000 : Kernel code\n");
    const r = linmap(["import", "dmesg", join(dir, "qemu-virt-syzbot-6.5.txt"), "--iomem", z]);
    expect([r.status, r.stderr.trim()]).toEqual([2, `${z}: every address is 0 (read without root); read /proc/iomem as root`]);
  });
});
