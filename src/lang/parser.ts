// The linmap grammar as a Chevrotain CstParser, built once per process when first needed.
// Rule names are the grammar's nonterminals: the EBNF, the railroad diagrams and the
// committed CST types (./cst.d.ts) are all generated from this class, so it is the
// definition of the syntax. ./clean-parser.ts repeats it rule for rule to parse clean text
// without a CST; test/lang/clean-path.test.ts holds the two grammars together.
import type { IToken, CstNode, DSLMethodOpts, IOrAlt, IRecognitionException } from "chevrotain";
import { CstParser } from "./chevrotain.js";
import * as T from "./tokens.js";
import { syntaxErrorMessages } from "./syntax-messages.js";
import { LazyLookaheadStrategy } from "./lazy-lookahead.js";

/**
 * Grammar validations (ambiguities, left recursion) cost start-up time on every run; the
 * tests and `npm run grammar` run them (VITEST, LINMAP_GRAMMAR_CHECKS=1), so a grammar
 * change that breaks them fails there.
 */
export const VALIDATE_GRAMMAR = process.env["VITEST"] !== undefined || process.env["LINMAP_GRAMMAR_CHECKS"] === "1";

/** True when no line break separates token `last` from token `next` in `text` (the gate of a call's arguments). */
export function onSameLine(text: string, last: IToken, next: IToken): boolean {
  if (Number.isNaN(next.startOffset) || Number.isNaN(last.startOffset)) return false;
  // Only the gap between the two: searching on to the next line break read the rest of a
  // long line once per call (quadratic on a scenario written on one line).
  for (let i = last.startOffset + last.image.length; i < next.startOffset; i++) if (text.charCodeAt(i) === 0x0a) return false;
  return true;
}

/** Chevrotain's own attachment of a node to its parent CST node (not in its typings). */
const attachToParent = (CstParser.prototype as unknown as { cstPostNonTerminal(this: LinmapParser, node: CstNode, ruleName: string): void }).cstPostNonTerminal;

export class LinmapParser extends CstParser {
  constructor() {
    super([...T.ALL_TOKENS], {
      recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: "onlyOffset", errorMessageProvider: syntaxErrorMessages, skipValidations: !VALIDATE_GRAMMAR,
      // Lookahead functions are built on first use (./lazy-lookahead.ts), not all at start.
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: 4 }),
    });
    this.performSelfAnalysis();
  }

  /**
   * The alternatives of each OR and the gated OPTIONs, built on first use and kept: a rule
   * runs once per construct parsed, and building them afresh each time (`name` alone has 27
   * alternatives) made most of the parser's garbage. Chevrotain keys its lookahead by the
   * OR's occurrence index, not by the array, so one array per site is all it needs.
   */
  private readonly alts: Record<string, IOrAlt<unknown>[]> = {};
  private readonly gated: Record<string, DSLMethodOpts<unknown>> = {};

  /** The text being parsed: the lexer tracks offsets only, so line ends are found here. */
  sourceText = "";

  /**
   * Takes each top-level item's CST as the parser finishes it (or recovery gives up on it),
   * in text order, instead of the scenario node keeping them all: the caller turns it into
   * AST at once, so the CST of a 100,000-line scenario never exists whole. Kept, it was most
   * of the parse's memory, and copying it between heap generations most of its time.
   */
  onItem: ((item: CstNode) => void) | undefined;

  /** Chevrotain attaches a subrule's node (complete or partial) to its parent here. */
  cstPostNonTerminal(node: CstNode, ruleName: string): void {
    if (ruleName === "item" && this.onItem) this.onItem(node);
    else attachToParent.call(this, node, ruleName);
  }

  /** True when no line break separates the last consumed token from the next one. */
  private onSameLine(): boolean {
    return onSameLine(this.sourceText, this.LA(0), this.LA(1));
  }

  public scenario = this.RULE("scenario", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  private item = this.RULE("item", () => {
    this.OR((this.alts.item ??= [
      { ALT: () => this.SUBRULE(this.machineBlock) },
      { ALT: () => this.SUBRULE(this.cpusBlock) },
      { ALT: () => this.SUBRULE(this.kernelBlock) },
      { ALT: () => this.SUBRULE(this.policyDefinition) },
      { ALT: () => this.SUBRULE(this.bufferDeclaration) },
      { ALT: () => this.SUBRULE(this.vmallocDeclaration) },
      { ALT: () => this.SUBRULE(this.bootBlock) },
      { ALT: () => this.SUBRULE(this.expectItem) },
      { ALT: () => this.SUBRULE(this.showItem) },
      { ALT: () => this.SUBRULE(this.chartItem) },
      { ALT: () => this.SUBRULE(this.compareItem) },
      { ALT: () => this.SUBRULE(this.sweepItem) },
      { ALT: () => this.SUBRULE(this.runItem) },
      { ALT: () => this.SUBRULE(this.printItem) },
      { ALT: () => this.SUBRULE(this.loadItem) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]));
  });

  // ---- literals and references --------------------------------------------------------

  private address = this.RULE("address", () => {
    this.OR((this.alts.address ??= [{ ALT: () => this.CONSUME(T.HexLiteral) }, { ALT: () => this.CONSUME(T.DecimalLiteral) }]));
  });

  private sizeValue = this.RULE("sizeValue", () => {
    this.OR((this.alts.sizeValue ??= [
      { ALT: () => this.CONSUME(T.SizeLiteral) },
      { ALT: () => this.CONSUME(T.HexLiteral) },
      { ALT: () => this.CONSUME(T.DecimalLiteral) },
    ]));
  });

  private region = this.RULE("region", () => {
    this.OR((this.alts.region ??= [
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.SUBRULE(this.address, { LABEL: "start" });
          this.CONSUME(T.DotDot);
          this.SUBRULE2(this.address, { LABEL: "end" });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.SUBRULE3(this.address, { LABEL: "base" });
          this.CONSUME(T.Size);
          this.SUBRULE(this.sizeValue);
        },
      },
    ]));
  });

  private name = this.RULE("name", () => {
    this.OR((this.alts.name ??= [
      { ALT: () => this.CONSUME(T.Identifier) },
      ...T.SOFT_KEYWORDS.map((k) => ({ ALT: () => this.CONSUME(k) })),
    ]));
  });

  private versionName = this.RULE("versionName", () => {
    this.OR((this.alts.versionName ??= [{ ALT: () => this.CONSUME(T.VersionLiteral) }, { ALT: () => this.CONSUME(T.Identifier) }]));
  });

  private pageIndex = this.RULE("pageIndex", () => {
    this.CONSUME(T.IndexOpen);
    this.CONSUME(T.DecimalLiteral, { LABEL: "first" });
    this.OR((this.alts.pageIndex ??= [
      { ALT: () => this.CONSUME(T.RBracket) },
      {
        ALT: () => {
          this.CONSUME(T.DotDot);
          this.CONSUME2(T.DecimalLiteral, { LABEL: "end" });
          this.CONSUME(T.RParen);
        },
      },
    ]));
  });

  private target = this.RULE("target", () => {
    this.OR((this.alts.target ??= [
      {
        ALT: () => {
          this.SUBRULE(this.name);
          this.OPTION(() => this.SUBRULE(this.pageIndex));
        },
      },
      { ALT: () => this.SUBRULE(this.region) },
    ]));
  });

  private stepRef = this.RULE("stepRef", () => {
    this.OR((this.alts.stepRef ??= [
      { ALT: () => this.CONSUME(T.At) },
      { ALT: () => this.CONSUME(T.Before) },
      { ALT: () => this.CONSUME(T.After) },
    ]));
    this.CONSUME(T.Identifier, { LABEL: "step" });
  });

  // `0..7`, or the kernel's cpulist form `0-7`: both inclusive.
  private cpuIds = this.RULE("cpuIds", () => {
    this.CONSUME(T.DecimalLiteral, { LABEL: "first" });
    this.OPTION(() => {
      this.OR((this.alts.cpuIds ??= [{ ALT: () => this.CONSUME(T.DotDot) }, { ALT: () => this.CONSUME(T.Dash) }]));
      this.CONSUME2(T.DecimalLiteral, { LABEL: "last" });
    });
  });

  // ---- machine --------------------------------------------------------------------------

  private machineBlock = this.RULE("machineBlock", () => {
    this.CONSUME(T.Machine);
    this.CONSUME(T.LCurly);
    this.MANY(() =>
      this.OR((this.alts.machineBlock ??= [
        { ALT: () => this.SUBRULE(this.machineStatement) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ])),
    );
    this.CONSUME(T.RCurly);
  });

  private machineStatement = this.RULE("machineStatement", () => {
    this.OR((this.alts.machineStatement ??= [
      {
        ALT: () => {
          this.CONSUME(T.Granule);
          this.SUBRULE(this.sizeValue);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.VaBits);
          this.CONSUME(T.DecimalLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.PaBits);
          this.CONSUME2(T.DecimalLiteral, { LABEL: "paBits" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Memory);
          this.SUBRULE(this.region);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Nomap);
          this.SUBRULE2(this.region);
        },
      },
      { ALT: () => this.SUBRULE(this.imageStatement) },
    ]));
  });

  private imageStatement = this.RULE("imageStatement", () => {
    this.CONSUME(T.Image);
    this.OPTION(() => {
      this.CONSUME(T.At);
      this.SUBRULE(this.address);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Text);
      this.SUBRULE(this.sizeValue, { LABEL: "textSize" });
    });
    this.OPTION3(() => {
      this.CONSUME(T.Init);
      this.SUBRULE2(this.sizeValue, { LABEL: "initSize" });
    });
    this.OPTION4(() => {
      this.CONSUME(T.Data);
      this.SUBRULE3(this.sizeValue, { LABEL: "dataSize" });
    });
  });

  // ---- cpus -----------------------------------------------------------------------------

  private cpusBlock = this.RULE("cpusBlock", () => {
    this.CONSUME(T.Cpus);
    this.CONSUME(T.LCurly);
    this.MANY(() =>
      this.OR((this.alts.cpusBlock ??= [
        { ALT: () => this.SUBRULE(this.cpuStatement) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ])),
    );
    this.CONSUME(T.RCurly);
  });

  private cpuStatement = this.RULE("cpuStatement", () => {
    this.CONSUME(T.Cpu);
    this.SUBRULE(this.cpuIds);
    this.MANY(() =>
      this.OR((this.alts.cpuStatement ??= [
        { ALT: () => this.CONSUME(T.Identifier, { LABEL: "trait" }) },
        { ALT: () => this.CONSUME(T.RevisionLiteral) },
        { ALT: () => this.CONSUME(T.Boot) },
        { ALT: () => this.CONSUME(T.Late) },
      ])),
    );
  });

  // ---- kernel ---------------------------------------------------------------------------

  private kernelBlock = this.RULE("kernelBlock", () => {
    this.CONSUME(T.Kernel);
    this.CONSUME(T.LCurly);
    this.MANY(() =>
      this.OR((this.alts.kernelBlock ??= [
        { ALT: () => this.SUBRULE(this.kernelStatement) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ])),
    );
    this.CONSUME(T.RCurly);
  });

  private kernelStatement = this.RULE("kernelStatement", () => {
    this.OR((this.alts.kernelStatement ??= [
      {
        ALT: () => {
          this.OR2((this.alts.kernelStatement2 ??= [{ ALT: () => this.CONSUME(T.Version) }, { ALT: () => this.CONSUME(T.Policy) }]));
          this.SUBRULE(this.versionName);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Cmdline);
          this.CONSUME(T.StringLiteral);
        },
      },
      { ALT: () => this.CONSUME(T.Realm) },
      {
        ALT: () => {
          this.CONSUME(T.Config);
          this.CONSUME(T.Identifier, { LABEL: "option" });
          this.CONSUME(T.Equals);
          this.OR3((this.alts.kernelStatement3 ??= [
            { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "word" }) },
            { ALT: () => this.CONSUME(T.DecimalLiteral) },
            { ALT: () => this.CONSUME(T.HexLiteral) },
          ]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Swiotlb);
          this.SUBRULE(this.sizeValue);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Kaslr);
          this.CONSUME(T.Seed);
          this.OR4((this.alts.kernelStatement4 ??= [{ ALT: () => this.CONSUME2(T.HexLiteral, { LABEL: "seed" }) }, { ALT: () => this.CONSUME2(T.DecimalLiteral, { LABEL: "seed" }) }]));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Alias);
          this.CONSUME3(T.Identifier, { LABEL: "aliasStart" });
        },
      },
    ]));
  });

  // ---- policies -------------------------------------------------------------------------

  /** `policy NAME from BASE { SETTING VALUE ... }`: a kernel variant by its decision points. */
  private policyDefinition = this.RULE("policyDefinition", () => {
    this.CONSUME(T.Policy);
    this.CONSUME(T.Identifier, { LABEL: "policyName" });
    this.CONSUME(T.From);
    this.SUBRULE(this.versionName, { LABEL: "base" });
    this.CONSUME(T.LCurly);
    this.MANY(() =>
      this.OR((this.alts.policyDefinition ??= [
        { ALT: () => this.SUBRULE(this.policySetting) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ])),
    );
    this.CONSUME(T.RCurly);
  });

  private policySetting = this.RULE("policySetting", () => {
    this.CONSUME(T.Identifier, { LABEL: "setting" });
    this.OR((this.alts.policySetting ??= [
      { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(T.On, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(T.DecimalLiteral, { LABEL: "value" }) },
      { ALT: () => this.CONSUME(T.VersionLiteral, { LABEL: "value" }) },
    ]));
  });

  // ---- buffers --------------------------------------------------------------------------

  // `buffer b at X size S` or `buffer b size S at X`.
  private bufferDeclaration = this.RULE("bufferDeclaration", () => {
    this.CONSUME(T.Buffer);
    this.SUBRULE(this.name);
    this.OR((this.alts.bufferDeclaration ??= [
      {
        ALT: () => {
          this.CONSUME(T.At);
          this.SUBRULE(this.address);
          this.CONSUME(T.Size);
          this.SUBRULE(this.sizeValue, { LABEL: "size" });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(T.Size);
          this.SUBRULE2(this.sizeValue, { LABEL: "size" });
          this.OPTION(() => {
            this.CONSUME2(T.At);
            this.SUBRULE2(this.address);
          });
        },
      },
    ]));
    this.OPTION2(() => {
      this.CONSUME(T.Align);
      this.SUBRULE3(this.sizeValue, { LABEL: "alignment" });
    });
  });

  private vmallocDeclaration = this.RULE("vmallocDeclaration", () => {
    this.CONSUME(T.Vmalloc);
    this.SUBRULE(this.name);
    // Where its backing pages are (their linear alias is what set_memory_ro/rw change), before
    // or after the size.
    this.OPTION(() => {
      this.CONSUME(T.At);
      this.SUBRULE(this.address);
    });
    this.CONSUME(T.Size);
    this.SUBRULE(this.sizeValue);
    this.OPTION2(() => {
      this.CONSUME2(T.At);
      this.SUBRULE2(this.address);
    });
  });

  // ---- boot -----------------------------------------------------------------------------

  private bootBlock = this.RULE("bootBlock", () => {
    this.CONSUME(T.Boot);
    this.CONSUME(T.LCurly);
    this.MANY(() =>
      this.OR((this.alts.bootBlock ??= [
        { ALT: () => this.SUBRULE(this.callsAt) },
        { ALT: () => this.SUBRULE(this.moveStatement) },
        { ALT: () => this.SUBRULE(this.cpuEvent) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ])),
    );
    this.CONSUME(T.RCurly);
  });

  private callsAt = this.RULE("callsAt", () => {
    this.SUBRULE(this.stepRef);
    this.OR((this.alts.callsAt ??= [
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.callStatement);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LCurly);
          this.MANY(() =>
            this.OR2((this.alts.callsAt2 ??= [
              { ALT: () => this.SUBRULE2(this.callStatement) },
              { ALT: () => this.CONSUME(T.Semicolon) },
            ])),
          );
          this.CONSUME(T.RCurly);
        },
      },
    ]));
  });

  // A call ends at the end of its line: `memfd_secret` takes no target, so without this the
  // next line's call name would be read as its argument.
  private callStatement = this.RULE("callStatement", () => {
    this.CONSUME(T.Identifier, { LABEL: "call" });
    this.OPTION((this.gated.callStatement1 ??= { GATE: () => this.onSameLine(), DEF: () => this.SUBRULE(this.target) }));
    this.OPTION2((this.gated.callStatement2 ??= { GATE: () => this.onSameLine(), DEF: () => this.CONSUME(T.DecimalLiteral, { LABEL: "argument" }) }));
    this.OPTION3((this.gated.callStatement3 ??= {
      GATE: () => this.onSameLine(),
      DEF: () => {
        this.CONSUME(T.On);
        this.CONSUME(T.Cpu);
        this.CONSUME2(T.DecimalLiteral, { LABEL: "cpu" });
      },
    }));
  });

  private moveStatement = this.RULE("moveStatement", () => {
    this.CONSUME(T.Move);
    this.CONSUME(T.Identifier, { LABEL: "call" });
    this.OR((this.alts.moveStatement ??= [
      { ALT: () => this.CONSUME(T.To) },
      { ALT: () => this.CONSUME(T.Before) },
      { ALT: () => this.CONSUME(T.After) },
    ]));
    this.CONSUME2(T.Identifier, { LABEL: "step" });
  });

  private cpuEvent = this.RULE("cpuEvent", () => {
    this.OR((this.alts.cpuEvent ??= [{ ALT: () => this.CONSUME(T.Online) }, { ALT: () => this.CONSUME(T.Hotplug) }]));
    this.CONSUME(T.Cpu);
    this.SUBRULE(this.cpuIds);
    this.SUBRULE(this.stepRef);
  });

  // ---- expectations ---------------------------------------------------------------------

  // `expect under v7.0: X` and `expect under v7.0, v7.1 { X; Y }`: expectations that hold for
  // the kernels named only (one file pins each kernel's outcome in a compare or sweep).
  private expectItem = this.RULE("expectItem", () => {
    this.CONSUME(T.Expect);
    this.OR((this.alts.expectItem ??= [
      {
        ALT: () => {
          this.CONSUME(T.Under);
          this.SUBRULE(this.versionName, { LABEL: "under" });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.versionName, { LABEL: "under" });
          });
          this.OR2((this.alts.expectItem2 ??= [
            {
              ALT: () => {
                this.CONSUME(T.Colon);
                this.SUBRULE(this.expectation);
              },
            },
            {
              ALT: () => {
                this.CONSUME(T.LCurly);
                this.MANY2(() => this.OR3((this.alts.expectItem3 ??= [{ ALT: () => this.SUBRULE2(this.expectation) }, { ALT: () => this.CONSUME(T.Semicolon) }])));
                this.CONSUME(T.RCurly);
              },
            },
          ]));
        },
      },
      { ALT: () => this.SUBRULE3(this.expectation) },
    ]));
  });

  private expectation = this.RULE("expectation", () => {
    this.OR((this.alts.expectation ??= [
      {
        ALT: () => {
          this.CONSUME(T.Pagetables);
          this.CONSUME(T.DecimalLiteral, { LABEL: "pagetableCount" });
          this.OPTION(() => this.SUBRULE(this.stepRef));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Warns);
          this.CONSUME2(T.DecimalLiteral, { LABEL: "warnCount" });
          this.OPTION2(() => this.SUBRULE2(this.stepRef));
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.region);
          this.SUBRULE(this.rangeExpectation);
        },
      },
      {
        // `expect ptdump matches "dump.txt" [RANGE]`: the name `ptdump` then `matches`.
        GATE: () => this.LA(2).tokenType === T.Matches,
        ALT: () => {
          this.CONSUME(T.Identifier, { LABEL: "dumpView" });
          this.CONSUME(T.Matches);
          this.CONSUME(T.StringLiteral, { LABEL: "dumpFile" });
          this.OPTION4(() => this.SUBRULE2(this.region, { LABEL: "dumpRange" }));
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.name, { LABEL: "subject" });
          this.OPTION3(() => this.SUBRULE(this.pageIndex));
          this.OR2((this.alts.expectation2 ??= [
            { ALT: () => this.SUBRULE2(this.rangeExpectation) },
            { ALT: () => this.SUBRULE(this.callExpectation) },
          ]));
        },
      },
    ]));
  });

  private rangeExpectation = this.RULE("rangeExpectation", () => {
    this.OR((this.alts.rangeExpectation ??= [
      {
        ALT: () => {
          this.CONSUME(T.Leaf);
          this.SUBRULE(this.sizeValue);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Is);
          this.CONSUME(T.Identifier, { LABEL: "attribute" });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.CONSUME2(T.Identifier, { LABEL: "attribute" });
          });
        },
      },
    ]));
    this.OPTION(() => this.SUBRULE(this.stepRef));
  });

  private callExpectation = this.RULE("callExpectation", () => {
    this.OPTION(() => this.SUBRULE(this.target));
    this.OPTION2(() => this.SUBRULE(this.stepRef));
    this.OR((this.alts.callExpectation ??= [
      {
        ALT: () => {
          this.CONSUME(T.EqualsEquals);
          this.SUBRULE(this.returnCode);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.callOutcome);
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.callOutcome);
          });
        },
      },
    ]));
  });

  private returnCode = this.RULE("returnCode", () => {
    this.OR((this.alts.returnCode ??= [{ ALT: () => this.CONSUME(T.ErrnoLiteral) }, { ALT: () => this.CONSUME(T.DecimalLiteral) }]));
  });

  private callOutcome = this.RULE("callOutcome", () => {
    this.OR((this.alts.callOutcome ??= [
      {
        ALT: () => {
          this.CONSUME(T.Returns);
          this.SUBRULE(this.returnCode);
        },
      },
      {
        ALT: () => {
          this.OR2((this.alts.callOutcome2 ??= [
            { ALT: () => this.CONSUME(T.Warns) },
            { ALT: () => this.CONSUME(T.Pages) },
            { ALT: () => this.CONSUME(T.Flushes) },
            { ALT: () => this.CONSUME(T.Splits) },
          ]));
          this.CONSUME(T.DecimalLiteral, { LABEL: "count" });
        },
      },
    ]));
  });

  // ---- output commands ------------------------------------------------------------------

  // `show ptdump RANGE, stats`: a view's range may follow it; `after STEP` shows the map then.
  private showItem = this.RULE("showItem", () => {
    this.CONSUME(T.Show);
    this.CONSUME(T.Identifier, { LABEL: "view" });
    this.OPTION(() => this.SUBRULE(this.target));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Identifier, { LABEL: "view" });
      this.OPTION2(() => this.SUBRULE2(this.target));
    });
    this.OPTION3(() => this.SUBRULE(this.stepRef));
  });

  private chartItem = this.RULE("chartItem", () => {
    this.CONSUME(T.Chart);
    this.OR((this.alts.chartItem ??= [
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "chart" }) },
      { ALT: () => this.CONSUME(T.Pagetables, { LABEL: "chart" }) },
      { ALT: () => this.CONSUME(T.Compare, { LABEL: "chart" }) },
    ]));
    this.OPTION(() => this.SUBRULE(this.target));
    this.OPTION2(() => this.SUBRULE(this.stepRef));
  });

  private compareItem = this.RULE("compareItem", () => {
    this.CONSUME(T.Compare);
    this.SUBRULE(this.versionName);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.versionName);
    });
  });

  private sweepItem = this.RULE("sweepItem", () => {
    this.CONSUME(T.Sweep);
    this.SUBRULE(this.sweepAxis);
    this.MANY(() => {
      this.CONSUME(T.By);
      this.SUBRULE2(this.sweepAxis);
    });
  });

  private sweepAxis = this.RULE("sweepAxis", () => {
    // `policy` starts a top-level item, so it is not a soft keyword: name it here.
    this.OR((this.alts.sweepAxis ??= [{ ALT: () => this.SUBRULE(this.name, { LABEL: "axis" }) }, { ALT: () => this.CONSUME(T.Policy, { LABEL: "policyAxis" }) }]));
    this.OPTION(() => this.OR2((this.alts.sweepAxis2 ??= [{ ALT: () => this.CONSUME(T.At) }, { ALT: () => this.CONSUME(T.Size) }])));
    this.OR3((this.alts.sweepAxis3 ??= [
      // `its_prop at 0x1_0000_0000..0x2_0000_0000 step 2M`: every STEP from the first up to the second.
      { ALT: () => this.SUBRULE(this.sweepRange) },
      {
        ALT: () => {
          this.SUBRULE(this.sweepValue);
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.sweepValue);
          });
        },
      },
    ]));
  });

  private sweepRange = this.RULE("sweepRange", () => {
    this.SUBRULE(this.sizeValue, { LABEL: "from" });
    this.CONSUME(T.DotDot);
    this.SUBRULE2(this.sizeValue, { LABEL: "to" });
    this.CONSUME(T.Step);
    this.SUBRULE3(this.sizeValue, { LABEL: "step" });
  });

  private sweepValue = this.RULE("sweepValue", () => {
    this.OR((this.alts.sweepValue ??= [
      { ALT: () => this.CONSUME(T.VersionLiteral) },
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.SizeLiteral) },
      { ALT: () => this.CONSUME(T.HexLiteral) },
      { ALT: () => this.CONSUME(T.DecimalLiteral) },
      { ALT: () => this.CONSUME(T.On) },
    ]));
  });

  private runItem = this.RULE("runItem", () => {
    this.CONSUME(T.Run);
    this.OPTION(() => {
      this.OPTION2(() =>
        this.OR((this.alts.runItem ??= [{ ALT: () => this.CONSUME(T.Policy) }, { ALT: () => this.CONSUME(T.Version) }])),
      );
      this.SUBRULE(this.versionName);
    });
  });

  private printItem = this.RULE("printItem", () => {
    this.CONSUME(T.Print);
    this.CONSUME(T.StringLiteral);
  });

  // `load ptdump "dump.txt" as NAME`: a real dump to show beside the simulation.
  private loadItem = this.RULE("loadItem", () => {
    this.CONSUME(T.Load);
    this.CONSUME(T.Identifier, { LABEL: "what" });
    this.CONSUME(T.StringLiteral, { LABEL: "file" });
    this.CONSUME(T.As);
    this.CONSUME2(T.Identifier, { LABEL: "alias" });
  });
}

/**
 * Syntax errors after which parsing stops: recovery costs a lot per error, and nobody reads
 * the thousandth. The diagnostics so far are kept; the tree is dropped.
 */
export const MAX_SYNTAX_ERRORS = 200;

class ParseAborted extends Error {}

let parser: LinmapParser | undefined;

/**
 * The one parser instance (Chevrotain parsers are meant to be built once and reused), built
 * on first use: text without a syntax error is parsed by ./clean-parser.ts, and building
 * either parser records its grammar (tens of milliseconds a process need not spend twice).
 */
export function linmapParser(): LinmapParser {
  if (parser) return parser;
  const p = new LinmapParser();
  const internals = p as unknown as { SAVE_ERROR(e: unknown): unknown; errors: unknown[] };
  const save = internals.SAVE_ERROR.bind(p);
  internals.SAVE_ERROR = (e: unknown) => {
    const saved = save(e);
    if (internals.errors.length >= MAX_SYNTAX_ERRORS) throw new ParseAborted();
    return saved;
  };
  return (parser = p);
}

/**
 * Parses `tokens`, handing each top-level item's CST to `onItem` in text order. `completed`
 * is false when parsing stopped after MAX_SYNTAX_ERRORS errors (the items handed over are
 * then to be dropped).
 */
export function parseTokens(tokens: IToken[], text: string, onItem: (item: CstNode) => void): { completed: boolean; errors: IRecognitionException[] } {
  const p = linmapParser();
  p.sourceText = text;
  p.onItem = onItem;
  p.input = tokens;
  try {
    p.scenario();
    return { completed: true, errors: p.errors };
  } catch (e) {
    if (e instanceof ParseAborted) return { completed: false, errors: p.errors };
    throw e;
  } finally {
    p.onItem = undefined;
  }
}
