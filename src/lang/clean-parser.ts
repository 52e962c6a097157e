// The parser of clean text: the grammar of ./parser.ts rule for rule, by recursive descent
// over the scanner of ./clean-lexer.ts, building the AST as it goes. Text with nothing to
// report (nearly every text that is run) takes this way; at the first syntax error it
// stops, and ./parse.ts parses the text again with LinmapParser, whose error recovery and
// partial trees give the diagnostics and the editor's view of broken text.
//
// Why a second parser: for a 100,000-line scenario, Chevrotain's CST cost about 2 KB a line
// and most of the parse, its tokens as objects a third of the rest, and its engine (rule
// calls, lookahead functions, option closures) most of what remained; this one allocates the
// AST and nothing else.
//
// It must take exactly the texts LinmapParser takes without an error, and give the tree
// ./to-ast.ts gives. Each decision below is the one Chevrotain computes for the same rule:
// one token of lookahead, the first alternative that matches, an OPTION or MANY entered as
// soon as its first token is seen (never for what may follow the rule); the three decisions
// that need two tokens say so. test/lang/clean-path.test.ts holds the two together: the
// grammar LinmapParser records has the fingerprint this file was written against (a change
// to the grammar fails there until this file follows it), and on every scenario of the
// repository and on random texts the AST here is the one recovery gives, key order included.
import type { TokenType } from "chevrotain";
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { AstNodes, stringValue } from "./ast-nodes.js";
import { Scanner } from "./clean-lexer.js";
import type { LineTable } from "./line-table.js";

type Num = A.NumberLiteral;
type PageIndex = { readonly pages: { readonly first: Num; readonly end?: Num }; readonly closingEnd: number };

/** Thrown at the first token the grammar does not allow there: the text is not clean. */
const NOT_CLEAN = new Error("not clean text");

/** Token-type sets, by tokenTypeIdx. */
function set(...types: readonly TokenType[]): boolean[] {
  const out: boolean[] = [];
  for (const t of types) out[t.tokenTypeIdx!] = true;
  return out;
}

const NAME_START = set(T.Identifier, ...T.SOFT_KEYWORDS);
const ADDRESS = set(T.HexLiteral, T.DecimalLiteral);
const SIZE_VALUE = set(T.SizeLiteral, T.HexLiteral, T.DecimalLiteral);
const REGION_START = set(T.LBracket, T.HexLiteral, T.DecimalLiteral);
const TARGET_START = set(T.Identifier, ...T.SOFT_KEYWORDS, T.LBracket, T.HexLiteral, T.DecimalLiteral);
const STEP_REF = set(T.At, T.Before, T.After);
const ITEM_START = set(T.Machine, T.Cpus, T.Kernel, T.Policy, T.Buffer, T.Vmalloc, T.Boot, T.Expect, T.Show, T.Chart, T.Compare, T.Sweep, T.Run, T.Print, T.Load, T.Semicolon);
const MACHINE_STATEMENT = set(T.Granule, T.VaBits, T.PaBits, T.Memory, T.Nomap, T.Image);
const CPU_STATEMENT = set(T.Cpu);
const IDENTIFIER = set(T.Identifier);
const BOOT_STATEMENT = set(T.At, T.Before, T.After, T.Move, T.Online, T.Hotplug);
const KERNEL_STATEMENT = set(T.Version, T.Policy, T.Cmdline, T.Realm, T.Config, T.Swiotlb, T.Kaslr, T.Alias);
const EXPECTATION_START = set(T.Pagetables, T.Warns, T.LBracket, T.HexLiteral, T.DecimalLiteral, T.Identifier, ...T.SOFT_KEYWORDS);
const CPU_TRAIT = set(T.Identifier, T.RevisionLiteral, T.Boot, T.Late);
const SWEEP_VALUE = set(T.VersionLiteral, T.Identifier, T.SizeLiteral, T.HexLiteral, T.DecimalLiteral, T.On);

function isIn(types: boolean[], t: TokenType | undefined): boolean {
  return t !== undefined && types[t.tokenTypeIdx!] === true;
}

function relationOf(t: TokenType): A.StepRelation {
  return t === T.Before ? "before" : t === T.After ? "after" : "at";
}

class CleanParser {
  private readonly scanner: Scanner;
  private readonly nodes: AstNodes;
  readonly items: A.TopLevelItem[] = [];
  readonly comments: A.CommentNode[] = [];

  // The lookahead: the next token (LA(1)) and the one after it (LA(2)).
  private t1: TokenType | undefined;
  private s1 = 0;
  private e1 = 0;
  private t2: TokenType | undefined;
  private s2 = 0;
  private e2 = 0;
  /** Start and end of the last token consumed (LA(0)). */
  private s0 = 0;
  private e0 = 0;

  constructor(
    private readonly text: string,
    source: string,
    lines: LineTable,
  ) {
    this.nodes = new AstNodes(source, lines);
    this.scanner = new Scanner(text, (start, end) => this.comments.push({ text: text.slice(start, end), range: this.nodes.span(start, end) }));
    this.scanner.next();
    this.shift();
    this.shift();
  }

  /** Moves the lookahead on by one token. */
  private shift(): void {
    this.t1 = this.t2;
    this.s1 = this.s2;
    this.e1 = this.e2;
    const s = this.scanner;
    this.t2 = s.type;
    this.s2 = s.start;
    this.e2 = s.end;
    if (s.type) s.next();
  }

  /** Consumes the next token, which must be of type `t`; returns its start offset. */
  private eat(t: TokenType): number {
    if (this.t1 !== t) throw NOT_CLEAN;
    this.s0 = this.s1;
    this.e0 = this.e1;
    this.shift();
    return this.s0;
  }

  /** Consumes the next token, which must be one of `types`; returns its type. */
  private eatOneOf(types: boolean[]): TokenType {
    const t = this.t1;
    if (!isIn(types, t)) throw NOT_CLEAN;
    this.eat(t!);
    return t!;
  }

  private is(t: TokenType): boolean {
    return this.t1 === t;
  }

  /** The text of the last token consumed. */
  private image(): string {
    return this.text.slice(this.s0, this.e0);
  }

  /** From offset `start` to the end of the last token consumed. */
  private from(start: number): A.SourceRange {
    return this.nodes.span(start, this.e0);
  }

  private lastName(): A.Name {
    return this.nodes.nameAt(this.image(), this.s0);
  }

  private lastNumber(): Num {
    // A number token's text is always a number (numbers.ts reads every literal tokens.ts lexes).
    return this.nodes.numberAt(this.image(), this.s0)!;
  }

  /** parser.ts `onSameLine`: no line break between the last token consumed and the next. */
  private onSameLine(): boolean {
    if (this.t1 === undefined) return false;
    for (let i = this.e0; i < this.s1; i++) if (this.text.charCodeAt(i) === 0x0a) return false;
    return true;
  }

  /**
   * `{ statement* }` with optional `;` between statements (every block of the grammar):
   * `starts` is the set of tokens a statement begins with. Appends to `into`, and returns it.
   */
  private braced<S>(starts: boolean[], statement: () => S, into: S[] = []): S[] {
    this.eat(T.LCurly);
    for (;;) {
      if (isIn(starts, this.t1)) into.push(statement());
      else if (this.is(T.Semicolon)) this.eat(T.Semicolon);
      else break;
    }
    this.eat(T.RCurly);
    return into;
  }

  // ---- scenario and items ---------------------------------------------------------------

  scenario(): void {
    while (isIn(ITEM_START, this.t1)) this.item();
    if (this.t1 !== undefined || this.scanner.failed) throw NOT_CLEAN;
  }

  private item(): void {
    const items = this.items;
    switch (this.t1) {
      case T.Machine: return void items.push(this.machineBlock());
      case T.Cpus: return void items.push(this.cpusBlock());
      case T.Kernel: return void items.push(this.kernelBlock());
      case T.Policy: return void items.push(this.policyDefinition());
      case T.Buffer: return void items.push(this.bufferDeclaration());
      case T.Vmalloc: return void items.push(this.vmallocDeclaration());
      case T.Boot: return void items.push(this.bootBlock());
      case T.Expect: return this.expectItem();
      case T.Show: return void items.push(this.showItem());
      case T.Chart: return void items.push(this.chartItem());
      case T.Compare: return void items.push(this.compareItem());
      case T.Sweep: return void items.push(this.sweepItem());
      case T.Run: return void items.push(this.runItem());
      case T.Print: return void items.push(this.printItem());
      case T.Load: return void items.push(this.loadItem());
      default: this.eat(T.Semicolon);
    }
  }

  // ---- literals and references --------------------------------------------------------

  private address(): Num {
    this.eatOneOf(ADDRESS);
    return this.lastNumber();
  }

  private sizeValue(): Num {
    this.eatOneOf(SIZE_VALUE);
    return this.lastNumber();
  }

  private region(): A.Region {
    const start = this.s1;
    if (this.is(T.LBracket)) {
      this.eat(T.LBracket);
      const first = this.address();
      this.eat(T.DotDot);
      const end = this.address();
      this.eat(T.RParen);
      return { kind: "bounds", start: first, end, range: this.from(start) };
    }
    const base = this.address();
    this.eat(T.Size);
    const size = this.sizeValue();
    return { kind: "sized", start: base, size, range: this.from(start) };
  }

  private name(): A.Name {
    this.eatOneOf(NAME_START);
    return this.lastName();
  }

  private versionName(): A.Name {
    if (this.is(T.VersionLiteral)) this.eat(T.VersionLiteral);
    else this.eat(T.Identifier);
    return this.lastName();
  }

  private pageIndex(): PageIndex {
    this.eat(T.IndexOpen);
    this.eat(T.DecimalLiteral);
    const first = this.lastNumber();
    if (this.is(T.RBracket)) {
      this.eat(T.RBracket);
      return { pages: { first }, closingEnd: this.e0 };
    }
    this.eat(T.DotDot);
    this.eat(T.DecimalLiteral);
    const end = this.lastNumber();
    this.eat(T.RParen);
    return { pages: { first, end }, closingEnd: this.e0 };
  }

  /** A buffer target: the name, with the pages the index after it gives (to-ast.ts `bufferTarget`). */
  private bufferTarget(name: A.Name, nameStart: number, index: PageIndex | undefined): A.Target {
    if (!index) return { kind: "buffer", name, range: name.range };
    const range = this.nodes.span(nameStart, index.closingEnd);
    return { kind: "buffer", name, pages: index.pages, range };
  }

  private target(): A.Target {
    if (isIn(NAME_START, this.t1)) {
      const nameStart = this.s1;
      const name = this.name();
      return this.bufferTarget(name, nameStart, this.is(T.IndexOpen) ? this.pageIndex() : undefined);
    }
    if (!isIn(REGION_START, this.t1)) throw NOT_CLEAN;
    const region = this.region();
    return { kind: "region", region, range: region.range };
  }

  private stepRef(): A.StepRef {
    const start = this.s1;
    const relation = relationOf(this.eatOneOf(STEP_REF));
    this.eat(T.Identifier);
    const step = this.lastName();
    return { kind: "step-ref", relation, step, range: this.from(start) };
  }

  /** `0..7`, or the kernel's cpulist form `0-7`: both inclusive. */
  private cpuIds(): { first: Num; last?: Num } {
    this.eat(T.DecimalLiteral);
    const first = this.lastNumber();
    if (!this.is(T.DotDot) && !this.is(T.Dash)) return { first };
    this.eat(this.t1!);
    this.eat(T.DecimalLiteral);
    return { first, last: this.lastNumber() };
  }

  // ---- machine --------------------------------------------------------------------------

  private machineBlock(): A.MachineBlock {
    const start = this.eat(T.Machine);
    const statements = this.braced(MACHINE_STATEMENT, () => this.machineStatement());
    return { kind: "machine", statements, range: this.from(start) };
  }

  private machineStatement(): A.MachineStatement {
    const start = this.s1;
    switch (this.t1) {
      case T.Granule: {
        this.eat(T.Granule);
        const size = this.sizeValue();
        return { kind: "granule", size, range: this.from(start) };
      }
      case T.VaBits:
      case T.PaBits: {
        const kind = this.t1 === T.VaBits ? "va-bits" : "pa-bits";
        this.eat(this.t1);
        this.eat(T.DecimalLiteral);
        const bits = this.lastNumber();
        return { kind, bits, range: this.from(start) };
      }
      case T.Memory:
      case T.Nomap: {
        const kind = this.t1 === T.Memory ? "memory" : "nomap";
        this.eat(this.t1);
        const region = this.region();
        return { kind, region, range: this.from(start) };
      }
      default: {
        this.eat(T.Image);
        const at = this.is(T.At) ? (this.eat(T.At), this.address()) : undefined;
        const text = this.is(T.Text) ? (this.eat(T.Text), this.sizeValue()) : undefined;
        const init = this.is(T.Init) ? (this.eat(T.Init), this.sizeValue()) : undefined;
        const data = this.is(T.Data) ? (this.eat(T.Data), this.sizeValue()) : undefined;
        return { kind: "image", ...(at ? { at } : {}), ...(text ? { text } : {}), ...(init ? { init } : {}), ...(data ? { data } : {}), range: this.from(start) };
      }
    }
  }

  // ---- cpus -----------------------------------------------------------------------------

  private cpusBlock(): A.CpusBlock {
    const start = this.eat(T.Cpus);
    const statements = this.braced(CPU_STATEMENT, () => this.cpuStatement());
    return { kind: "cpus", statements, range: this.from(start) };
  }

  private cpuStatement(): A.CpuStatement {
    const start = this.eat(T.Cpu);
    const ids = this.cpuIds();
    const traits: A.Name[] = [];
    let revision: A.CpuStatement["revision"];
    let boot = false;
    let late = false;
    while (isIn(CPU_TRAIT, this.t1)) {
      const t = this.eatOneOf(CPU_TRAIT);
      if (t === T.Identifier) traits.push(this.lastName());
      // The first revision written is the one (to-ast.ts).
      else if (t === T.RevisionLiteral) revision ??= this.nodes.revisionAt(this.image(), this.s0);
      else if (t === T.Boot) boot = true;
      else late = true;
    }
    return this.nodes.cpu(ids, traits, revision, boot, late, this.from(start));
  }

  // ---- kernel ---------------------------------------------------------------------------

  private kernelBlock(): A.KernelBlock {
    const start = this.eat(T.Kernel);
    const statements = this.braced(KERNEL_STATEMENT, () => this.kernelStatement());
    return { kind: "kernel", statements, range: this.from(start) };
  }

  private kernelStatement(): A.KernelStatement {
    const start = this.s1;
    switch (this.t1) {
      case T.Version:
      case T.Policy: {
        this.eat(this.t1);
        const version = this.versionName();
        return { kind: "version", version, range: this.from(start) };
      }
      case T.Cmdline: {
        this.eat(T.Cmdline);
        this.eat(T.StringLiteral);
        const image = this.image();
        return { kind: "cmdline", text: stringValue(image), options: this.nodes.cmdlineWordsAt(image, this.s0), range: this.from(start) };
      }
      case T.Realm:
        this.eat(T.Realm);
        return { kind: "realm", range: this.from(start) };
      case T.Config: {
        this.eat(T.Config);
        this.eat(T.Identifier);
        const option = this.lastName();
        this.eat(T.Equals);
        const value = this.is(T.Identifier) ? (this.eat(T.Identifier), this.lastName()) : this.address();
        return { kind: "config", option, value, range: this.from(start) };
      }
      case T.Swiotlb: {
        this.eat(T.Swiotlb);
        const size = this.sizeValue();
        return { kind: "swiotlb", size, range: this.from(start) };
      }
      case T.Kaslr: {
        this.eat(T.Kaslr);
        this.eat(T.Seed);
        const seed = this.address();
        return { kind: "kaslr-seed", seed, range: this.from(start) };
      }
      default: {
        this.eat(T.Alias);
        this.eat(T.Identifier);
        return { kind: "alias", start: this.lastName(), range: this.from(start) };
      }
    }
  }

  // ---- policies -------------------------------------------------------------------------

  private policyDefinition(): A.PolicyDefinition {
    const start = this.eat(T.Policy);
    this.eat(T.Identifier);
    const name = this.lastName();
    this.eat(T.From);
    const base = this.versionName();
    const settings = this.braced(IDENTIFIER, () => this.policySetting());
    return { kind: "policy", name, base, settings, range: this.from(start) };
  }

  private policySetting(): A.PolicySettingStatement {
    const start = this.eat(T.Identifier);
    const name = this.lastName();
    if (this.t1 !== T.Identifier && this.t1 !== T.On && this.t1 !== T.DecimalLiteral && this.t1 !== T.VersionLiteral) throw NOT_CLEAN;
    this.eat(this.t1);
    return { name, value: this.lastName(), range: this.from(start) };
  }

  // ---- buffers --------------------------------------------------------------------------

  /** `buffer b at X size S` or `buffer b size S at X`. */
  private bufferDeclaration(): A.BufferDeclaration {
    const start = this.eat(T.Buffer);
    const name = this.name();
    let at: Num | undefined;
    let size: Num;
    if (this.is(T.At)) {
      this.eat(T.At);
      at = this.address();
      this.eat(T.Size);
      size = this.sizeValue();
    } else {
      this.eat(T.Size);
      size = this.sizeValue();
      if (this.is(T.At)) {
        this.eat(T.At);
        at = this.address();
      }
    }
    const align = this.is(T.Align) ? (this.eat(T.Align), this.sizeValue()) : undefined;
    const range = this.from(start);
    // Without spreads in the usual shapes (a spread costs several times the literal, and this
    // runs for every declaration); the keys in the order to-ast.ts gives them.
    if (!align) return at ? { kind: "buffer", name, at, size, range } : { kind: "buffer", name, size, range };
    return { kind: "buffer", name, ...(at ? { at } : {}), size, align, range };
  }

  private vmallocDeclaration(): A.VmallocDeclaration {
    const start = this.eat(T.Vmalloc);
    const name = this.name();
    const before = this.is(T.At) ? (this.eat(T.At), this.address()) : undefined;
    this.eat(T.Size);
    const size = this.sizeValue();
    const after = this.is(T.At) ? (this.eat(T.At), this.address()) : undefined;
    // Written twice, the first counts (to-ast.ts reads the first `address` child).
    const at = before ?? after;
    const range = this.from(start);
    return at ? { kind: "vmalloc", name, at, size, range } : { kind: "vmalloc", name, size, range };
  }

  // ---- boot -----------------------------------------------------------------------------

  private bootBlock(): A.BootBlock {
    const start = this.eat(T.Boot);
    const statements = this.braced(BOOT_STATEMENT, () => this.bootStatement());
    return { kind: "boot", statements, range: this.from(start) };
  }

  private bootStatement(): A.BootStatement {
    if (isIn(STEP_REF, this.t1)) return this.callsAt();
    if (this.is(T.Move)) return this.moveStatement();
    return this.cpuEvent();
  }

  private callsAt(): A.BootStatement {
    const start = this.s1;
    const when = this.stepRef();
    let calls: A.CallStatement[];
    if (this.is(T.Colon)) {
      this.eat(T.Colon);
      calls = [this.callStatement()];
    } else calls = this.braced(IDENTIFIER, () => this.callStatement());
    return { kind: "calls-at", when, calls, range: this.from(start) };
  }

  /** A call ends at the end of its line (parser.ts). */
  private callStatement(): A.CallStatement {
    const start = this.eat(T.Identifier);
    const name = this.lastName();
    // Two tokens here: `call 4096 size 4K` is a target, `call 4096` an argument.
    const target =
      this.onSameLine() && (isIn(NAME_START, this.t1) || this.is(T.LBracket) || this.is(T.HexLiteral) || (this.is(T.DecimalLiteral) && this.t2 === T.Size)) ? this.target() : undefined;
    const argument = this.onSameLine() && this.is(T.DecimalLiteral) ? (this.eat(T.DecimalLiteral), this.lastNumber()) : undefined;
    let cpu: Num | undefined;
    if (this.onSameLine() && this.is(T.On)) {
      this.eat(T.On);
      this.eat(T.Cpu);
      this.eat(T.DecimalLiteral);
      cpu = this.lastNumber();
    }
    const range = this.from(start);
    // The usual shapes as plain literals (see bufferDeclaration).
    if (!cpu) {
      if (target && argument) return { kind: "call", call: name, target, argument, range };
      if (target) return { kind: "call", call: name, target, range };
      if (!argument) return { kind: "call", call: name, range };
    }
    return { kind: "call", call: name, ...(target ? { target } : {}), ...(argument ? { argument } : {}), ...(cpu ? { cpu } : {}), range };
  }

  private moveStatement(): A.BootStatement {
    const start = this.eat(T.Move);
    this.eat(T.Identifier);
    const call = this.lastName();
    const rel = this.t1;
    if (rel !== T.To && rel !== T.Before && rel !== T.After) throw NOT_CLEAN;
    const relStart = this.eat(rel);
    const relation = relationOf(rel);
    this.eat(T.Identifier);
    const step = this.lastName();
    return { kind: "move", call, when: { kind: "step-ref", relation, step, range: this.from(relStart) }, range: this.from(start) };
  }

  private cpuEvent(): A.BootStatement {
    const start = this.s1;
    const event = this.is(T.Hotplug) ? "hotplug" : "online";
    this.eat(this.t1!);
    this.eat(T.Cpu);
    const ids = this.cpuIds();
    const when = this.stepRef();
    return { kind: "cpu-event", event, first: ids.first, ...(ids.last ? { last: ids.last } : {}), when, range: this.from(start) };
  }

  // ---- expectations ---------------------------------------------------------------------

  /** One item per expectation: `expect under V { A; B }` gives two, each scoped to V (to-ast.ts `expectItems`). */
  private expectItem(): void {
    const start = this.eat(T.Expect);
    const made: Made[] = [];
    let under: A.Name[] | undefined;
    let block = false;
    if (this.is(T.Under)) {
      this.eat(T.Under);
      under = [this.versionName()];
      while (this.is(T.Comma)) {
        this.eat(T.Comma);
        under.push(this.versionName());
      }
      if (this.is(T.Colon)) {
        this.eat(T.Colon);
        made.push(this.expectation());
      } else {
        block = true;
        this.braced(EXPECTATION_START, () => this.expectation(), made);
      }
    } else {
      if (!isIn(EXPECTATION_START, this.t1)) throw NOT_CLEAN;
      made.push(this.expectation());
    }
    const whole = this.from(start);
    for (const m of made) {
      // A lone expectation spans the whole item (`expect` included); one in a block spans itself.
      const range = under && block ? m.range : whole;
      if (m.kind === "expect-ptdump") this.items.push({ ...m.item, range });
      else if (m.expectation) this.items.push({ kind: "expect", expectation: m.expectation, ...(under ? { under } : {}), range });
    }
  }

  private expectation(): Made {
    const start = this.s1;
    const t = this.t1;
    if (t === T.Pagetables || t === T.Warns) {
      this.eat(t);
      this.eat(T.DecimalLiteral);
      const count = this.lastNumber();
      const when = isIn(STEP_REF, this.t1) ? this.stepRef() : undefined;
      const expectation: A.Expectation = t === T.Pagetables ? { kind: "pagetables", count, ...(when ? { when } : {}) } : { kind: "warns", count, ...(when ? { when } : {}) };
      return { kind: "expect", expectation, range: this.from(start) };
    }
    if (isIn(REGION_START, t)) {
      const region = this.region();
      const then = this.rangeExpectation();
      return { kind: "expect", expectation: then({ kind: "region", region, range: region.range }), range: this.from(start) };
    }
    // Two tokens here: `ptdump matches "dump.txt"` (the alternative's gate), else a subject name.
    if (t === T.Identifier && this.t2 === T.Matches) {
      this.eat(T.Identifier);
      const view = this.lastName();
      this.eat(T.Matches);
      this.eat(T.StringLiteral);
      const fileImage = this.image();
      const fileRange = this.from(this.s0);
      const region = isIn(REGION_START, this.t1) ? this.region() : undefined;
      const item: A.ExpectPtdumpItem = { kind: "expect-ptdump", view, file: stringValue(fileImage), fileRange, ...(region ? { region } : {}), range: this.from(start) };
      return { kind: "expect-ptdump", item, range: item.range };
    }
    const nameStart = this.s1;
    const name = this.name();
    const index = this.is(T.IndexOpen) ? this.pageIndex() : undefined;
    const then = this.is(T.Leaf) || this.is(T.Is) ? this.rangeExpectation() : this.callExpectation();
    return { kind: "expect", expectation: then(this.bufferTarget(name, nameStart, index)), range: this.from(start) };
  }

  private rangeExpectation(): (target: A.Target) => A.Expectation {
    let size: Num | undefined;
    const attributes: A.Name[] = [];
    if (this.is(T.Leaf)) {
      this.eat(T.Leaf);
      size = this.sizeValue();
    } else {
      this.eat(T.Is);
      this.eat(T.Identifier);
      attributes.push(this.lastName());
      while (this.is(T.Comma)) {
        this.eat(T.Comma);
        this.eat(T.Identifier);
        attributes.push(this.lastName());
      }
    }
    const when = isIn(STEP_REF, this.t1) ? this.stepRef() : undefined;
    return (target) =>
      size ? { kind: "leaf", target, size, ...(when ? { when } : {}) } : { kind: "attributes", target, attributes, ...(when ? { when } : {}) };
  }

  private callExpectation(): (subject: A.Target) => A.Expectation | undefined {
    const target = isIn(TARGET_START, this.t1) ? this.target() : undefined;
    const when = isIn(STEP_REF, this.t1) ? this.stepRef() : undefined;
    const outcomes: A.CallOutcome[] = [];
    if (this.is(T.EqualsEquals)) {
      this.eat(T.EqualsEquals);
      const start = this.s1;
      const value = this.returnCode();
      outcomes.push({ field: "returns", value, range: this.from(start) });
    } else {
      this.eat(T.Colon);
      outcomes.push(this.callOutcome());
      while (this.is(T.Comma)) {
        this.eat(T.Comma);
        outcomes.push(this.callOutcome());
      }
    }
    // `expect buf[0] == 0` has no call name: the parser accepts it, the AST cannot (to-ast.ts).
    return (subject) =>
      subject.kind !== "buffer" || subject.pages
        ? undefined
        : { kind: "call-result", call: subject.name, ...(target ? { target } : {}), ...(when ? { when } : {}), outcomes };
  }

  private returnCode(): A.NumberLiteral | A.Name {
    if (this.is(T.ErrnoLiteral)) {
      this.eat(T.ErrnoLiteral);
      return this.lastName();
    }
    this.eat(T.DecimalLiteral);
    return this.lastNumber();
  }

  private callOutcome(): A.CallOutcome {
    const start = this.s1;
    if (this.is(T.Returns)) {
      this.eat(T.Returns);
      const value = this.returnCode();
      return { field: "returns", value, range: this.from(start) };
    }
    const t = this.t1;
    const field: A.CallOutcomeField | undefined = t === T.Warns ? "warns" : t === T.Pages ? "pages" : t === T.Flushes ? "flushes" : t === T.Splits ? "splits" : undefined;
    if (!field) throw NOT_CLEAN;
    this.eat(t!);
    this.eat(T.DecimalLiteral);
    return { field, value: this.lastNumber(), range: this.from(start) };
  }

  // ---- output commands ------------------------------------------------------------------

  /** `show ptdump RANGE, stats`: one range for the item, the last one written (to-ast.ts). */
  private showItem(): A.ShowItem {
    const start = this.eat(T.Show);
    this.eat(T.Identifier);
    const views = [this.lastName()];
    let target = isIn(TARGET_START, this.t1) ? this.target() : undefined;
    while (this.is(T.Comma)) {
      this.eat(T.Comma);
      this.eat(T.Identifier);
      views.push(this.lastName());
      if (isIn(TARGET_START, this.t1)) target = this.target();
    }
    const when = isIn(STEP_REF, this.t1) ? this.stepRef() : undefined;
    return { kind: "show", views, ...(target ? { target } : {}), ...(when ? { when } : {}), range: this.from(start) };
  }

  private chartItem(): A.ChartItem {
    const start = this.eat(T.Chart);
    if (!this.is(T.Identifier) && !this.is(T.Pagetables) && !this.is(T.Compare)) throw NOT_CLEAN;
    this.eat(this.t1!);
    const chart = this.lastName();
    const target = isIn(TARGET_START, this.t1) ? this.target() : undefined;
    const when = isIn(STEP_REF, this.t1) ? this.stepRef() : undefined;
    return { kind: "chart", chart, ...(target ? { target } : {}), ...(when ? { when } : {}), range: this.from(start) };
  }

  private compareItem(): A.CompareItem {
    const start = this.eat(T.Compare);
    const versions = [this.versionName()];
    while (this.is(T.Comma)) {
      this.eat(T.Comma);
      versions.push(this.versionName());
    }
    return { kind: "compare", versions, range: this.from(start) };
  }

  private sweepItem(): A.SweepItem {
    const start = this.eat(T.Sweep);
    const axes = [this.sweepAxis()];
    while (this.is(T.By)) {
      this.eat(T.By);
      axes.push(this.sweepAxis());
    }
    return { kind: "sweep", axes, range: this.from(start) };
  }

  private sweepAxis(): A.SweepAxis {
    const start = this.s1;
    // `policy` starts a top-level item, so it is not a soft keyword: named here.
    const axis = this.is(T.Policy) ? (this.eat(T.Policy), this.lastName()) : this.name();
    const which = this.is(T.At) || this.is(T.Size) ? this.t1 : undefined;
    if (which) this.eat(which);
    const kind = { address: which === T.At, ...(which === T.Size ? { size: true } : {}) };
    // Two tokens here: `A..B step S` is a range of values, `A, B` a list.
    if (isIn(SIZE_VALUE, this.t1) && this.t2 === T.DotDot) {
      const span = this.sweepRange();
      return { axis, ...kind, values: [], span, range: this.from(start) };
    }
    const values = [this.sweepValue()];
    while (this.is(T.Comma)) {
      this.eat(T.Comma);
      values.push(this.sweepValue());
    }
    return { axis, ...kind, values, range: this.from(start) };
  }

  private sweepRange(): A.SweepSpan {
    const start = this.s1;
    const from = this.sizeValue();
    this.eat(T.DotDot);
    const to = this.sizeValue();
    this.eat(T.Step);
    const step = this.sizeValue();
    return { from, to, step, range: this.from(start) };
  }

  private sweepValue(): A.SweepValue {
    const t = this.eatOneOf(SWEEP_VALUE);
    return t === T.Identifier || t === T.VersionLiteral || t === T.On ? this.lastName() : this.lastNumber();
  }

  private runItem(): A.RunItem {
    const start = this.eat(T.Run);
    let version: A.Name | undefined;
    if (this.is(T.Policy) || this.is(T.Version) || this.is(T.VersionLiteral) || this.is(T.Identifier)) {
      if (this.is(T.Policy) || this.is(T.Version)) this.eat(this.t1!);
      version = this.versionName();
    }
    return { kind: "run", ...(version ? { version } : {}), range: this.from(start) };
  }

  private printItem(): A.PrintItem {
    const start = this.eat(T.Print);
    this.eat(T.StringLiteral);
    return { kind: "print", text: stringValue(this.image()), range: this.from(start) };
  }

  /** `load ptdump "dump.txt" as NAME`: a real dump to show beside the simulation. */
  private loadItem(): A.LoadItem {
    const start = this.eat(T.Load);
    this.eat(T.Identifier);
    const what = this.lastName();
    this.eat(T.StringLiteral);
    const file = stringValue(this.image());
    const fileRange = this.from(this.s0);
    this.eat(T.As);
    this.eat(T.Identifier);
    const name = this.lastName();
    return { kind: "load", what, file, fileRange, name, range: this.from(start) };
  }
}

/** What one expectation makes: an `expect` (its expectation; none for `expect buf[0] == 0`), or an `expect ptdump` item. */
type Made =
  | { readonly kind: "expect"; readonly expectation: A.Expectation | undefined; readonly range: A.SourceRange }
  | { readonly kind: "expect-ptdump"; readonly item: A.ExpectPtdumpItem; readonly range: A.SourceRange };

/** The items and comments of `text`, or undefined when it is not clean (see the top of this file). */
export function parseClean(text: string, source: string, lines: LineTable): { items: A.TopLevelItem[]; comments: A.CommentNode[] } | undefined {
  const parser = new CleanParser(text, source, lines);
  try {
    parser.scenario();
  } catch (e) {
    if (e === NOT_CLEAN) return undefined;
    throw e;
  }
  return { items: parser.items, comments: parser.comments };
}
