// The parser's error messages, built from the message catalogue: what was found, what the
// parser was reading ("in the boot block") and what would have been accepted there.
import type { IToken, TokenType, IParserErrorMessageProvider } from "chevrotain";
import { EOF } from "./chevrotain.js";
import { msg } from "./messages.js";
import { closestName } from "./suggest.js";
import { SOFT_KEYWORDS } from "./tokens.js";

/** What the parser was reading, for "unexpected X in a boot block". */
const RULE_CONTEXT: Readonly<Record<string, string>> = {
  scenario: "at the top level",
  item: "at the top level",
  machineBlock: "in the machine block",
  machineStatement: "in the machine block",
  imageStatement: "in the image statement",
  cpusBlock: "in the cpus block",
  cpuStatement: "in a cpu line",
  kernelBlock: "in the kernel block",
  kernelStatement: "in the kernel block",
  bufferDeclaration: "in a buffer declaration",
  vmallocDeclaration: "in a vmalloc declaration",
  bootBlock: "in the boot block",
  callsAt: "after a boot step",
  callStatement: "in a call",
  moveStatement: "in a move",
  cpuEvent: "in a CPU event",
  expectItem: "in an expectation",
  rangeExpectation: "in an expectation",
  callExpectation: "in an expectation",
  callOutcome: "in an expected outcome",
  returnCode: "as a return code",
  showItem: "in show",
  chartItem: "in chart",
  compareItem: "in compare",
  sweepItem: "in sweep",
  sweepAxis: "in a sweep axis",
  sweepValue: "in a sweep axis",
  runItem: "in run",
  printItem: "in print",
  region: "in a range",
  target: "in a target",
  stepRef: "after at/before/after",
  pageIndex: "in a page index",
  name: "as a name",
  versionName: "as a kernel version",
  address: "as an address",
  sizeValue: "as a size",
  cpuIds: "in CPU ids",
};

const BLOCK_STATEMENTS: Readonly<Record<string, { what: string; words: readonly string[] }>> = {
  machineBlock: { what: "a machine statement", words: ["granule", "va_bits", "memory", "nomap", "image"] },
  cpusBlock: { what: "a cpu line", words: ["cpu"] },
  kernelBlock: { what: "a kernel statement", words: ["version", "policy", "cmdline", "realm", "config", "swiotlb"] },
  bootBlock: { what: "a boot statement", words: ["at", "before", "after", "move", "online", "hotplug"] },
  callsAt: { what: "a call", words: [] },
};

function describeToken(t: IToken): string {
  return t.tokenType === EOF ? "end of input" : `'${t.image}'`;
}

function describeType(t: TokenType): string {
  if (t.LABEL) return t.LABEL;
  const byName: Record<string, string> = {
    Identifier: "a name",
    HexLiteral: "a hex number",
    DecimalLiteral: "a number",
    SizeLiteral: "a size",
    StringLiteral: "a string",
    VersionLiteral: "a kernel version",
    ErrnoLiteral: "an error code",
    RevisionLiteral: "a revision",
  };
  return byName[t.name] ?? t.name;
}

/** Keywords that may also be names: listed as "a name", not one by one. */
const SOFT_LABELS = new Set(SOFT_KEYWORDS.map((k) => describeType(k)));

function expectedList(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(describeType(path[0]));
  if (firsts.has("a name")) for (const l of SOFT_LABELS) firsts.delete(l);
  const list = [...firsts];
  if (list.length === 0) return "";
  if (list.length > 8) return `; expected one of ${list.slice(0, 8).join(", ")}, ...`;
  return `; expected ${list.length === 1 ? "" : "one of "}${list.join(", ")}`;
}

// Chevrotain calls these while parsing; each returns the text of a catalogue message.
export const syntaxErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, ruleName }) => {
    // A block's closing brace is "expected" whenever its statement loop stops; say which
    // statements the block takes, and suggest the keyword a typo was probably meant to be.
    const starters = BLOCK_STATEMENTS[ruleName];
    if (expected.name === "RCurly" && starters) {
      const suggestion = actual.tokenType === EOF ? undefined : closestName(actual.image, starters.words);
      return msg.expectedToken(`${starters.what} (${starters.words.join(", ")}) or '}'`, describeToken(actual), suggestion).message;
    }
    return msg.expectedToken(describeType(expected), describeToken(actual)).message;
  },
  buildNotAllInputParsedMessage: ({ firstRedundant }) => msg.unexpectedToken(describeToken(firstRedundant), "at the top level").message,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    msg.unexpectedToken(describeToken(actual[0]!), (RULE_CONTEXT[ruleName] ?? "here") + expectedList(expectedPathsPerAlt)).message,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    msg.unexpectedToken(describeToken(actual[0]!), (RULE_CONTEXT[ruleName] ?? "here") + expectedList([expectedIterationPaths])).message,
};

