// The Chevrotain the language is built with, from the one-file build the package ships
// (lib/chevrotain.mjs, the same release as its entry point). The entry point is 53 modules
// (chevrotain and four @chevrotain packages); loading them was the largest cost of starting
// `linmap` after Node itself (start-up, issue 10): each module costs the ESM loader its own
// resolution, read and link. The one file holds the same code and is loaded as one module.
//
// Every module of linmap takes Chevrotain's values from here, never from "chevrotain"
// directly: two copies in one process would not recognise each other's grammar objects
// (instanceof) or EOF token. Types may come from "chevrotain" (they are the same). Should a
// release stop shipping the file, the entry point is loaded instead.
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

type Chevrotain = typeof import("chevrotain");

function load(): Chevrotain {
  const require = createRequire(import.meta.url);
  // The package's exports name only its entry (lib/src/api.js); the one file sits beside lib/src.
  const oneFile = join(dirname(require.resolve("chevrotain")), "..", "chevrotain.mjs");
  return (existsSync(oneFile) ? require(oneFile) : require("chevrotain")) as Chevrotain;
}

export const {
  CstParser, EOF, LLkLookaheadStrategy, Lexer, createToken,
  Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator, Rule, Terminal, createSyntaxDiagramsCode, generateCstDts,
} = load();

// The grammar classes as types too (a value from a destructuring is not a type by itself).
export type Alternation = import("chevrotain").Alternation;
export type Alternative = import("chevrotain").Alternative;
export type Rule = import("chevrotain").Rule;
