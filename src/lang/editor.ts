// Editor services for front ends (the Jupyter kernel first): completion at a cursor, whether
// a cell is complete, and documentation of the word under the cursor. All of them read the
// language's own lexer and the catalogues, so they cannot offer a name the checker would
// refuse.
import {
  BOOT_STEPS, CHART_KINDS, CMDLINE_OPTIONS, ERRNOS, KCONFIG_SWITCHES, KERNEL_VERSIONS, MIDRS, POLICIES, POLICY_SETTINGS, findPolicySetting,
  RANGE_ATTRIBUTES, SHOW_VIEWS, SWEEP_AXES, callNames, cpuFeatureNames, findBootStep, findCall, findCpuFeature, findKernelVersion, findMidr,
} from "../catalog/index.js";
import { linmapLexer } from "./tokens.js";
import { parseScenario } from "./parse.js";

const WORD = /[A-Za-z0-9_.\-]/;

function wordBounds(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end]!)) end++;
  return { start, end };
}

export interface Completion {
  readonly matches: string[];
  /** Offsets (UTF-16) of the text the matches replace. */
  readonly start: number;
  readonly end: number;
}

const ITEM_KEYWORDS = ["machine", "cpus", "kernel", "policy", "buffer", "vmalloc", "boot", "expect", "show", "chart", "compare", "sweep", "run", "print", "load"];
const BLOCK_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  machine: ["granule", "va_bits", "pa_bits", "memory", "nomap", "image"],
  cpus: ["cpu"],
  kernel: ["version", "policy", "cmdline", "realm", "config", "swiotlb", "kaslr", "alias"],
  boot: ["at", "before", "after", "move", "online", "hotplug"],
};

/** Buffer and vmalloc names declared in `text` (even if the text does not fully parse). */
export function declaredNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;{])(?:buffer|vmalloc)\s+([A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*)/g)) names.push(m[1]!);
  return names;
}

/**
 * What may come at the cursor, from the tokens before it: the enclosing block (by braces),
 * whether the word starts a statement (after `{`, `;` or a line break), and the tokens
 * before it on its line. The language is small and line-oriented, so this covers every
 * construct.
 */
function candidatesAt(text: string, start: number, known: readonly string[]): string[] {
  const tokens = linmapLexer.tokenize(text.slice(0, start)).tokens;
  const stack: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.image;
    const before = i > 0 ? tokens[i - 1]!.image : "";
    // `policy NAME from BASE {`: the brace follows the base version, three tokens after `policy`.
    const policyHeader = i >= 4 && tokens[i - 4]!.image === "policy" && tokens[i - 2]!.image === "from";
    if (t === "{") stack.push(policyHeader ? "policy" : /^(machine|cpus|kernel|boot)$/.test(before) ? before : "calls");
    else if (t === "}") stack.pop();
  }
  const block = stack[stack.length - 1];
  const prev = tokens[tokens.length - 1];
  const newline = prev ? text.slice(prev.startOffset + prev.image.length, start).includes("\n") : true;
  if (!prev || newline || prev.image === "{" || prev.image === ";" || prev.image === "}") {
    if (block === undefined) return ITEM_KEYWORDS;
    if (block === "calls") return callNames();
    if (block === "policy") return POLICY_SETTINGS.map((s) => s.name);
    return [...(BLOCK_KEYWORDS[block] ?? [])];
  }
  const p = prev.image;
  const line = tokens.filter((t) => !text.slice(t.startOffset, start).includes("\n"));
  const first = line[0]?.image;
  if (p === "at" || p === "before" || p === "after" || p === "to") return BOOT_STEPS.map((x) => x.name);
  if (p === ":" && (first === "at" || first === "before" || first === "after" || block === "boot")) return callNames();
  if (block === "policy" && line.length === 1) return findPolicySetting(p)?.values.map((v) => v.value) ?? [];
  if (p === "from" || p === "version" || (p === "policy" && block === "kernel") || p === "compare" || p === "run" || (p === "," && first === "compare")) return KERNEL_VERSIONS.map((v) => v.name);
  if (p === "show" || (p === "," && first === "show")) return SHOW_VIEWS.map((v) => v.name);
  if (p === "chart") return CHART_KINDS.map((c) => c.name);
  if (p === "is" || (p === "," && line.some((t) => t.image === "is"))) return RANGE_ATTRIBUTES.map((a) => a.name);
  if (p === "config") return KCONFIG_SWITCHES.map((k) => k.name);
  if (p === "sweep" || p === "by") return [...SWEEP_AXES.map((a) => a.name), ...known];
  if (p === "==" || p === "returns") return ERRNOS.map((e) => e.name);
  if (p === "expect") return ["pagetables", "warns", ...known, ...callNames()];
  if (p === "move") return ["swiotlb_update_mem_attributes"];
  if (p === "online" || p === "hotplug") return ["cpu"];
  if (block === "cpus" && line.some((t) => t.image === "cpu")) return [...MIDRS.map((m) => m.name), ...cpuFeatureNames(), "boot", "late"];
  if (findCall(p)) return [...known];
  return [];
}

/** Completions at `offset` (a UTF-16 index into `text`). */
export function completeAt(text: string, offset: number, knownNames: readonly string[] = []): Completion {
  const { start, end } = wordBounds(text, Math.max(0, Math.min(offset, text.length)));
  const prefix = text.slice(start, offset).toLowerCase();
  const known = [...new Set([...knownNames, ...declaredNames(text)])];
  const matches = [...new Set(candidatesAt(text, start, known))].filter((c) => c.toLowerCase().startsWith(prefix)).sort();
  return { matches, start, end };
}

export type CompletenessStatus = "complete" | "incomplete" | "invalid";

/** Whether a cell is complete: an unclosed block or a trailing `at STEP:` waits for more. */
export function isComplete(text: string): { status: CompletenessStatus; indent?: string } {
  const { diagnostics } = parseScenario(text, "<cell>");
  if (diagnostics.length === 0) return { status: "complete" };
  const atEnd = diagnostics.every((d) => d.code !== "SYNTAX-INVALID-CHARACTER" && d.message.includes("end of input"));
  if (!atEnd) return { status: "invalid" };
  let depth = 0;
  for (const t of linmapLexer.tokenize(text).tokens) {
    if (t.image === "{") depth++;
    else if (t.image === "}") depth = Math.max(0, depth - 1);
  }
  return { status: "incomplete", indent: "  ".repeat(depth) };
}

export interface Inspection {
  readonly found: boolean;
  readonly markdown: string;
  readonly plain: string;
}

const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  machine: "`machine { granule 4K; va_bits 48; pa_bits 48; memory BASE size S; nomap BASE size S; image at A text S init S data S }`: the machine.",
  cpus: "`cpus { cpu 0..7 MIDR [rNpM] [boot] [late] }`: the CPUs, by MIDR name or feature (`bbml2_noabort`, `mte`).",
  kernel: "`kernel { version V; cmdline \"...\"; realm; config NAME=VALUE; swiotlb SIZE; kaslr seed N; alias _stext|_text }`: the kernel.",
  buffer: "`buffer NAME [at ADDR] size S [align A]`: a named physical range, fixed or placed by the simulated allocator.",
  vmalloc: "`vmalloc NAME size S`: a vmalloc area whose backing pages come from the buddy allocator.",
  boot: "`boot { at|before|after STEP: CALL TARGET [ARG] [on cpu N]; move CALL to STEP; online cpu N at STEP; hotplug cpu N after STEP }`.",
  expect: "`expect CALL TARGET [at STEP] == RC`, `expect TARGET leaf SIZE`, `expect TARGET is ATTR, ...`, `expect pagetables N`, `expect warns N`.",
  show: "`show calls, trace, ptdump [RANGE], stats`: views of the result.",
  chart: "`chart map|timeline|pagetables|compare [RANGE] [after STEP]`.",
  compare: "`compare V1, V2, ...`: the scenario under several kernels.",
  sweep: "`sweep AXIS V1, V2 [by AXIS ...]`: the scenario over parameter values.",
  run: "`run [VERSION]`: simulate the scenario built so far.",
  print: "`print \"text\"`: print a line.",
};

function entry(title: string, body: string): Inspection {
  return { found: true, markdown: `**${title}**\n\n${body}`, plain: `${title}\n\n${body.replace(/`/g, "")}` };
}

/** Documentation of the word at `offset`, from the catalogues. */
export function inspectAt(text: string, offset: number): Inspection {
  const { start, end } = wordBounds(text, Math.max(0, Math.min(offset, text.length)));
  const w = text.slice(start, end);
  const step = findBootStep(w);
  if (step) {
    const i = BOOT_STEPS.indexOf(step);
    return entry(`${step.name} (boot step ${i + 1} of ${BOOT_STEPS.length}, in ${step.caller}())`, step.doc);
  }
  const call = findCall(w);
  if (call) return entry(call.signature, `${call.doc}\n\nTarget: ${call.target}${call.argument ? `, then ${call.argument} (0 or 1)` : ""}.`);
  const midr = findMidr(w);
  if (midr) return entry(`${midr.name} (${midr.macro}, implementer 0x${midr.implementer.toString(16)}, part 0x${midr.partNum.toString(16)})`, midr.doc);
  const feature = findCpuFeature(w);
  if (feature) return entry(`${feature.name} (${feature.capability})`, feature.doc);
  const version = findKernelVersion(w);
  if (version) {
    const p = POLICIES.find((x) => x.id === version.policy)!;
    return entry(`${version.name}: policy (${p.id}) ${p.title}`, `${version.doc}\n\n${p.doc}`);
  }
  const option = CMDLINE_OPTIONS.find((o) => o.name === w);
  if (option) return entry(`${option.name}= (command line)`, option.doc);
  const kconfig = KCONFIG_SWITCHES.find((k) => k.name === w);
  if (kconfig) return entry(`CONFIG_${kconfig.name} (default ${kconfig.default})`, kconfig.doc);
  const attribute = RANGE_ATTRIBUTES.find((a) => a.name === w);
  if (attribute) return entry(`${attribute.name} (attribute)`, attribute.doc);
  const errno = ERRNOS.find((e) => e.name === w);
  if (errno) return entry(`${errno.name} (${errno.value})`, errno.doc);
  if (KEYWORD_DOCS[w]) return entry(w, KEYWORD_DOCS[w]!);
  return { found: false, markdown: "", plain: "" };
}

export type TokenCategory = "keyword" | "call" | "step" | "name" | "number" | "string" | "comment" | "version" | "errno" | "operator";

export interface HighlightSpan {
  readonly start: number;
  readonly end: number;
  readonly category: TokenCategory;
}

/** Token spans for syntax highlighting (reports, front ends), from the language's own lexer. */
export function highlightTokens(text: string): HighlightSpan[] {
  const lexed = linmapLexer.tokenize(text);
  const spans: HighlightSpan[] = [];
  const all = [...lexed.tokens, ...((lexed.groups["comments"] ?? []) as typeof lexed.tokens)].sort((a, b) => a.startOffset - b.startOffset);
  for (const t of all) {
    const name = t.tokenType.name;
    const image = t.image;
    let category: TokenCategory;
    if (name === "Comment") category = "comment";
    else if (name === "StringLiteral") category = "string";
    else if (name === "HexLiteral" || name === "SizeLiteral" || name === "DecimalLiteral" || name === "RevisionLiteral") category = "number";
    else if (name === "VersionLiteral" || findKernelVersion(image)) category = "version";
    else if (name === "ErrnoLiteral") category = "errno";
    else if (name === "Identifier") category = findCall(image) ? "call" : findBootStep(image) ? "step" : "name";
    else if (/^[A-Z]/.test(name) && /^[a-z_]+$/.test(image)) category = "keyword";
    else category = "operator";
    spans.push({ start: t.startOffset, end: t.startOffset + image.length, category });
  }
  return spans;
}
