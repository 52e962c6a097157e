// `linmap import dmesg FILE [--iomem FILE] [-o OUT]`: write a scenario from an arm64 boot log
// (FILE may be - for standard input), each statement citing the log line it came from, the
// rest listed as assumptions. Exit 0 when written, 2 when an input cannot be read or is not
// an arm64 boot log (or /proc/iomem), 1 when the scenario it wrote does not check (a bug).
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { analyzeScenario, hasErrors, renderDiagnostic } from "../../lang/index.js";
import { isBootLog, readBootLog } from "../../import/dmesg.js";
import { readIomem } from "../../import/iomem.js";
import { writeScenario } from "../../import/scenario.js";
import { importMsg } from "../../import/messages.js";
import type { SetStatus } from "./index.js";
import { readInputOrStdin } from "./read-stdin.js";

interface ImportOptions {
  iomem?: string;
  output?: string;
}

export function register(program: Command, setStatus: SetStatus): void {
  const imp = program.command("import").description("write a scenario from a real machine's artefacts");
  imp
    .command("dmesg")
    .description("write a scenario from an arm64 boot log (dmesg or a console capture)")
    .argument("<file>", "the boot log (a file, or - for standard input)")
    .option("--iomem <file>", "also read /proc/iomem to place the banks, no-map regions and the image exactly")
    .option("-o, --output <out>", "write the scenario to OUT instead of standard output")
    .action(async (file: string, opts: ImportOptions) => {
      const text = await readInputOrStdin(file, setStatus);
      if (text === undefined) return;
      const log = readBootLog(text);
      if (!isBootLog(log)) {
        process.stderr.write(`${log.version && !log.arm64 ? importMsg.notArm64(file, log.version.line) : importMsg.notBootLog(file)}\n`);
        setStatus(2);
        return;
      }
      let iomem;
      if (opts.iomem) {
        const iomemText = await readInputOrStdin(opts.iomem, setStatus);
        if (iomemText === undefined) return;
        const data = readIomem(iomemText);
        if (data.ranges.length === 0 || data.zeroed) {
          process.stderr.write(`${data.zeroed ? importMsg.iomemZeroed(opts.iomem) : importMsg.iomemEmpty(opts.iomem)}\n`);
          setStatus(2);
          return;
        }
        iomem = { file: opts.iomem, data };
      }
      const { text: scenario } = writeScenario({ file, log, ...(iomem ? { iomem } : {}) });
      const { diagnostics } = analyzeScenario(scenario, opts.output ?? "<imported>");
      for (const d of diagnostics) process.stderr.write(`${renderDiagnostic(d, scenario)}\n\n`);
      if (hasErrors(diagnostics)) setStatus(1);
      if (opts.output) {
        writeFileSync(opts.output, scenario);
        process.stderr.write(`${importMsg.written(opts.output)}\n`);
      } else {
        process.stdout.write(scenario);
      }
    });
}
