// The parser of clean text: the grammar of ./parser.ts rule for rule, building the AST as it
// goes instead of a CST, with error recovery off. Text without a syntax error (nearly every
// text that is run) takes this way: a CST costs about 2 KB a line to build and most of the
// parse's time, and CST → AST walks it again. At the first syntax error this parser stops,
// and ./parse.ts parses the text again with LinmapParser, whose recovery and partial trees
// give the diagnostics and the editor's view of broken text.
//
// Two tests keep the two the same language and the same tree (test/lang/clean-path.test.ts):
// the grammars recorded from both classes must be identical (rules, alternatives, labels,
// occurrence indices), and on every example and on random texts that parse cleanly the AST
// built here must be the one ./to-ast.ts builds, field for field and in the same key order.
// A change to the grammar is made in both files.
//
// The alternatives of each OR are built once and kept (see LinmapParser.alts), so an ALT
// never uses a variable of its rule (it would be the first call's): it returns what it
// parsed, and the rule builds from that. During Chevrotain's recording of the grammar (performSelfAnalysis) the rules run on
// placeholder tokens; `this.RECORDING_PHASE` guards the code that keeps their results.
import { EmbeddedActionsParser, type IOrAlt, type IToken } from "chevrotain";
import type * as A from "./ast.js";
import * as T from "./tokens.js";
import { AstNodes } from "./ast-nodes.js";
import { LineTable } from "./line-table.js";
import { VALIDATE_GRAMMAR, onSameLine } from "./parser.js";

type Num = A.NumberLiteral;
type Pages = { readonly first: Num; readonly end?: Num };
type PageIndex = { readonly pages: Pages; readonly closing: IToken };
type Subject = (target: A.Target) => A.Expectation | undefined;
/** What one expectation makes: an `expect` (its expectation; none for `expect buf[0] == 0`), or an `expect ptdump` item. */
type Made =
  | { readonly kind: "expect"; readonly expectation: A.Expectation | undefined; readonly range: A.SourceRange }
  | { readonly kind: "expect-ptdump"; readonly item: A.ExpectPtdumpItem };

export class CleanParser extends EmbeddedActionsParser {
  constructor() {
    super([...T.ALL_TOKENS], { recoveryEnabled: false, maxLookahead: 4, skipValidations: !VALIDATE_GRAMMAR });
    this.performSelfAnalysis();
  }

  private readonly alts: Record<string, IOrAlt<unknown>[]> = {};
  private readonly gated: Record<string, { GATE: () => boolean; DEF: () => unknown }> = {};

  sourceText = "";
  /** Makes the AST's leaves; set for each text (its source name and line table). */
  nodes = new AstNodes("", new LineTable(""));
  /** The items parsed so far, in text order. */
  items: A.TopLevelItem[] = [];

  private onSameLine(): boolean {
    return onSameLine(this.sourceText, this.LA(0), this.LA(1));
  }

  // The leaves, from ./ast-nodes.ts; nothing while recording (the tokens are placeholders).

  /** The range from token `first` to the last token consumed. */
  private from(first: IToken): A.SourceRange {
    return this.span(first, this.LA(0));
  }

  private span(first: IToken, last: IToken): A.SourceRange {
    return this.RECORDING_PHASE ? (undefined as never) : this.nodes.range(first, last);
  }

  private num(t: IToken): Num {
    // A number token's text is always a number (numbers.ts reads every literal tokens.ts lexes).
    return this.RECORDING_PHASE ? (undefined as never) : this.nodes.number(t)!;
  }

  private word(t: IToken): A.Name {
    return this.RECORDING_PHASE ? (undefined as never) : this.nodes.name(t);
  }

  private str(t: IToken): string {
    return this.RECORDING_PHASE ? "" : this.nodes.string(t);
  }

  private keep(item: A.TopLevelItem): void {
    if (!this.RECORDING_PHASE) this.items.push(item);
  }

  public scenario = this.RULE("scenario", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  private item = this.RULE("item", () => {
    this.OR((this.alts.item ??= [
      { ALT: () => this.keep(this.SUBRULE(this.machineBlock)) },
      { ALT: () => this.keep(this.SUBRULE(this.cpusBlock)) },
      { ALT: () => this.keep(this.SUBRULE(this.kernelBlock)) },
      { ALT: () => this.keep(this.SUBRULE(this.policyDefinition)) },
      { ALT: () => this.keep(this.SUBRULE(this.bufferDeclaration)) },
      { ALT: () => this.keep(this.SUBRULE(this.vmallocDeclaration)) },
      { ALT: () => this.keep(this.SUBRULE(this.bootBlock)) },
      // Keeps its items itself: `expect under V { A; B }` gives two.
      { ALT: () => this.SUBRULE(this.expectItem) },
      { ALT: () => this.keep(this.SUBRULE(this.showItem)) },
      { ALT: () => this.keep(this.SUBRULE(this.chartItem)) },
      { ALT: () => this.keep(this.SUBRULE(this.compareItem)) },
      { ALT: () => this.keep(this.SUBRULE(this.sweepItem)) },
      { ALT: () => this.keep(this.SUBRULE(this.runItem)) },
      { ALT: () => this.keep(this.SUBRULE(this.printItem)) },
      { ALT: () => this.keep(this.SUBRULE(this.loadItem)) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]));
  });

  // ---- literals and references --------------------------------------------------------

  private address = this.RULE("address", (): Num => {
    const t = this.OR((this.alts.address ??= [{ ALT: () => this.CONSUME(T.HexLiteral) }, { ALT: () => this.CONSUME(T.DecimalLiteral) }])) as IToken;
    return this.num(t);
  });

  private sizeValue = this.RULE("sizeValue", (): Num => {
    const t = this.OR((this.alts.sizeValue ??= [
      { ALT: () => this.CONSUME(T.SizeLiteral) },
      { ALT: () => this.CONSUME(T.HexLiteral) },
      { ALT: () => this.CONSUME(T.DecimalLiteral) },
    ])) as IToken;
    return this.num(t);
  });

  private region = this.RULE("region", (): A.Region => {
    return this.OR((this.alts.region ??= [
      {
        ALT: (): A.Region => {
          const first = this.LA(1);
          this.CONSUME(T.LBracket);
          const start = this.SUBRULE(this.address, { LABEL: "start" });
          this.CONSUME(T.DotDot);
          const end = this.SUBRULE2(this.address, { LABEL: "end" });
          this.CONSUME(T.RParen);
          return { kind: "bounds", start, end, range: this.from(first) };
        },
      },
      {
        ALT: (): A.Region => {
          const first = this.LA(1);
          const start = this.SUBRULE3(this.address, { LABEL: "base" });
          this.CONSUME(T.Size);
          const size = this.SUBRULE(this.sizeValue);
          return { kind: "sized", start, size, range: this.from(first) };
        },
      },
    ])) as A.Region;
  });

  private name = this.RULE("name", (): A.Name => {
    const t = this.OR((this.alts.name ??= [
      { ALT: () => this.CONSUME(T.Identifier) },
      ...T.SOFT_KEYWORDS.map((k) => ({ ALT: () => this.CONSUME(k) })),
    ])) as IToken;
    return this.word(t);
  });

  private versionName = this.RULE("versionName", (): A.Name => {
    const t = this.OR((this.alts.versionName ??= [{ ALT: () => this.CONSUME(T.VersionLiteral) }, { ALT: () => this.CONSUME(T.Identifier) }])) as IToken;
    return this.word(t);
  });

  /** `[i]` or `[i..j)` after a name: the pages, and the closing token (the target's range ends there). */
  private pageIndex = this.RULE("pageIndex", (): PageIndex => {
    this.CONSUME(T.IndexOpen);
    const first = this.CONSUME(T.DecimalLiteral, { LABEL: "first" });
    const end = this.OR((this.alts.pageIndex ??= [
      { ALT: () => ({ closing: this.CONSUME(T.RBracket) }) },
      {
        ALT: () => {
          this.CONSUME(T.DotDot);
          const last = this.CONSUME2(T.DecimalLiteral, { LABEL: "end" });
          return { closing: this.CONSUME(T.RParen), last };
        },
      },
    ])) as { closing: IToken; last?: IToken };
    return { pages: end.last ? { first: this.num(first), end: this.num(end.last) } : { first: this.num(first) }, closing: end.closing };
  });

  /** A buffer target: the name, with the pages the index after it gives (to-ast.ts `bufferTarget`). */
  private bufferTarget(name: A.Name, index: PageIndex | undefined): A.Target {
    if (!index) return { kind: "buffer", name, range: name.range };
    const range = { source: name.range.source, start: name.range.start, end: this.nodes.range(index.closing, index.closing).end };
    return { kind: "buffer", name, pages: index.pages, range };
  }

  private target = this.RULE("target", (): A.Target => {
    return this.OR((this.alts.target ??= [
      {
        ALT: () => {
          const name = this.SUBRULE(this.name);
          const index = this.OPTION(() => this.SUBRULE(this.pageIndex));
          return this.RECORDING_PHASE ? undefined : this.bufferTarget(name, index);
        },
      },
      {
        ALT: (): A.Target => {
          const region = this.SUBRULE(this.region);
          return { kind: "region", region, range: region.range };
        },
      },
    ])) as A.Target;
  });

  private stepRef = this.RULE("stepRef", (): A.StepRef => {
    const rel = this.OR((this.alts.stepRef ??= [
      { ALT: () => this.CONSUME(T.At) },
      { ALT: () => this.CONSUME(T.Before) },
      { ALT: () => this.CONSUME(T.After) },
    ])) as IToken;
    const step = this.CONSUME(T.Identifier, { LABEL: "step" });
    const relation: A.StepRelation = rel.tokenType === T.Before ? "before" : rel.tokenType === T.After ? "after" : "at";
    return { kind: "step-ref", relation, step: this.word(step), range: this.from(rel) };
  });

  // `0..7`, or the kernel's cpulist form `0-7`: both inclusive.
  private cpuIds = this.RULE("cpuIds", (): { first: Num; last?: Num } => {
    const first = this.CONSUME(T.DecimalLiteral, { LABEL: "first" });
    const last = this.OPTION(() => {
      this.OR((this.alts.cpuIds ??= [{ ALT: () => this.CONSUME(T.DotDot) }, { ALT: () => this.CONSUME(T.Dash) }]));
      return this.CONSUME2(T.DecimalLiteral, { LABEL: "last" });
    });
    return last ? { first: this.num(first), last: this.num(last) } : { first: this.num(first) };
  });

  // ---- machine --------------------------------------------------------------------------

  private machineBlock = this.RULE("machineBlock", (): A.MachineBlock => {
    const first = this.CONSUME(T.Machine);
    this.CONSUME(T.LCurly);
    const statements: A.MachineStatement[] = [];
    this.MANY(() => {
      const s = this.OR((this.alts.machineBlock ??= [
        { ALT: () => this.SUBRULE(this.machineStatement) },
        { ALT: () => void this.CONSUME(T.Semicolon) },
      ])) as A.MachineStatement | undefined;
      if (s && !this.RECORDING_PHASE) statements.push(s);
    });
    this.CONSUME(T.RCurly);
    return { kind: "machine", statements, range: this.from(first) };
  });

  private machineStatement = this.RULE("machineStatement", (): A.MachineStatement => {
    return this.OR((this.alts.machineStatement ??= [
      {
        ALT: (): A.MachineStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Granule);
          const size = this.SUBRULE(this.sizeValue);
          return { kind: "granule", size, range: this.from(first) };
        },
      },
      {
        ALT: (): A.MachineStatement => {
          const first = this.LA(1);
          this.CONSUME(T.VaBits);
          const bits = this.CONSUME(T.DecimalLiteral);
          return { kind: "va-bits", bits: this.num(bits), range: this.from(first) };
        },
      },
      {
        ALT: (): A.MachineStatement => {
          const first = this.LA(1);
          this.CONSUME(T.PaBits);
          const bits = this.CONSUME2(T.DecimalLiteral, { LABEL: "paBits" });
          return { kind: "pa-bits", bits: this.num(bits), range: this.from(first) };
        },
      },
      {
        ALT: (): A.MachineStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Memory);
          const region = this.SUBRULE(this.region);
          return { kind: "memory", region, range: this.from(first) };
        },
      },
      {
        ALT: (): A.MachineStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Nomap);
          const region = this.SUBRULE2(this.region);
          return { kind: "nomap", region, range: this.from(first) };
        },
      },
      {
        ALT: (): A.MachineStatement => {
          const first = this.LA(1);
          const image = this.SUBRULE(this.imageStatement);
          return { kind: "image", ...image, range: this.from(first) };
        },
      },
    ])) as A.MachineStatement;
  });

  private imageStatement = this.RULE("imageStatement", (): { at?: Num; text?: Num; init?: Num; data?: Num } => {
    this.CONSUME(T.Image);
    const at = this.OPTION(() => {
      this.CONSUME(T.At);
      return this.SUBRULE(this.address);
    });
    const text = this.OPTION2(() => {
      this.CONSUME(T.Text);
      return this.SUBRULE(this.sizeValue, { LABEL: "textSize" });
    });
    const init = this.OPTION3(() => {
      this.CONSUME(T.Init);
      return this.SUBRULE2(this.sizeValue, { LABEL: "initSize" });
    });
    const data = this.OPTION4(() => {
      this.CONSUME(T.Data);
      return this.SUBRULE3(this.sizeValue, { LABEL: "dataSize" });
    });
    return { ...(at ? { at } : {}), ...(text ? { text } : {}), ...(init ? { init } : {}), ...(data ? { data } : {}) };
  });

  // ---- cpus -----------------------------------------------------------------------------

  private cpusBlock = this.RULE("cpusBlock", (): A.CpusBlock => {
    const first = this.CONSUME(T.Cpus);
    this.CONSUME(T.LCurly);
    const statements: A.CpuStatement[] = [];
    this.MANY(() => {
      const s = this.OR((this.alts.cpusBlock ??= [
        { ALT: () => this.SUBRULE(this.cpuStatement) },
        { ALT: () => void this.CONSUME(T.Semicolon) },
      ])) as A.CpuStatement | undefined;
      if (s && !this.RECORDING_PHASE) statements.push(s);
    });
    this.CONSUME(T.RCurly);
    return { kind: "cpus", statements, range: this.from(first) };
  });

  private cpuStatement = this.RULE("cpuStatement", (): A.CpuStatement => {
    const first = this.CONSUME(T.Cpu);
    const ids = this.SUBRULE(this.cpuIds);
    const traits: A.Name[] = [];
    let revision: IToken | undefined;
    let boot = false;
    let late = false;
    this.MANY(() => {
      const t = this.OR((this.alts.cpuStatement ??= [
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: "trait" }) },
        { ALT: () => this.CONSUME(T.RevisionLiteral) },
        { ALT: () => this.CONSUME(T.Boot) },
        { ALT: () => this.CONSUME(T.Late) },
      ])) as IToken;
      if (t.tokenType === T.Identifier) traits.push(this.word(t));
      // The first revision written is the one (to-ast.ts).
      else if (t.tokenType === T.RevisionLiteral) revision ??= t;
      else if (t.tokenType === T.Boot) boot = true;
      else if (t.tokenType === T.Late) late = true;
    });
    const rev = revision && !this.RECORDING_PHASE ? this.nodes.revision(revision) : undefined;
    return {
      kind: "cpu",
      first: ids.first,
      ...(ids.last ? { last: ids.last } : {}),
      traits,
      ...(rev ? { revision: rev } : {}),
      boot,
      late,
      range: this.from(first),
    };
  });

  // ---- kernel ---------------------------------------------------------------------------

  private kernelBlock = this.RULE("kernelBlock", (): A.KernelBlock => {
    const first = this.CONSUME(T.Kernel);
    this.CONSUME(T.LCurly);
    const statements: A.KernelStatement[] = [];
    this.MANY(() => {
      const s = this.OR((this.alts.kernelBlock ??= [
        { ALT: () => this.SUBRULE(this.kernelStatement) },
        { ALT: () => void this.CONSUME(T.Semicolon) },
      ])) as A.KernelStatement | undefined;
      if (s && !this.RECORDING_PHASE) statements.push(s);
    });
    this.CONSUME(T.RCurly);
    return { kind: "kernel", statements, range: this.from(first) };
  });

  private kernelStatement = this.RULE("kernelStatement", (): A.KernelStatement => {
    return this.OR((this.alts.kernelStatement ??= [
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.OR2((this.alts.kernelStatement2 ??= [{ ALT: () => this.CONSUME(T.Version) }, { ALT: () => this.CONSUME(T.Policy) }]));
          const version = this.SUBRULE(this.versionName);
          return { kind: "version", version, range: this.from(first) };
        },
      },
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Cmdline);
          const s = this.CONSUME(T.StringLiteral);
          return { kind: "cmdline", text: this.str(s), options: this.RECORDING_PHASE ? [] : this.nodes.cmdlineWords(s), range: this.from(first) };
        },
      },
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Realm);
          return { kind: "realm", range: this.from(first) };
        },
      },
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Config);
          const option = this.CONSUME(T.Identifier, { LABEL: "option" });
          this.CONSUME(T.Equals);
          const value = this.OR3((this.alts.kernelStatement3 ??= [
            { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "word" }) },
            { ALT: () => this.CONSUME(T.DecimalLiteral) },
            { ALT: () => this.CONSUME(T.HexLiteral) },
          ])) as IToken;
          return { kind: "config", option: this.word(option), value: value.tokenType === T.Identifier ? this.word(value) : this.num(value), range: this.from(first) };
        },
      },
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Swiotlb);
          const size = this.SUBRULE(this.sizeValue);
          return { kind: "swiotlb", size, range: this.from(first) };
        },
      },
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Kaslr);
          this.CONSUME(T.Seed);
          const seed = this.OR4((this.alts.kernelStatement4 ??= [{ ALT: () => this.CONSUME2(T.HexLiteral, { LABEL: "seed" }) }, { ALT: () => this.CONSUME2(T.DecimalLiteral, { LABEL: "seed" }) }])) as IToken;
          return { kind: "kaslr-seed", seed: this.num(seed), range: this.from(first) };
        },
      },
      {
        ALT: (): A.KernelStatement => {
          const first = this.LA(1);
          this.CONSUME(T.Alias);
          const start = this.CONSUME3(T.Identifier, { LABEL: "aliasStart" });
          return { kind: "alias", start: this.word(start), range: this.from(first) };
        },
      },
    ])) as A.KernelStatement;
  });

  // ---- policies -------------------------------------------------------------------------

  /** `policy NAME from BASE { SETTING VALUE ... }`: a kernel variant by its decision points. */
  private policyDefinition = this.RULE("policyDefinition", (): A.PolicyDefinition => {
    const first = this.CONSUME(T.Policy);
    const name = this.CONSUME(T.Identifier, { LABEL: "policyName" });
    this.CONSUME(T.From);
    const base = this.SUBRULE(this.versionName, { LABEL: "base" });
    this.CONSUME(T.LCurly);
    const settings: A.PolicySettingStatement[] = [];
    this.MANY(() => {
      const s = this.OR((this.alts.policyDefinition ??= [
        { ALT: () => this.SUBRULE(this.policySetting) },
        { ALT: () => void this.CONSUME(T.Semicolon) },
      ])) as A.PolicySettingStatement | undefined;
      if (s && !this.RECORDING_PHASE) settings.push(s);
    });
    this.CONSUME(T.RCurly);
    return { kind: "policy", name: this.word(name), base, settings, range: this.from(first) };
  });

  private policySetting = this.RULE("policySetting", (): A.PolicySettingStatement => {
    const setting = this.CONSUME(T.Identifier, { LABEL: "setting" });
    const value = this.OR((this.alts.policySetting ??= [
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(T.On, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(T.DecimalLiteral, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(T.VersionLiteral, { LABEL: "value" }) },
    ])) as IToken;
    return { name: this.word(setting), value: this.word(value), range: this.from(setting) };
  });

  // ---- buffers --------------------------------------------------------------------------

  // `buffer b at X size S` or `buffer b size S at X`.
  private bufferDeclaration = this.RULE("bufferDeclaration", (): A.BufferDeclaration => {
    const first = this.CONSUME(T.Buffer);
    const name = this.SUBRULE(this.name);
    const { at, size } = this.OR((this.alts.bufferDeclaration ??= [
      {
        ALT: () => {
          this.CONSUME(T.At);
          const at = this.SUBRULE(this.address);
          this.CONSUME(T.Size);
          return { at, size: this.SUBRULE(this.sizeValue, { LABEL: "size" }) };
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Size);
          const size = this.SUBRULE2(this.sizeValue, { LABEL: "size" });
          const at = this.OPTION(() => {
            this.CONSUME2(T.At);
            return this.SUBRULE2(this.address);
          });
          return { at, size };
        },
      },
    ])) as { at: Num | undefined; size: Num };
    const align = this.OPTION2(() => {
      this.CONSUME(T.Align);
      return this.SUBRULE3(this.sizeValue, { LABEL: "alignment" });
    });
    return { kind: "buffer", name, ...(at ? { at } : {}), size, ...(align ? { align } : {}), range: this.from(first) };
  });

  private vmallocDeclaration = this.RULE("vmallocDeclaration", (): A.VmallocDeclaration => {
    const first = this.CONSUME(T.Vmalloc);
    const name = this.SUBRULE(this.name);
    const before = this.OPTION(() => {
      this.CONSUME(T.At);
      return this.SUBRULE(this.address);
    });
    this.CONSUME(T.Size);
    const size = this.SUBRULE(this.sizeValue);
    const after = this.OPTION2(() => {
      this.CONSUME2(T.At);
      return this.SUBRULE2(this.address);
    });
    // Written twice, the first counts (to-ast.ts reads the first `address` child).
    const at = before ?? after;
    const range = this.from(first);
    return at ? { kind: "vmalloc", name, at, size, range } : { kind: "vmalloc", name, size, range };
  });

  // ---- boot -----------------------------------------------------------------------------

  private bootBlock = this.RULE("bootBlock", (): A.BootBlock => {
    const first = this.CONSUME(T.Boot);
    this.CONSUME(T.LCurly);
    const statements: A.BootStatement[] = [];
    this.MANY(() => {
      const s = this.OR((this.alts.bootBlock ??= [
        { ALT: () => this.SUBRULE(this.callsAt) },
        { ALT: () => this.SUBRULE(this.moveStatement) },
        { ALT: () => this.SUBRULE(this.cpuEvent) },
        { ALT: () => void this.CONSUME(T.Semicolon) },
      ])) as A.BootStatement | undefined;
      if (s && !this.RECORDING_PHASE) statements.push(s);
    });
    this.CONSUME(T.RCurly);
    return { kind: "boot", statements, range: this.from(first) };
  });

  private callsAt = this.RULE("callsAt", (): A.BootStatement => {
    const first = this.LA(1);
    const when = this.SUBRULE(this.stepRef);
    const calls = this.OR((this.alts.callsAt ??= [
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          return [this.SUBRULE(this.callStatement)];
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LCurly);
          const list: A.CallStatement[] = [];
          this.MANY(() => {
            const c = this.OR2((this.alts.callsAt2 ??= [
              { ALT: () => this.SUBRULE2(this.callStatement) },
              { ALT: () => void this.CONSUME(T.Semicolon) },
            ])) as A.CallStatement | undefined;
            if (c && !this.RECORDING_PHASE) list.push(c);
          });
          this.CONSUME(T.RCurly);
          return list;
        },
      },
    ])) as A.CallStatement[];
    return { kind: "calls-at", when, calls, range: this.from(first) };
  });

  // A call ends at the end of its line (parser.ts).
  private callStatement = this.RULE("callStatement", (): A.CallStatement => {
    const call = this.CONSUME(T.Identifier, { LABEL: "call" });
    const target = this.OPTION((this.gated.callStatement1 ??= { GATE: () => this.onSameLine(), DEF: () => this.SUBRULE(this.target) })) as A.Target | undefined;
    const argument = this.OPTION2((this.gated.callStatement2 ??= { GATE: () => this.onSameLine(), DEF: () => this.CONSUME(T.DecimalLiteral, { LABEL: "argument" }) })) as IToken | undefined;
    const cpu = this.OPTION3((this.gated.callStatement3 ??= {
      GATE: () => this.onSameLine(),
      DEF: () => {
        this.CONSUME(T.On);
        this.CONSUME(T.Cpu);
        return this.CONSUME2(T.DecimalLiteral, { LABEL: "cpu" });
      },
    })) as IToken | undefined;
    return {
      kind: "call",
      call: this.word(call),
      ...(target ? { target } : {}),
      ...(argument ? { argument: this.num(argument) } : {}),
      ...(cpu ? { cpu: this.num(cpu) } : {}),
      range: this.from(call),
    };
  });

  private moveStatement = this.RULE("moveStatement", (): A.BootStatement => {
    const first = this.CONSUME(T.Move);
    const call = this.CONSUME(T.Identifier, { LABEL: "call" });
    const rel = this.OR((this.alts.moveStatement ??= [
      { ALT: () => this.CONSUME(T.To) },
      { ALT: () => this.CONSUME(T.Before) },
      { ALT: () => this.CONSUME(T.After) },
    ])) as IToken;
    const step = this.CONSUME2(T.Identifier, { LABEL: "step" });
    const relation: A.StepRelation = rel.tokenType === T.Before ? "before" : rel.tokenType === T.After ? "after" : "at";
    return {
      kind: "move",
      call: this.word(call),
      when: { kind: "step-ref", relation, step: this.word(step), range: this.span(rel, step) },
      range: this.from(first),
    };
  });

  private cpuEvent = this.RULE("cpuEvent", (): A.BootStatement => {
    const first = this.OR((this.alts.cpuEvent ??= [{ ALT: () => this.CONSUME(T.Online) }, { ALT: () => this.CONSUME(T.Hotplug) }])) as IToken;
    this.CONSUME(T.Cpu);
    const ids = this.SUBRULE(this.cpuIds);
    const when = this.SUBRULE(this.stepRef);
    const event = first.tokenType === T.Hotplug ? "hotplug" : "online";
    return { kind: "cpu-event", event, first: ids.first, ...(ids.last ? { last: ids.last } : {}), when, range: this.from(first) };
  });

  // ---- expectations ---------------------------------------------------------------------

  /** One item per expectation: `expect under V { A; B }` gives two, each scoped to V (to-ast.ts `expectItems`). */
  private expectItem = this.RULE("expectItem", () => {
    const first = this.CONSUME(T.Expect);
    const { under, made, block } = this.OR((this.alts.expectItem ??= [
      {
        ALT: () => {
          this.CONSUME(T.Under);
          const under = [this.SUBRULE(this.versionName, { LABEL: "under" })];
          this.MANY(() => {
            this.CONSUME(T.Comma);
            under.push(this.SUBRULE2(this.versionName, { LABEL: "under" }));
          });
          const body = this.OR2((this.alts.expectItem2 ??= [
            {
              ALT: () => {
                this.CONSUME(T.Colon);
                return { made: [this.SUBRULE(this.expectation)], block: false };
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.LCurly);
                const made: Made[] = [];
                this.MANY2(() => {
                  const m = this.OR3((this.alts.expectItem3 ??= [{ ALT: () => this.SUBRULE2(this.expectation) }, { ALT: () => void this.CONSUME(T.Semicolon) }])) as Made | undefined;
                  if (m && !this.RECORDING_PHASE) made.push(m);
                });
                this.CONSUME(T.RCurly);
                return { made, block: true };
              },
            },
          ])) as { made: Made[]; block: boolean };
          return { under, ...body };
        },
      },
      { ALT: () => ({ under: undefined, made: [this.SUBRULE3(this.expectation)], block: false }) },
    ])) as { under: A.Name[] | undefined; made: Made[]; block: boolean };
    if (this.RECORDING_PHASE) return;
    const whole = this.from(first);
    for (const m of made) {
      // A lone expectation spans the whole item (`expect` included); one in a block spans itself.
      if (m.kind === "expect-ptdump") this.items.push({ ...m.item, range: under && block ? m.item.range : whole });
      else if (m.expectation) this.items.push({ kind: "expect", expectation: m.expectation, ...(under ? { under } : {}), range: under && block ? m.range : whole });
    }
  });

  private expectation = this.RULE("expectation", (): Made => {
    return this.OR((this.alts.expectation ??= [
      {
        ALT: (): Made => {
          const first = this.LA(1);
          this.CONSUME(T.Pagetables);
          const count = this.CONSUME(T.DecimalLiteral, { LABEL: "pagetableCount" });
          const when = this.OPTION(() => this.SUBRULE(this.stepRef));
          return { kind: "expect", expectation: { kind: "pagetables", count: this.num(count), ...(when ? { when } : {}) }, range: this.from(first) };
        },
      },
      {
        ALT: (): Made => {
          const first = this.LA(1);
          this.CONSUME(T.Warns);
          const count = this.CONSUME2(T.DecimalLiteral, { LABEL: "warnCount" });
          const when = this.OPTION2(() => this.SUBRULE2(this.stepRef));
          return { kind: "expect", expectation: { kind: "warns", count: this.num(count), ...(when ? { when } : {}) }, range: this.from(first) };
        },
      },
      {
        ALT: (): Made | undefined => {
          const first = this.LA(1);
          const region = this.SUBRULE(this.region);
          const then = this.SUBRULE(this.rangeExpectation);
          if (this.RECORDING_PHASE) return undefined;
          return { kind: "expect", expectation: then({ kind: "region", region, range: region.range }), range: this.from(first) };
        },
      },
      {
        // `expect ptdump matches "dump.txt" [RANGE]`: the name `ptdump` then `matches`.
        GATE: () => this.LA(2).tokenType === T.Matches,
        ALT: (): Made => {
          const first = this.LA(1);
          const view = this.CONSUME(T.Identifier, { LABEL: "dumpView" });
          this.CONSUME(T.Matches);
          const file = this.CONSUME(T.StringLiteral, { LABEL: "dumpFile" });
          const region = this.OPTION4(() => this.SUBRULE2(this.region, { LABEL: "dumpRange" }));
          const item: A.ExpectPtdumpItem = {
            kind: "expect-ptdump",
            view: this.word(view),
            file: this.str(file),
            fileRange: this.span(file, file),
            ...(region ? { region } : {}),
            range: this.from(first),
          };
          return { kind: "expect-ptdump", item };
        },
      },
      {
        ALT: (): Made | undefined => {
          const first = this.LA(1);
          const name = this.SUBRULE(this.name, { LABEL: "subject" });
          const index = this.OPTION3(() => this.SUBRULE(this.pageIndex));
          const then = this.OR2((this.alts.expectation2 ??= [
            { ALT: () => this.SUBRULE2(this.rangeExpectation) },
            { ALT: () => this.SUBRULE(this.callExpectation) },
          ])) as Subject;
          if (this.RECORDING_PHASE) return undefined;
          return { kind: "expect", expectation: then(this.bufferTarget(name, index)), range: this.from(first) };
        },
      },
    ])) as Made;
  });

  private rangeExpectation = this.RULE("rangeExpectation", (): Subject => {
    const what = this.OR((this.alts.rangeExpectation ??= [
      {
        ALT: () => {
          this.CONSUME(T.Leaf);
          return { size: this.SUBRULE(this.sizeValue) };
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          const attributes = [this.word(this.CONSUME(T.Identifier, { LABEL: "attribute" }))];
          this.MANY(() => {
            this.CONSUME(T.Comma);
            attributes.push(this.word(this.CONSUME2(T.Identifier, { LABEL: "attribute" })));
          });
          return { attributes };
        },
      },
    ])) as { size?: Num; attributes?: A.Name[] };
    const when = this.OPTION(() => this.SUBRULE(this.stepRef));
    return (target) =>
      what.size
        ? { kind: "leaf", target, size: what.size, ...(when ? { when } : {}) }
        : { kind: "attributes", target, attributes: what.attributes!, ...(when ? { when } : {}) };
  });

  private callExpectation = this.RULE("callExpectation", (): Subject => {
    const target = this.OPTION(() => this.SUBRULE(this.target));
    const when = this.OPTION2(() => this.SUBRULE(this.stepRef));
    const outcomes = this.OR((this.alts.callExpectation ??= [
      {
        ALT: (): A.CallOutcome[] => {
          this.CONSUME(T.EqualsEquals);
          const first = this.LA(1);
          const value = this.SUBRULE(this.returnCode);
          return [{ field: "returns", value, range: this.from(first) }];
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          const list = [this.SUBRULE(this.callOutcome)];
          this.MANY(() => {
            this.CONSUME(T.Comma);
            list.push(this.SUBRULE2(this.callOutcome));
          });
          return list;
        },
      },
    ])) as A.CallOutcome[];
    // `expect buf[0] == 0` has no call name: the parser accepts it, the AST cannot (to-ast.ts).
    return (subject) =>
      subject.kind !== "buffer" || subject.pages
        ? undefined
        : { kind: "call-result", call: subject.name, ...(target ? { target } : {}), ...(when ? { when } : {}), outcomes };
  });

  private returnCode = this.RULE("returnCode", (): A.NumberLiteral | A.Name => {
    const t = this.OR((this.alts.returnCode ??= [{ ALT: () => this.CONSUME(T.ErrnoLiteral) }, { ALT: () => this.CONSUME(T.DecimalLiteral) }])) as IToken;
    return t.tokenType === T.ErrnoLiteral ? this.word(t) : this.num(t);
  });

  private callOutcome = this.RULE("callOutcome", (): A.CallOutcome => {
    return this.OR((this.alts.callOutcome ??= [
      {
        ALT: (): A.CallOutcome => {
          const first = this.LA(1);
          this.CONSUME(T.Returns);
          const value = this.SUBRULE(this.returnCode);
          return { field: "returns", value, range: this.from(first) };
        },
      },
      {
        ALT: (): A.CallOutcome => {
          const first = this.LA(1);
          const f = this.OR2((this.alts.callOutcome2 ??= [
            { ALT: () => this.CONSUME(T.Warns) },
            { ALT: () => this.CONSUME(T.Pages) },
            { ALT: () => this.CONSUME(T.Flushes) },
            { ALT: () => this.CONSUME(T.Splits) },
          ])) as IToken;
          const count = this.CONSUME(T.DecimalLiteral, { LABEL: "count" });
          const field: A.CallOutcomeField = f.tokenType === T.Warns ? "warns" : f.tokenType === T.Pages ? "pages" : f.tokenType === T.Flushes ? "flushes" : "splits";
          return { field, value: this.num(count), range: this.from(first) };
        },
      },
    ])) as A.CallOutcome;
  });

  // ---- output commands ------------------------------------------------------------------

  // `show ptdump RANGE, stats`: one range for the item, the last one written (to-ast.ts).
  private showItem = this.RULE("showItem", (): A.ShowItem => {
    const first = this.CONSUME(T.Show);
    const views = [this.word(this.CONSUME(T.Identifier, { LABEL: "view" }))];
    let target = this.OPTION(() => this.SUBRULE(this.target));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      views.push(this.word(this.CONSUME2(T.Identifier, { LABEL: "view" })));
      target = this.OPTION2(() => this.SUBRULE2(this.target)) ?? target;
    });
    const when = this.OPTION3(() => this.SUBRULE(this.stepRef));
    return { kind: "show", views, ...(target ? { target } : {}), ...(when ? { when } : {}), range: this.from(first) };
  });

  private chartItem = this.RULE("chartItem", (): A.ChartItem => {
    const first = this.CONSUME(T.Chart);
    const chart = this.OR((this.alts.chartItem ??= [
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "chart" }) },
      { ALT: () => this.CONSUME(T.Pagetables, { LABEL: "chart" }) },
      { ALT: () => this.CONSUME(T.Compare, { LABEL: "chart" }) },
    ])) as IToken;
    const target = this.OPTION(() => this.SUBRULE(this.target));
    const when = this.OPTION2(() => this.SUBRULE(this.stepRef));
    return { kind: "chart", chart: this.word(chart), ...(target ? { target } : {}), ...(when ? { when } : {}), range: this.from(first) };
  });

  private compareItem = this.RULE("compareItem", (): A.CompareItem => {
    const first = this.CONSUME(T.Compare);
    const versions = [this.SUBRULE(this.versionName)];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      versions.push(this.SUBRULE2(this.versionName));
    });
    return { kind: "compare", versions, range: this.from(first) };
  });

  private sweepItem = this.RULE("sweepItem", (): A.SweepItem => {
    const first = this.CONSUME(T.Sweep);
    const axes = [this.SUBRULE(this.sweepAxis)];
    this.MANY(() => {
      this.CONSUME(T.By);
      axes.push(this.SUBRULE2(this.sweepAxis));
    });
    return { kind: "sweep", axes, range: this.from(first) };
  });

  private sweepAxis = this.RULE("sweepAxis", (): A.SweepAxis => {
    const first = this.LA(1);
    // `policy` starts a top-level item, so it is not a soft keyword: name it here.
    const axis = this.OR((this.alts.sweepAxis ??= [{ ALT: () => this.SUBRULE(this.name, { LABEL: "axis" }) }, { ALT: () => this.word(this.CONSUME(T.Policy, { LABEL: "policyAxis" })) }])) as A.Name;
    const which = this.OPTION(() => this.OR2((this.alts.sweepAxis2 ??= [{ ALT: () => this.CONSUME(T.At) }, { ALT: () => this.CONSUME(T.Size) }])) as IToken);
    const { span, values } = this.OR3((this.alts.sweepAxis3 ??= [
      // `its_prop at 0x1_0000_0000..0x2_0000_0000 step 2M`: every STEP from the first up to the second.
      { ALT: () => ({ span: this.SUBRULE(this.sweepRange), values: [] }) },
      {
        ALT: () => {
          const values = [this.SUBRULE(this.sweepValue)];
          this.MANY(() => {
            this.CONSUME(T.Comma);
            values.push(this.SUBRULE2(this.sweepValue));
          });
          return { span: undefined, values };
        },
      },
    ])) as { span: A.SweepSpan | undefined; values: A.SweepValue[] };
    const kind = { address: which?.tokenType === T.At, ...(which?.tokenType === T.Size ? { size: true } : {}) };
    const range = this.from(first);
    return span ? { axis, ...kind, values: [], span, range } : { axis, ...kind, values, range };
  });

  private sweepRange = this.RULE("sweepRange", (): A.SweepSpan => {
    const first = this.LA(1);
    const from = this.SUBRULE(this.sizeValue, { LABEL: "from" });
    this.CONSUME(T.DotDot);
    const to = this.SUBRULE2(this.sizeValue, { LABEL: "to" });
    this.CONSUME(T.Step);
    const step = this.SUBRULE3(this.sizeValue, { LABEL: "step" });
    return { from, to, step, range: this.from(first) };
  });

  private sweepValue = this.RULE("sweepValue", (): A.SweepValue => {
    const t = this.OR((this.alts.sweepValue ??= [
      { ALT: () => this.CONSUME(T.VersionLiteral) },
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.SizeLiteral) },
      { ALT: () => this.CONSUME(T.HexLiteral) },
      { ALT: () => this.CONSUME(T.DecimalLiteral) },
      { ALT: () => this.CONSUME(T.On) },
    ])) as IToken;
    const word = t.tokenType === T.Identifier || t.tokenType === T.VersionLiteral || t.tokenType === T.On;
    return word ? this.word(t) : this.num(t);
  });

  private runItem = this.RULE("runItem", (): A.RunItem => {
    const first = this.CONSUME(T.Run);
    const version = this.OPTION(() => {
      this.OPTION2(() =>
        this.OR((this.alts.runItem ??= [{ ALT: () => this.CONSUME(T.Policy) }, { ALT: () => this.CONSUME(T.Version) }])),
      );
      return this.SUBRULE(this.versionName);
    });
    return { kind: "run", ...(version ? { version } : {}), range: this.from(first) };
  });

  private printItem = this.RULE("printItem", (): A.PrintItem => {
    const first = this.CONSUME(T.Print);
    const s = this.CONSUME(T.StringLiteral);
    return { kind: "print", text: this.str(s), range: this.from(first) };
  });

  // `load ptdump "dump.txt" as NAME`: a real dump to show beside the simulation.
  private loadItem = this.RULE("loadItem", (): A.LoadItem => {
    const first = this.CONSUME(T.Load);
    const what = this.CONSUME(T.Identifier, { LABEL: "what" });
    const file = this.CONSUME(T.StringLiteral, { LABEL: "file" });
    this.CONSUME(T.As);
    const alias = this.CONSUME2(T.Identifier, { LABEL: "alias" });
    return { kind: "load", what: this.word(what), file: this.str(file), fileRange: this.span(file, file), name: this.word(alias), range: this.from(first) };
  });
}

let parser: CleanParser | undefined;

/** The one CleanParser, built on first use (building records its grammar: a few milliseconds). */
export function cleanParser(): CleanParser {
  return (parser ??= new CleanParser());
}

/** The items of `tokens` (a clean lexing of `text`), or undefined at the first syntax error. */
export function parseClean(tokens: IToken[], text: string, source: string, lines: LineTable): A.TopLevelItem[] | undefined {
  const p = cleanParser();
  p.sourceText = text;
  p.nodes = new AstNodes(source, lines);
  p.items = [];
  p.input = tokens;
  try {
    p.scenario();
    return p.errors.length === 0 ? p.items : undefined;
  } finally {
    p.items = [];
    p.input = [];
    p.sourceText = "";
  }
}
