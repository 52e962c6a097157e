// Generates the grammar documents from the parser, so they cannot disagree with it:
// grammar/linmap.ebnf, grammar/railroad.html (self-contained: the diagram scripts of the
// installed chevrotain package are inlined, so the page works offline) and the CST types
// src/lang/cst.d.ts. `npm run grammar` writes them; test/lang/grammar-docs.test.ts fails
// when the committed files differ from what this produces.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { IProduction, TokenType } from "chevrotain";
import {
  Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator, Rule, Terminal, createSyntaxDiagramsCode, generateCstDts,
} from "./chevrotain.js";
import { linmapParser } from "./parser.js";
import { ALL_TOKENS, KEYWORD_WORDS } from "./tokens.js";
import { BOOT_STEPS, KERNEL_VERSIONS, MIDRS, POLICY_SETTINGS, VERSION_SETTINGS, callNames, cpuFeatureNames } from "../catalog/index.js";
import { DIAGNOSTIC_CODES } from "./messages.js";

const CST_HEADER =
  "// Generated from the parser by `npm run grammar` (chevrotain generateCstDts); do not edit.\n" +
  "// test/lang/grammar-docs.test.ts fails when this drifts from src/lang/parser.ts.\n";

function terminalText(t: TokenType): string {
  if (t.LABEL && t.LABEL.startsWith("'")) return `"${t.LABEL.slice(1, -1)}"`;
  return t.name;
}

function sequence(defs: readonly IProduction[]): string {
  return defs.map(production).join(" ");
}

function production(p: IProduction): string {
  if (p instanceof Terminal) return terminalText(p.terminalType);
  if (p instanceof NonTerminal) return p.nonTerminalName;
  if (p instanceof Option) return `[ ${sequence(p.definition)} ]`;
  if (p instanceof Repetition) return `{ ${sequence(p.definition)} }`;
  if (p instanceof RepetitionMandatory) return `${wrap(sequence(p.definition))} { ${sequence(p.definition)} }`;
  if (p instanceof RepetitionWithSeparator) return `[ ${wrap(sequence(p.definition))} { ${terminalText(p.separator)} ${sequence(p.definition)} } ]`;
  if (p instanceof RepetitionMandatoryWithSeparator) return `${wrap(sequence(p.definition))} { ${terminalText(p.separator)} ${sequence(p.definition)} }`;
  if (p instanceof Alternation) return `( ${(p.definition as Alternative[]).map((a) => sequence(a.definition)).join(" | ")} )`;
  if (p instanceof Alternative) return sequence(p.definition);
  return "";
}

function wrap(s: string): string {
  return s.includes(" ") ? `( ${s} )` : s;
}

function tokenPattern(t: TokenType): string {
  const p = t.PATTERN;
  if (p instanceof RegExp) return `/${p.source}/`;
  if (typeof p === "string") return `"${p}"`;
  return "(see src/lang/tokens.ts)";
}

/** The grammar in ISO-style EBNF: `[ x ]` optional, `{ x }` repeated, `( a | b )` choice. */
export function grammarEbnf(): string {
  const rules = linmapParser().getGAstProductions();
  const lines = [
    "(* The linmap scenario language. Generated from src/lang/parser.ts by `npm run grammar`; do not edit. *)",
    "(* [ x ] optional, { x } zero or more, ( a | b ) choice; \"word\" a keyword or punctuation. *)",
    "(* Statements end at the end of a line or at ';'. A call's target and arguments must be on its line. *)",
    "",
  ];
  for (const [name, rule] of Object.entries(rules) as [string, Rule][]) {
    const alts = rule.definition.length === 1 && rule.definition[0] instanceof Alternation ? ((rule.definition[0] as Alternation).definition as Alternative[]) : undefined;
    if (alts && alts.length > 1) {
      lines.push(`${name} =`);
      alts.forEach((a, i) => lines.push(`    ${i === 0 ? " " : "|"} ${sequence(a.definition)}`));
      lines.push("    ;");
    } else {
      lines.push(`${name} = ${sequence(rule.definition)} ;`);
    }
  }
  lines.push("", "(* Tokens *)");
  for (const t of ALL_TOKENS) {
    if (t.LABEL && t.LABEL.startsWith("'")) continue;
    lines.push(`${t.name} = ${tokenPattern(t)} ;${t.GROUP ? ` (* ${t.GROUP === "comments" ? "kept for fmt, ignored by the parser" : "skipped"} *)` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

function chevrotainDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main entry lives under lib/; the diagrams folder is beside it.
  let dir = dirname(require.resolve("chevrotain"));
  while (!dir.endsWith("chevrotain") && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The railroad-diagram page with chevrotain's diagram scripts and stylesheet inlined. */
export function railroadHtml(): string {
  const base = chevrotainDir();
  const html = createSyntaxDiagramsCode(linmapParser().getSerializedGastProductions());
  const inlineScript = (rel: string) => `<script>\n${readFileSync(join(base, "diagrams", rel), "utf8")}\n</script>`;
  return html
    .replace(/<link rel='stylesheet' href='[^']*diagrams\.css'>/, () => `<style>\n${readFileSync(join(base, "diagrams", "diagrams.css"), "utf8")}\n</style>`)
    .replace(/<script src='[^']*\/diagrams\/(vendor\/railroad-diagrams\.js|src\/[a-z_]+\.js)'><\/script>/g, (_m, rel: string) => inlineScript(rel))
    .replace("<!-- This is a generated file -->", "<!-- Generated from src/lang/parser.ts by `npm run grammar`; do not edit. Diagram scripts and styles: chevrotain (Apache-2.0), inlined so the page works offline. -->")
    .replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">\n<title>linmap grammar</title>");
}

function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map((w) => w.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")).join("|");
}

/** A word that is not part of a longer name (names may contain `_` and inner `-`). */
function word(alts: string): string {
  return `(?<![\\w-])(?:${alts})(?![\\w-])`;
}

/** The TextMate grammar, built from the same token list and catalogues as the parser. */
export function textMateGrammar(): string {
  const items = ["machine", "cpus", "kernel", "buffer", "vmalloc", "boot", "expect", "show", "chart", "compare", "sweep", "run", "print", "load"];
  const grammar = {
    $comment: "Generated from src/lang/tokens.ts and src/catalog by `npm run grammar`; do not edit.",
    name: "linmap",
    scopeName: "source.linmap",
    fileTypes: ["linmap"],
    patterns: [
      { include: "#comment" },
      { include: "#string" },
      { name: "keyword.control.linmap", match: word(alternation(items)) },
      { name: "keyword.other.linmap", match: word(alternation(KEYWORD_WORDS.filter((w) => !items.includes(w)))) },
      { name: "entity.name.function.call.linmap", match: word(alternation(callNames())) },
      { name: "entity.name.tag.step.linmap", match: word(alternation(BOOT_STEPS.map((s) => s.name))) },
      { name: "constant.other.version.linmap", match: word(alternation(KERNEL_VERSIONS.map((v) => v.name))) },
      { name: "support.type.cpu.linmap", match: word(alternation([...MIDRS.map((m) => m.name), ...cpuFeatureNames()])) },
      { name: "constant.language.errno.linmap", match: "-E[A-Z0-9]+\\b" },
      { name: "constant.numeric.hex.linmap", match: "\\b0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*\\b" },
      { name: "constant.numeric.size.linmap", match: "\\b\\d(?:_?\\d)*(?:K|M|G|T|P)(?:iB)?\\b" },
      { name: "constant.numeric.decimal.linmap", match: "\\b\\d(?:_?\\d)*\\b" },
      { name: "keyword.operator.linmap", match: "\\.\\.|==|=|:" },
      { name: "punctuation.section.block.begin.linmap", match: "\\{" },
      { name: "punctuation.section.block.end.linmap", match: "\\}" },
    ],
    repository: {
      comment: { name: "comment.line.number-sign.linmap", match: "#.*$" },
      string: {
        name: "string.quoted.double.linmap",
        begin: '"',
        end: '"',
        patterns: [{ name: "constant.character.escape.linmap", match: '\\\\["\\\\]' }],
      },
    },
  };
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

export function cstTypes(): string {
  return CST_HEADER + generateCstDts(linmapParser().getGAstProductions());
}

const CODES_BEGIN = "<!-- codes:begin (generated from src/lang/messages.ts by `npm run grammar`) -->";
const CODES_END = "<!-- codes:end -->";

const SETTINGS_BEGIN = "<!-- settings:begin (generated from src/catalog/policy-settings.ts by `npm run grammar`) -->";
const SETTINGS_END = "<!-- settings:end -->";

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** Replaces what stands between two markers of `text` (unchanged when they are missing). */
function replaceBetween(text: string, beginMarker: string, endMarker: string, body: string): string {
  const begin = text.indexOf(beginMarker);
  const end = text.indexOf(endMarker);
  if (begin < 0 || end < begin) return text;
  return `${text.slice(0, begin + beginMarker.length)}\n${body}\n${text.slice(end)}`;
}

/** The policy settings, their values and the commits they stand for, with each built-in's value. */
function settingsTable(): string {
  const versions = KERNEL_VERSIONS.map((v) => v.name);
  const lines: string[] = [];
  for (const s of POLICY_SETTINGS) {
    lines.push(`- **\`${s.name}\`**: ${cell(s.doc)}`);
    for (const v of s.values) {
      const users = versions.filter((name) => VERSION_SETTINGS[name]![s.name] === v.value);
      lines.push(`  - \`${v.value}\`: ${v.doc}${users.length > 0 ? ` Built-ins: ${users.join(", ")}.` : ""}`);
    }
  }
  return lines.join("\n");
}

/** The README with its diagnostic-code table and policy settings regenerated from the catalogues. */
export function grammarReadme(current: string): string {
  const rows = Object.entries(DIAGNOSTIC_CODES).map(([code, info]) => `| \`${code}\` | ${info.severity} | ${cell(info.summary)} |`);
  const table = ["| code | severity | meaning |", "|---|---|---|", ...rows].join("\n");
  return replaceBetween(replaceBetween(current, CODES_BEGIN, CODES_END, table), SETTINGS_BEGIN, SETTINGS_END, settingsTable());
}

/** Every generated document, by path relative to the project root. */
export function grammarDocuments(root = projectRoot()): Record<string, string> {
  return {
    "grammar/README.md": grammarReadme(readFileSync(join(root, "grammar", "README.md"), "utf8")),
    "grammar/linmap.ebnf": grammarEbnf(),
    "grammar/railroad.html": railroadHtml(),
    "grammar/linmap.tmLanguage.json": textMateGrammar(),
    "src/lang/cst.d.ts": cstTypes(),
  };
}

function projectRoot(): string {
  // dist/src/lang/grammar-docs.js → project root three levels up.
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = projectRoot();
  for (const [path, text] of Object.entries(grammarDocuments(root))) {
    writeFileSync(join(root, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
