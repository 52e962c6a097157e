// CST → AST: turns Chevrotain's concrete syntax tree into the typed AST of ./ast.ts.
// The parser recovers from errors by inserting or skipping tokens, so any child may be
// missing here; a construct with a missing part is dropped (its parse error is already a
// diagnostic) rather than guessed at.
import type { CstNode, IToken, CstNodeLocation } from "chevrotain";
import type * as A from "./ast.js";
import type * as C from "./cst.js";
import { AstNodes } from "./ast-nodes.js";
import type { LineTable } from "./line-table.js";

type Children = Record<string, (CstNode | IToken)[] | undefined>;

export class AstBuilder {
  private readonly lines: LineTable;
  private readonly nodes: AstNodes;

  constructor(
    private readonly source: string,
    lines: LineTable,
  ) {
    this.lines = lines;
    this.nodes = new AstNodes(source, lines);
  }

  private rangeOfTokens(first: IToken, last: IToken): A.SourceRange {
    return this.nodes.range(first, last);
  }

  private rangeOfNode(node: CstNode): A.SourceRange | undefined {
    const l: CstNodeLocation | undefined = node.location;
    if (!l || Number.isNaN(l.startOffset) || l.endOffset === undefined || Number.isNaN(l.endOffset)) return undefined;
    // The parser tracks only offsets (cheaper); lines and columns come from the line table.
    return this.nodes.span(l.startOffset, l.endOffset + 1);
  }

  private spanning(a: A.SourceRange, b: A.SourceRange): A.SourceRange {
    return this.nodes.join(a, b);
  }

  private isRealToken(t: IToken | undefined): t is IToken {
    // Tokens inserted by recovery have NaN offsets.
    return t !== undefined && !Number.isNaN(t.startOffset) && t.isInsertedInRecovery !== true;
  }

  // ---- literals ---------------------------------------------------------------------------

  private numberFromToken(t: IToken | undefined): A.NumberLiteral | undefined {
    return this.isRealToken(t) ? this.nodes.number(t) : undefined;
  }

  private anyToken(node: CstNode | undefined): IToken | undefined {
    if (!node) return undefined;
    const children = node.children as Children;
    for (const key in children) {
      const list = children[key];
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const x = list[i]!;
        if (!("children" in x) && this.isRealToken(x)) return x;
      }
    }
    return undefined;
  }

  private numberOf(node: CstNode | undefined): A.NumberLiteral | undefined {
    return this.numberFromToken(this.anyToken(node));
  }

  private nameFromToken(t: IToken | undefined): A.Name | undefined {
    return this.isRealToken(t) ? this.nodes.name(t) : undefined;
  }

  private nameOf(node: CstNode | undefined): A.Name | undefined {
    return this.nameFromToken(this.anyToken(node));
  }

  private stringValue(t: IToken): string {
    return this.nodes.string(t);
  }

  private region(node: C.RegionCstNode | undefined): A.Region | undefined {
    if (!node) return undefined;
    const range = this.rangeOfNode(node);
    const c = node.children;
    if (!range) return undefined;
    if (c.LBracket) {
      const start = this.numberOf(c.start?.[0]);
      const end = this.numberOf(c.end?.[0]);
      if (!start || !end || !this.isRealToken(c.RParen?.[0])) return undefined;
      return { kind: "bounds", start, end, range };
    }
    const start = this.numberOf(c.base?.[0]);
    const size = this.numberOf(c.sizeValue?.[0]);
    if (!start || !size) return undefined;
    return { kind: "sized", start, size, range };
  }

  private target(node: C.TargetCstNode | undefined): A.Target | undefined {
    if (!node) return undefined;
    const c = node.children;
    if (c.region) {
      const region = this.region(c.region[0]);
      return region ? { kind: "region", region, range: region.range } : undefined;
    }
    const name = this.nameOf(c.name?.[0]);
    if (!name) return undefined;
    return this.bufferTarget(name, c.pageIndex?.[0]);
  }

  private bufferTarget(name: A.Name, index: C.PageIndexCstNode | undefined): A.Target | undefined {
    if (!index) return { kind: "buffer", name, range: name.range };
    const first = this.numberFromToken(index.children.first?.[0]);
    if (!first) return undefined;
    const closing = index.children.RBracket?.[0] ?? index.children.RParen?.[0];
    if (!this.isRealToken(closing)) return undefined;
    const end = index.children.DotDot ? this.numberFromToken(index.children.end?.[0]) : undefined;
    if (index.children.DotDot && !end) return undefined;
    const range = this.spanning(name.range, this.rangeOfTokens(closing, closing));
    return { kind: "buffer", name, pages: end ? { first, end } : { first }, range };
  }

  private stepRef(node: C.StepRefCstNode | undefined): A.StepRef | undefined {
    if (!node) return undefined;
    const c = node.children;
    const relation: A.StepRelation = c.Before ? "before" : c.After ? "after" : "at";
    const step = this.nameFromToken(c.step?.[0]);
    const range = this.rangeOfNode(node);
    if (!step || !range) return undefined;
    return { kind: "step-ref", relation, step, range };
  }

  private cpuIds(node: C.CpuIdsCstNode | undefined): { first: A.NumberLiteral; last?: A.NumberLiteral } | undefined {
    if (!node) return undefined;
    const first = this.numberFromToken(node.children.first?.[0]);
    if (!first) return undefined;
    if (!node.children.DotDot && !node.children.Dash) return { first };
    const last = this.numberFromToken(node.children.last?.[0]);
    return last ? { first, last } : undefined;
  }

  // ---- items ------------------------------------------------------------------------------

  /** Appends the AST of one top-level item's CST to `items` (`expect under V { A; B }` gives two). */
  topLevelItem(node: C.ItemCstNode, items: A.TopLevelItem[]): void {
    const e = node.children.expectItem?.[0];
    if (e) {
      for (const x of this.expectItems(e)) items.push(x);
      return;
    }
    const item = this.item(node);
    if (item) items.push(item);
  }

  scenario(items: A.TopLevelItem[], comments: readonly IToken[], textLength: number): A.Scenario {
    return {
      kind: "scenario",
      items,
      comments: comments.map((t) => ({ text: t.image, range: this.rangeOfTokens(t, t) })),
      range: wholeText(this.source, textLength),
    };
  }

  private item(node: C.ItemCstNode): A.TopLevelItem | undefined {
    const c = node.children;
    if (c.machineBlock) return this.machineBlock(c.machineBlock[0]!);
    if (c.cpusBlock) return this.cpusBlock(c.cpusBlock[0]!);
    if (c.kernelBlock) return this.kernelBlock(c.kernelBlock[0]!);
    if (c.policyDefinition) return this.policyDefinition(c.policyDefinition[0]!);
    if (c.bufferDeclaration) return this.bufferDeclaration(c.bufferDeclaration[0]!);
    if (c.vmallocDeclaration) return this.vmallocDeclaration(c.vmallocDeclaration[0]!);
    if (c.bootBlock) return this.bootBlock(c.bootBlock[0]!);
    if (c.showItem) return this.showItem(c.showItem[0]!);
    if (c.chartItem) return this.chartItem(c.chartItem[0]!);
    if (c.compareItem) return this.compareItem(c.compareItem[0]!);
    if (c.sweepItem) return this.sweepItem(c.sweepItem[0]!);
    if (c.runItem) return this.runItem(c.runItem[0]!);
    if (c.printItem) return this.printItem(c.printItem[0]!);
    if (c.loadItem) return this.loadItem(c.loadItem[0]!);
    return undefined;
  }

  private machineBlock(node: C.MachineBlockCstNode): A.MachineBlock | undefined {
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    const statements: A.MachineStatement[] = [];
    for (const s of node.children.machineStatement ?? []) {
      const st = this.machineStatement(s);
      if (st) statements.push(st);
    }
    return { kind: "machine", statements, range };
  }

  private machineStatement(node: C.MachineStatementCstNode): A.MachineStatement | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    if (c.Granule) {
      const size = this.numberOf(c.sizeValue?.[0]);
      return size && { kind: "granule", size, range };
    }
    if (c.VaBits) {
      const bits = this.numberFromToken(c.DecimalLiteral?.[0]);
      return bits && { kind: "va-bits", bits, range };
    }
    if (c.PaBits) {
      const bits = this.numberFromToken(c.paBits?.[0]);
      return bits && { kind: "pa-bits", bits, range };
    }
    if (c.Memory || c.Nomap) {
      const region = this.region(c.region?.[0]);
      return region && { kind: c.Memory ? "memory" : "nomap", region, range };
    }
    const img = c.imageStatement?.[0];
    if (!img) return undefined;
    const ic = img.children;
    return {
      kind: "image",
      ...(ic.At ? { at: this.numberOf(ic.address?.[0]) } : {}),
      ...(ic.Text ? { text: this.numberOf(ic.textSize?.[0]) } : {}),
      ...(ic.Init ? { init: this.numberOf(ic.initSize?.[0]) } : {}),
      ...(ic.Data ? { data: this.numberOf(ic.dataSize?.[0]) } : {}),
      range,
    };
  }

  private cpusBlock(node: C.CpusBlockCstNode): A.CpusBlock | undefined {
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    const statements: A.CpuStatement[] = [];
    for (const s of node.children.cpuStatement ?? []) {
      const st = this.cpuStatement(s);
      if (st) statements.push(st);
    }
    return { kind: "cpus", statements, range };
  }

  private cpuStatement(node: C.CpuStatementCstNode): A.CpuStatement | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const ids = this.cpuIds(c.cpuIds?.[0]);
    if (!range || !ids) return undefined;
    const traits = (c.trait ?? []).map((t) => this.nameFromToken(t)).filter((n): n is A.Name => n !== undefined);
    const rev = c.RevisionLiteral?.[0];
    let revision: A.CpuStatement["revision"];
    if (this.isRealToken(rev)) {
      revision = this.nodes.revision(rev);
    }
    return this.nodes.cpu(ids, traits, revision, c.Boot !== undefined, c.Late !== undefined, range);
  }

  private kernelBlock(node: C.KernelBlockCstNode): A.KernelBlock | undefined {
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    const statements: A.KernelStatement[] = [];
    for (const s of node.children.kernelStatement ?? []) {
      const st = this.kernelStatement(s);
      if (st) statements.push(st);
    }
    return { kind: "kernel", statements, range };
  }

  private kernelStatement(node: C.KernelStatementCstNode): A.KernelStatement | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    if (c.Version || c.Policy) {
      const version = this.nameOf(c.versionName?.[0]);
      return version && { kind: "version", version, range };
    }
    if (c.Cmdline) {
      const s = c.StringLiteral?.[0];
      if (!this.isRealToken(s)) return undefined;
      return { kind: "cmdline", text: this.stringValue(s), options: this.nodes.cmdlineWords(s), range };
    }
    if (c.Realm) return { kind: "realm", range };
    if (c.Config) {
      const option = this.nameFromToken(c.option?.[0]);
      const value = c.word ? this.nameFromToken(c.word[0]) : this.numberFromToken(c.DecimalLiteral?.[0] ?? c.HexLiteral?.[0]);
      return option && value && { kind: "config", option, value, range };
    }
    if (c.Kaslr) {
      const seed = this.numberFromToken(c.seed?.[0]);
      return seed && { kind: "kaslr-seed", seed, range };
    }
    if (c.Alias) {
      const start = this.nameFromToken(c.aliasStart?.[0]);
      return start && { kind: "alias", start, range };
    }
    const size = this.numberOf(c.sizeValue?.[0]);
    return size && { kind: "swiotlb", size, range };
  }

  private policyDefinition(node: C.PolicyDefinitionCstNode): A.PolicyDefinition | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const name = this.nameFromToken(c.policyName?.[0]);
    const base = this.nameOf(c.base?.[0]);
    if (!range || !name || !base) return undefined;
    const settings: A.PolicySettingStatement[] = [];
    for (const s of c.policySetting ?? []) {
      const r = this.rangeOfNode(s);
      const setting = this.nameFromToken(s.children.setting?.[0]);
      const value = this.nameFromToken(s.children.value?.[0]);
      if (r && setting && value) settings.push({ name: setting, value, range: r });
    }
    return { kind: "policy", name, base, settings, range };
  }

  private bufferDeclaration(node: C.BufferDeclarationCstNode): A.BufferDeclaration | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const name = this.nameOf(c.name?.[0]);
    const size = this.numberOf(c.size?.[0]);
    if (!range || !name || !size) return undefined;
    const at = c.At ? this.numberOf(c.address?.[0]) : undefined;
    if (c.At && !at) return undefined;
    const align = c.Align ? this.numberOf(c.alignment?.[0]) : undefined;
    if (c.Align && !align) return undefined;
    return { kind: "buffer", name, ...(at ? { at } : {}), size, ...(align ? { align } : {}), range };
  }

  private vmallocDeclaration(node: C.VmallocDeclarationCstNode): A.VmallocDeclaration | undefined {
    const range = this.rangeOfNode(node);
    const name = this.nameOf(node.children.name?.[0]);
    const size = this.numberOf(node.children.sizeValue?.[0]);
    if (!range || !name || !size) return undefined;
    if (!node.children.At) return { kind: "vmalloc", name, size, range };
    const at = this.numberOf(node.children.address?.[0]);
    return at && { kind: "vmalloc", name, at, size, range };
  }

  private bootBlock(node: C.BootBlockCstNode): A.BootBlock | undefined {
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    const statements: A.BootStatement[] = [];
    // Keep source order across the three statement kinds.
    const all: CstNode[] = [
      ...(node.children.callsAt ?? []),
      ...(node.children.moveStatement ?? []),
      ...(node.children.cpuEvent ?? []),
    ].sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0));
    for (const s of all) {
      const st =
        s.name === "callsAt"
          ? this.callsAt(s as C.CallsAtCstNode)
          : s.name === "moveStatement"
            ? this.moveStatement(s as C.MoveStatementCstNode)
            : this.cpuEvent(s as C.CpuEventCstNode);
      if (st) statements.push(st);
    }
    return { kind: "boot", statements, range };
  }

  private callsAt(node: C.CallsAtCstNode): A.BootStatement | undefined {
    const range = this.rangeOfNode(node);
    const when = this.stepRef(node.children.stepRef?.[0]);
    if (!range || !when) return undefined;
    const calls: A.CallStatement[] = [];
    for (const s of node.children.callStatement ?? []) {
      const call = this.callStatement(s);
      if (call) calls.push(call);
    }
    return { kind: "calls-at", when, calls, range };
  }

  private callStatement(node: C.CallStatementCstNode): A.CallStatement | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const call = this.nameFromToken(c.call?.[0]);
    if (!range || !call) return undefined;
    const target = c.target ? this.target(c.target[0]) : undefined;
    if (c.target && !target) return undefined;
    const argument = c.argument ? this.numberFromToken(c.argument[0]) : undefined;
    const cpu = c.On ? this.numberFromToken(c.cpu?.[0]) : undefined;
    if (c.On && !cpu) return undefined;
    return {
      kind: "call",
      call,
      ...(target ? { target } : {}),
      ...(argument ? { argument } : {}),
      ...(cpu ? { cpu } : {}),
      range,
    };
  }

  private moveStatement(node: C.MoveStatementCstNode): A.BootStatement | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const call = this.nameFromToken(c.call?.[0]);
    const stepTok = c.step?.[0];
    const step = this.nameFromToken(stepTok);
    const relTok = c.To?.[0] ?? c.Before?.[0] ?? c.After?.[0];
    if (!range || !call || !step || !this.isRealToken(relTok) || !stepTok) return undefined;
    const relation: A.StepRelation = c.Before ? "before" : c.After ? "after" : "at";
    return { kind: "move", call, when: { kind: "step-ref", relation, step, range: this.rangeOfTokens(relTok, stepTok) }, range };
  }

  private cpuEvent(node: C.CpuEventCstNode): A.BootStatement | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const ids = this.cpuIds(c.cpuIds?.[0]);
    const when = this.stepRef(c.stepRef?.[0]);
    if (!range || !ids || !when) return undefined;
    return { kind: "cpu-event", event: c.Hotplug ? "hotplug" : "online", first: ids.first, ...(ids.last ? { last: ids.last } : {}), when, range };
  }

  /** One item per expectation: `expect under V { A; B }` gives two, each scoped to V. */
  private expectItems(node: C.ExpectItemCstNode): (A.ExpectItem | A.ExpectPtdumpItem)[] {
    const c = node.children;
    const under = (c.under ?? []).map((v) => this.nameOf(v)).filter((n): n is A.Name => n !== undefined);
    const scoped = c.Under !== undefined;
    const out: (A.ExpectItem | A.ExpectPtdumpItem)[] = [];
    for (const e of c.expectation ?? []) {
      // A lone expectation spans the whole item (`expect` included); one in a block spans itself.
      const range = scoped && c.LCurly ? this.rangeOfNode(e) : this.rangeOfNode(node);
      if (!range) continue;
      const ec = e.children;
      if (ec.Matches) {
        // `expect ptdump matches "dump.txt" [RANGE]` (not scoped: a dump is one kernel's).
        const view = this.nameFromToken(ec.dumpView?.[0]);
        const file = ec.dumpFile?.[0];
        if (!view || !this.isRealToken(file)) continue;
        const region = ec.dumpRange ? this.region(ec.dumpRange[0]) : undefined;
        if (ec.dumpRange && !region) continue;
        out.push({ kind: "expect-ptdump", view, file: this.stringValue(file), fileRange: this.rangeOfTokens(file, file), ...(region ? { region } : {}), range });
        continue;
      }
      const expectation = this.expectation(ec);
      if (expectation) out.push({ kind: "expect", expectation, ...(scoped ? { under } : {}), range });
    }
    return out;
  }

  private expectation(c: C.ExpectationCstChildren): A.Expectation | undefined {
    if (c.Pagetables) {
      const count = this.numberFromToken(c.pagetableCount?.[0]);
      const when = this.stepRef(c.stepRef?.[0]);
      return count && { kind: "pagetables", count, ...(when ? { when } : {}) };
    }
    if (c.Warns) {
      const count = this.numberFromToken(c.warnCount?.[0]);
      const when = this.stepRef(c.stepRef?.[0]);
      return count && { kind: "warns", count, ...(when ? { when } : {}) };
    }
    let subject: A.Target | undefined;
    if (c.region) {
      const region = this.region(c.region[0]);
      subject = region && { kind: "region", region, range: region.range };
    } else {
      const name = this.nameOf(c.subject?.[0]);
      subject = name && this.bufferTarget(name, c.pageIndex?.[0]);
    }
    if (!subject) return undefined;
    const rangeExp = c.rangeExpectation?.[0];
    if (rangeExp) {
      const rc = rangeExp.children;
      const when = this.stepRef(rc.stepRef?.[0]);
      if (rc.Leaf) {
        const size = this.numberOf(rc.sizeValue?.[0]);
        return size && { kind: "leaf", target: subject, size, ...(when ? { when } : {}) };
      }
      const attributes = (rc.attribute ?? []).map((t) => this.nameFromToken(t)).filter((n): n is A.Name => n !== undefined);
      if (attributes.length === 0) return undefined;
      return { kind: "attributes", target: subject, attributes, ...(when ? { when } : {}) };
    }
    const callExp = c.callExpectation?.[0];
    if (!callExp || subject.kind !== "buffer") return undefined;
    const ec = callExp.children;
    // `expect buf[0] == 0` has no call name: the parser accepted it, the AST cannot.
    if (subject.pages) return undefined;
    const target = ec.target ? this.target(ec.target[0]) : undefined;
    if (ec.target && !target) return undefined;
    const when = this.stepRef(ec.stepRef?.[0]);
    const outcomes: A.CallOutcome[] = [];
    if (ec.EqualsEquals) {
      const value = this.returnCode(ec.returnCode?.[0]);
      const r = ec.returnCode?.[0] && this.rangeOfNode(ec.returnCode[0]);
      if (!value || !r) return undefined;
      outcomes.push({ field: "returns", value, range: r });
    } else {
      for (const o of ec.callOutcome ?? []) {
        const outcome = this.callOutcome(o);
        if (outcome) outcomes.push(outcome);
      }
      if (outcomes.length === 0) return undefined;
    }
    return { kind: "call-result", call: subject.name, ...(target ? { target } : {}), ...(when ? { when } : {}), outcomes };
  }

  private returnCode(node: C.ReturnCodeCstNode | undefined): A.NumberLiteral | A.Name | undefined {
    if (!node) return undefined;
    if (node.children.ErrnoLiteral) return this.nameFromToken(node.children.ErrnoLiteral[0]);
    return this.numberFromToken(node.children.DecimalLiteral?.[0]);
  }

  private callOutcome(node: C.CallOutcomeCstNode): A.CallOutcome | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    if (c.Returns) {
      const value = this.returnCode(c.returnCode?.[0]);
      return value && { field: "returns", value, range };
    }
    const field: A.CallOutcomeField = c.Warns ? "warns" : c.Pages ? "pages" : c.Flushes ? "flushes" : "splits";
    const value = this.numberFromToken(c.count?.[0]);
    return value && { field, value, range };
  }

  private showItem(node: C.ShowItemCstNode): A.ShowItem | undefined {
    const range = this.rangeOfNode(node);
    const views = (node.children.view ?? []).map((t) => this.nameFromToken(t)).filter((n): n is A.Name => n !== undefined);
    if (!range || views.length === 0) return undefined;
    // One range for the show item, wherever it is written (`show ptdump RANGE, stats`).
    const targets = node.children.target ?? [];
    const target = targets.length > 0 ? this.target(targets[targets.length - 1]!) : undefined;
    if (targets.length > 0 && !target) return undefined;
    const when = this.stepRef(node.children.stepRef?.[0]);
    if (node.children.stepRef && !when) return undefined;
    return { kind: "show", views, ...(target ? { target } : {}), ...(when ? { when } : {}), range };
  }

  private chartItem(node: C.ChartItemCstNode): A.ChartItem | undefined {
    const c = node.children;
    const range = this.rangeOfNode(node);
    const chart = this.nameFromToken(c.chart?.[0]);
    if (!range || !chart) return undefined;
    const target = c.target ? this.target(c.target[0]) : undefined;
    if (c.target && !target) return undefined;
    const when = this.stepRef(c.stepRef?.[0]);
    return { kind: "chart", chart, ...(target ? { target } : {}), ...(when ? { when } : {}), range };
  }

  private compareItem(node: C.CompareItemCstNode): A.CompareItem | undefined {
    const range = this.rangeOfNode(node);
    const versions = (node.children.versionName ?? []).map((v) => this.nameOf(v)).filter((n): n is A.Name => n !== undefined);
    return range && versions.length > 0 ? { kind: "compare", versions, range } : undefined;
  }

  private sweepItem(node: C.SweepItemCstNode): A.SweepItem | undefined {
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    const axes: A.SweepAxis[] = [];
    for (const a of node.children.sweepAxis ?? []) {
      const r = this.rangeOfNode(a);
      const axis = a.children.axis ? this.nameOf(a.children.axis[0]) : this.nameFromToken(a.children.policyAxis?.[0]);
      if (!r || !axis) continue;
      const values: A.SweepValue[] = [];
      for (const v of a.children.sweepValue ?? []) {
        const t = this.anyToken(v);
        if (!t) continue;
        const asNumber = v.children.Identifier || v.children.VersionLiteral || v.children.On ? undefined : this.numberFromToken(t);
        const value = asNumber ?? this.nameFromToken(t);
        if (value) values.push(value);
      }
      const spanNode = a.children.sweepRange?.[0];
      const span = spanNode ? this.sweepSpan(spanNode) : undefined;
      const kind = { address: a.children.At !== undefined, ...(a.children.Size ? { size: true } : {}) };
      if (span) axes.push({ axis, ...kind, values: [], span, range: r });
      else if (values.length > 0) axes.push({ axis, ...kind, values, range: r });
    }
    return axes.length > 0 ? { kind: "sweep", axes, range } : undefined;
  }

  private sweepSpan(node: C.SweepRangeCstNode): A.SweepSpan | undefined {
    const range = this.rangeOfNode(node);
    const from = this.numberOf(node.children.from?.[0]);
    const to = this.numberOf(node.children.to?.[0]);
    const step = this.numberOf(node.children.step?.[0]);
    return range && from && to && step ? { from, to, step, range } : undefined;
  }

  private runItem(node: C.RunItemCstNode): A.RunItem | undefined {
    const range = this.rangeOfNode(node);
    if (!range) return undefined;
    const version = this.nameOf(node.children.versionName?.[0]);
    return { kind: "run", ...(version ? { version } : {}), range };
  }

  private printItem(node: C.PrintItemCstNode): A.PrintItem | undefined {
    const range = this.rangeOfNode(node);
    const s = node.children.StringLiteral?.[0];
    if (!range || !this.isRealToken(s)) return undefined;
    return { kind: "print", text: this.stringValue(s), range };
  }

  private loadItem(node: C.LoadItemCstNode): A.LoadItem | undefined {
    const range = this.rangeOfNode(node);
    const c = node.children;
    const what = this.nameFromToken(c.what?.[0]);
    const file = c.file?.[0];
    const name = this.nameFromToken(c.alias?.[0]);
    if (!range || !what || !name || !this.isRealToken(file)) return undefined;
    return { kind: "load", what, file: this.stringValue(file), fileRange: this.rangeOfTokens(file, file), name, range };
  }
}

/** A scenario's range: the whole text, its end at line 1 column 1 (as the parser always gave it). */
export function wholeText(source: string, textLength: number): A.SourceRange {
  return { source, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: textLength } };
}
