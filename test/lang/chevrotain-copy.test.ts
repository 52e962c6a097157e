// The language loads Chevrotain once, through src/lang/chevrotain.ts (its one-file build):
// a module taking values from "chevrotain" itself would load a second copy, whose grammar
// objects and EOF token the first does not recognise.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as shim from "../../src/lang/chevrotain.js";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

describe("one Chevrotain", () => {
  it("no module but src/lang/chevrotain.ts imports values from chevrotain", () => {
    const offenders = sources("src").filter((f) => !f.endsWith(join("lang", "chevrotain.ts"))).filter((f) =>
      /^import\s+(?!type\b)[^;]*from\s+["'](chevrotain|@chevrotain\/[^"']+)["']/m.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("it is the package's one-file build, of the release its entry point is", () => {
    const require = createRequire(import.meta.url);
    const entry = require("chevrotain") as typeof import("chevrotain");
    const oneFile = require(join(process.cwd(), "node_modules/chevrotain/lib/chevrotain.mjs")) as typeof import("chevrotain");
    expect(shim.Lexer).toBe(oneFile.Lexer);
    expect(shim.Lexer).not.toBe(entry.Lexer);
    expect(oneFile.VERSION).toBe(entry.VERSION);
  });
});
