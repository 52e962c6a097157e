// fmt: canonical, idempotent, loses no comment, and re-parses to the same AST.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatScenario, parseScenario, type Scenario } from "../../src/lang/index.js";
import { stripRanges } from "./strip-ranges.js";

const validDir = join(import.meta.dirname, "..", "..", "grammar", "examples", "valid");
const examples = readdirSync(validDir).filter((f) => f.endsWith(".linmap")).sort();

function parsed(text: string): Scenario {
  const r = parseScenario(text, "x");
  expect(r.diagnostics).toEqual([]);
  return r.ast;
}

describe("formatScenario", () => {
  it.each(examples)("%s: idempotent, same AST, same comments", (file) => {
    const text = readFileSync(join(validDir, file), "utf8");
    const once = formatScenario(parsed(text));
    expect(formatScenario(parsed(once))).toBe(once);
    expect(stripRanges(parsed(once).items)).toEqual(stripRanges(parsed(text).items));
    expect(parsed(once).comments.map((c) => c.text)).toEqual(parsed(text).comments.map((c) => c.text));
  });

  it("puts one statement per line and canonical spacing", () => {
    const text = 'machine { granule 4K; memory 0x8000_0000 size 1G }\ncpus{cpu 0..7 bbml2_noabort}\nkernel { version v7.0; cmdline "rodata=on"; realm }\nboot { at init_IRQ: set_memory_decrypted its }\nexpect set_memory_decrypted its : returns -EINVAL\n';
    expect(formatScenario(parsed(text))).toBe(
      [
        "machine {",
        "  granule 4K",
        "  memory 0x8000_0000 size 1G",
        "}",
        "cpus {",
        "  cpu 0..7 bbml2_noabort",
        "}",
        "kernel {",
        "  version v7.0",
        '  cmdline "rodata=on"',
        "  realm",
        "}",
        "boot {",
        "  at init_IRQ: set_memory_decrypted its",
        "}",
        "expect set_memory_decrypted its == -EINVAL",
        "",
      ].join("\n"),
    );
  });

  it("keeps leading and trailing comments in place and one blank line between groups", () => {
    const text = "# head\n\n\n\nboot {   # why\n  # before\n  at mem_init {  # group\n    memfd_secret   # secret\n  }\n}   # end\nrun\n# tail\n";
    expect(formatScenario(parsed(text))).toBe(
      "# head\n\nboot {  # why\n  # before\n  at mem_init {  # group\n    memfd_secret  # secret\n  }\n}  # end\nrun\n# tail\n",
    );
  });

  it("writes a block with several calls in block form and a single call with a colon", () => {
    expect(formatScenario(parsed("boot { at init_IRQ { memfd_secret } ; after userspace { memfd_secret\n kfence_init_late } }"))).toBe(
      "boot {\n  at init_IRQ: memfd_secret\n  after userspace {\n    memfd_secret\n    kfence_init_late\n  }\n}\n",
    );
  });
});
