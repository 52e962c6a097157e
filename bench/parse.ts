// Parse throughput: lex + parse + AST of a generated ~1 MB scenario, best of several runs.
// Bar (issue 2): at least 5 MB/s on built JavaScript.
import { parseScenario } from "../src/lang/index.js";
import type { BenchFigure } from "./run.js";

/**
 * A scenario as people write them, grown to about `bytes`: each unit is a commented note
 * about one table (a buffer, the call at its boot step, the expected outcome), like the
 * examples in grammar/examples/valid.
 */
export function notesScenario(bytes: number): string {
  const parts: string[] = [
    "# generated for the parse benchmark: many ITS tables on a realm guest",
    "machine {\n  granule 4K\n  memory 0x8000_0000 size 2G\n  memory 0x1_0000_0000 size 64G\n}",
    "cpus {\n  cpu 0..7 neoverse-v3      # allow-listed for BBML2_NOABORT\n}",
    'kernel {\n  version v7.0\n  cmdline "rodata=on"\n  realm\n}',
  ];
  let size = parts.join("\n").length;
  for (let i = 0; size < bytes; i++) {
    const base = hexWithSeparators(0x1_0000_0000n + BigInt(i) * 0x1_0000n);
    const unit = [
      "",
      `# ITS table ${i}: allocated and decrypted at init_IRQ, inside a 1 GiB block of the linear map;`,
      "# v7.0 cannot split it there (WARN and -EINVAL), v7.1 splits it with two page-table pages.",
      `buffer its_table_${i} at 0x${base} size 64K`,
      `boot {\n  at init_IRQ: its_alloc_pages_node its_table_${i}\n}`,
      `expect its_alloc_pages_node its_table_${i} == -EINVAL`,
    ].join("\n");
    parts.push(unit);
    size += unit.length + 1;
  }
  return `${parts.join("\n")}\n`;
}

function hexWithSeparators(v: bigint): string {
  return v.toString(16).replace(/(?=(?:[0-9a-f]{4})+$)/g, "_").replace(/^_/, "");
}

/** The densest form: every line a declaration, call or multi-outcome expectation, no comments. */
export function generatedScenario(bytes: number): string {
  const parts: string[] = [
    "# generated for the parse benchmark",
    "machine {\n  granule 4K\n  memory 0x8000_0000 size 2G\n  memory 0x1_0000_0000 size 64G\n}",
    "cpus {\n  cpu 0..7 neoverse-v3\n  cpu 8..15 cortex-a720 late\n}",
    'kernel {\n  version v7.0\n  cmdline "rodata=on kfence.sample_interval=0"\n  realm\n}',
  ];
  let size = parts.join("\n").length;
  const boot: string[] = [];
  for (let i = 0; size < bytes; i++) {
    const base = hexWithSeparators(0x1_0000_0000n + BigInt(i) * 0x1_0000n);
    const decl = `buffer buf_${i} at 0x${base} size 64K  # table ${i}`;
    const call = `  at init_IRQ: set_memory_decrypted buf_${i}[0..4)`;
    const exp = `expect set_memory_decrypted buf_${i}[0..4) at init_IRQ: returns 0, warns 0, pages ${i % 7}`;
    parts.push(decl, exp);
    boot.push(call);
    size += decl.length + call.length + exp.length + 3;
  }
  return `${parts.join("\n")}\nboot {\n${boot.join("\n")}\n}\n`;
}

function bestRate(text: string): number {
  const mb = Buffer.byteLength(text) / (1 << 20);
  let best = Infinity;
  for (let run = 0; run < 8; run++) {
    const t0 = performance.now();
    const { diagnostics } = parseScenario(text, "bench.linmap");
    const ms = performance.now() - t0;
    if (diagnostics.length > 0) throw new Error(`generated scenario does not parse: ${diagnostics[0]!.message}`);
    best = Math.min(best, ms);
  }
  return mb / (best / 1000);
}

export async function bench(): Promise<BenchFigure[]> {
  return [
    { name: "parse_mb_per_s", value: bestRate(notesScenario(1 << 20)), unit: "MB/s" },
    { name: "parse_dense_mb_per_s", value: bestRate(generatedScenario(1 << 20)), unit: "MB/s" },
  ];
}
