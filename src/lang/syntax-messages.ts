// The parser's error messages, built from the message catalogue: what was found, what the
// parser was reading ("in the boot block") and what would have been accepted there.
import { EOF, type IToken, type TokenType, type IParserErrorMessageProvider } from "chevrotain";
import { msg } from "./messages.js";

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

function expectedList(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(describeType(path[0]));
  const list = [...firsts];
  if (list.length === 0) return "";
  if (list.length > 8) return `; expected one of ${list.slice(0, 8).join(", ")}, ...`;
  return `; expected ${list.length === 1 ? "" : "one of "}${list.join(", ")}`;
}

// Chevrotain calls these while parsing; each returns the text of a catalogue message.
export const syntaxErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => msg.expectedToken(describeType(expected), describeToken(actual)).message,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => msg.unexpectedToken(describeToken(firstRedundant), "at the top level").message,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    msg.unexpectedToken(describeToken(actual[0]!), (RULE_CONTEXT[ruleName] ?? "here") + expectedList(expectedPathsPerAlt)).message,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    msg.unexpectedToken(describeToken(actual[0]!), (RULE_CONTEXT[ruleName] ?? "here") + expectedList([expectedIterationPaths])).message,
};

