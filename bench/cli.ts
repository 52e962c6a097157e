// Start-up of the command line (issue 10): `linmap run` on a small scenario, the whole
// process from spawn to exit, median of 10 runs. Bar: 200 ms. Node's own start-up
// (`node -e 0`) is printed beside it for reference.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchFigure } from "./run.js";

const SMALL = "buffer its_prop at 0x1_8234_0000 size 64K\nboot { at init_IRQ: set_memory_decrypted its_prop }\nexpect set_memory_decrypted its_prop == 0\n";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function wall(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`cli bench: exit ${r.status}: ${r.stderr}`);
  return ms;
}

export async function bench(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), "linmap-bench-"));
  const file = join(dir, "small.linmap");
  writeFileSync(file, SMALL);
  const bin = fileURLToPath(new URL("../../bin/linmap.js", import.meta.url));
  const runs = Array.from({ length: 10 }, () => wall([bin, "run", file]));
  const node = Array.from({ length: 10 }, () => wall(["-e", "0"]));
  return [
    { name: "cli_run_small_ms", value: Math.round(median(runs)), unit: "ms" },
    { name: "node_startup_ms", value: Math.round(median(node)), unit: "ms" },
  ];
}
