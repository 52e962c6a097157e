// What `linmap import dmesg` does (./import.ts defines its options): read the boot log (and
// /proc/iomem), write the scenario, and check it.
import { writeFileSync } from "node:fs";
import { analyzeScenario, hasErrors, renderDiagnostic } from "../../lang/index.js";
import { isBootLog, readBootLog } from "../../import/dmesg.js";
import { readIomem } from "../../import/iomem.js";
import { writeScenario } from "../../import/scenario.js";
import { importMsg } from "../../import/messages.js";
import type { SetStatus } from "./index.js";
import type { ImportOptions } from "./import.js";
import { readInputOrStdin } from "./read-stdin.js";

export async function importDmesgCommand(file: string, opts: ImportOptions, setStatus: SetStatus): Promise<void> {
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
}

