// The canonical form of a scenario (`linmap fmt`): one statement per line, two-space
// indents, canonical keyword order, numbers as written, comments kept where they were
// (leading ones above their statement, trailing ones at its end), at most one blank line
// between top-level items. Formatting is idempotent, and parsing the output gives the same
// AST up to source ranges.
import type * as A from "./ast.js";

const INDENT = "  ";

function regionText(r: A.Region): string {
  return r.kind === "bounds" ? `[${r.start.text}..${r.end.text})` : `${r.start.text} size ${r.size.text}`;
}

function targetText(t: A.Target): string {
  if (t.kind === "region") return regionText(t.region);
  if (!t.pages) return t.name.text;
  return t.pages.end ? `${t.name.text}[${t.pages.first.text}..${t.pages.end.text})` : `${t.name.text}[${t.pages.first.text}]`;
}

function stepRefText(s: A.StepRef): string {
  return `${s.relation} ${s.step.text}`;
}

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function cpuIdsText(first: A.NumberLiteral, last?: A.NumberLiteral): string {
  return last ? `${first.text}..${last.text}` : first.text;
}

function machineStatementText(s: A.MachineStatement): string {
  switch (s.kind) {
    case "granule":
      return `granule ${s.size.text}`;
    case "va-bits":
      return `va_bits ${s.bits.text}`;
    case "pa-bits":
      return `pa_bits ${s.bits.text}`;
    case "memory":
      return `memory ${regionText(s.region)}`;
    case "nomap":
      return `nomap ${regionText(s.region)}`;
    case "image":
      return [
        "image",
        s.at ? `at ${s.at.text}` : "",
        s.text ? `text ${s.text.text}` : "",
        s.init ? `init ${s.init.text}` : "",
        s.data ? `data ${s.data.text}` : "",
      ]
        .filter((x) => x)
        .join(" ");
  }
}

function cpuStatementText(s: A.CpuStatement): string {
  return [
    `cpu ${cpuIdsText(s.first, s.last)}`,
    ...s.traits.map((t) => t.text),
    s.revision?.text ?? "",
    s.boot ? "boot" : "",
    s.late ? "late" : "",
  ]
    .filter((x) => x)
    .join(" ");
}

function kernelStatementText(s: A.KernelStatement): string {
  switch (s.kind) {
    case "version":
      return `version ${s.version.text}`;
    case "cmdline":
      return `cmdline ${quote(s.text)}`;
    case "realm":
      return "realm";
    case "config":
      return `config ${s.option.text}=${s.value.text}`;
    case "swiotlb":
      return `swiotlb ${s.size.text}`;
    case "kaslr-seed":
      return `kaslr seed ${s.seed.text}`;
    case "alias":
      return `alias ${s.start.text}`;
  }
}

function callText(c: A.CallStatement): string {
  return [c.call.text, c.target ? targetText(c.target) : "", c.argument?.text ?? "", c.cpu ? `on cpu ${c.cpu.text}` : ""]
    .filter((x) => x)
    .join(" ");
}

function outcomeValueText(v: A.NumberLiteral | A.Name): string {
  return v.text;
}

function expectationText(e: A.Expectation): string {
  const when = (w?: A.StepRef) => (w ? ` ${stepRefText(w)}` : "");
  switch (e.kind) {
    case "call-result": {
      const head = [e.call.text, e.target ? targetText(e.target) : "", e.when ? stepRefText(e.when) : ""].filter((x) => x).join(" ");
      const only = e.outcomes.length === 1 ? e.outcomes[0]! : undefined;
      if (only && only.field === "returns") return `${head} == ${outcomeValueText(only.value)}`;
      return `${head}: ${e.outcomes.map((o) => `${o.field} ${outcomeValueText(o.value)}`).join(", ")}`;
    }
    case "leaf":
      return `${targetText(e.target)} leaf ${e.size.text}${when(e.when)}`;
    case "attributes":
      return `${targetText(e.target)} is ${e.attributes.map((a) => a.text).join(", ")}${when(e.when)}`;
    case "pagetables":
      return `pagetables ${e.count.text}${when(e.when)}`;
    case "warns":
      return `warns ${e.count.text}${when(e.when)}`;
  }
}

/** One non-block item (`buffer`, `expect`, `show`, ...) in canonical form; undefined for blocks. */
/** One sweep axis as written: `policy v7.0, v7.1`, `its_prop at 0x1_0000_0000..0x2_0000_0000 step 2M`. */
export function sweepAxisText(a: A.SweepAxis): string {
  const values = a.span ? `${a.span.from.text}..${a.span.to.text} step ${a.span.step.text}` : a.values.map((v) => v.text).join(", ");
  return `${a.axis.text}${a.address ? " at" : a.size ? " size" : ""} ${values}`;
}

export function formatItemText(item: A.TopLevelItem): string | undefined {
  switch (item.kind) {
    case "buffer":
      return [
        `buffer ${item.name.text}`,
        item.at ? `at ${item.at.text}` : "",
        `size ${item.size.text}`,
        item.align ? `align ${item.align.text}` : "",
      ]
        .filter((x) => x)
        .join(" ");
    case "vmalloc":
      return `vmalloc ${item.name.text}${item.at ? ` at ${item.at.text}` : ""} size ${item.size.text}`;
    case "expect":
      return item.under ? `expect under ${item.under.map((v) => v.text).join(", ")}: ${expectationText(item.expectation)}` : `expect ${expectationText(item.expectation)}`;
    case "show":
      return `show ${item.views.map((v) => v.text).join(", ")}${item.target ? ` ${targetText(item.target)}` : ""}${item.when ? ` ${stepRefText(item.when)}` : ""}`;
    case "chart":
      return `chart ${item.chart.text}${item.target ? ` ${targetText(item.target)}` : ""}${item.when ? ` ${stepRefText(item.when)}` : ""}`;
    case "compare":
      return `compare ${item.versions.map((v) => v.text).join(", ")}`;
    case "sweep":
      return `sweep ${item.axes.map(sweepAxisText).join(" by ")}`;
    case "run":
      return item.version ? `run ${item.version.text}` : "run";
    case "print":
      return `print ${quote(item.text)}`;
    case "load":
      return `load ${item.what.text} ${quote(item.file)} as ${item.name.text}`;
    case "expect-ptdump":
      return `expect ${item.view.text} matches ${quote(item.file)}${item.region ? ` ${regionText(item.region)}` : ""}`;
    default:
      return undefined;
  }
}

/**
 * Writes lines and places comments by their source offsets. A blank line in the source
 * (between statements, or between a comment and what follows) is kept as one blank line.
 */
class Printer {
  private readonly lines: string[] = [];
  private next = 0;
  private lastSourceLine: number | undefined;

  constructor(private readonly comments: readonly A.CommentNode[]) {}

  private gapTo(sourceLine: number): void {
    if (this.lastSourceLine !== undefined && sourceLine > this.lastSourceLine + 1) this.blank();
  }

  /** Comments that start before `offset`, each on its own line. */
  leading(offset: number, indent: string): void {
    while (this.next < this.comments.length && this.comments[this.next]!.range.start.offset < offset) {
      const c = this.comments[this.next]!;
      this.gapTo(c.range.start.line);
      this.lines.push(indent + c.text);
      this.lastSourceLine = c.range.end.line;
      this.next++;
    }
  }

  /**
   * A line for the source lines `startLine..node.end.line`, with a comment that follows it on
   * its last source line (and before `limit`, where the next construct starts).
   */
  line(indent: string, text: string, startLine: number, node: A.SourceRange, limit: number): void {
    this.gapTo(startLine);
    const c = this.comments[this.next];
    if (c && c.range.start.line === node.end.line && c.range.start.offset >= node.end.offset - 1 && c.range.start.offset < limit) {
      this.lines.push(`${indent}${text}  ${c.text}`);
      this.next++;
    } else {
      this.lines.push(indent + text);
    }
    this.lastSourceLine = node.end.line;
  }

  blank(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== "") this.lines.push("");
  }

  rest(): void {
    this.leading(Infinity, "");
  }

  text(): string {
    while (this.lines[this.lines.length - 1] === "") this.lines.pop();
    return this.lines.length === 0 ? "" : `${this.lines.join("\n")}\n`;
  }
}

type Statement = {
  readonly text: string;
  /** For a block, the header's range. */
  readonly range: A.SourceRange;
  readonly children?: readonly Statement[];
  /** For a block, the whole block up to its closing brace. */
  readonly block?: A.SourceRange;
};

function blockStatements(item: A.TopLevelItem, comments: readonly A.CommentNode[]): Statement[] | undefined {
  const hasComment = (r: A.SourceRange) => comments.some((c) => c.range.start.offset > r.start.offset && c.range.start.offset < r.end.offset);
  switch (item.kind) {
    case "machine":
      return item.statements.map((s) => ({ text: machineStatementText(s), range: s.range }));
    case "cpus":
      return item.statements.map((s) => ({ text: cpuStatementText(s), range: s.range }));
    case "kernel":
      return item.statements.map((s) => ({ text: kernelStatementText(s), range: s.range }));
    case "policy":
      return item.settings.map((s) => ({ text: `${s.name.text} ${s.value.text}`, range: s.range }));
    case "boot":
      return item.statements.map((s): Statement => {
        switch (s.kind) {
          case "move":
            return { text: `move ${s.call.text} ${s.when.relation === "at" ? "to" : s.when.relation} ${s.when.step.text}`, range: s.range };
          case "cpu-event":
            return { text: `${s.event} cpu ${cpuIdsText(s.first, s.last)} ${stepRefText(s.when)}`, range: s.range };
          case "calls-at":
            // A lone call is written `at STEP: call`, unless a comment inside its braces would move.
            if (s.calls.length === 1 && !hasComment(s.range)) return { text: `${stepRefText(s.when)}: ${callText(s.calls[0]!)}`, range: s.range };
            return {
              text: `${stepRefText(s.when)} {`,
              range: s.when.range,
              block: s.range,
              children: s.calls.map((c) => ({ text: callText(c), range: c.range })),
            };
        }
      });
    default:
      return undefined;
  }
}

function printStatements(p: Printer, statements: readonly Statement[], indent: string, closeOffset: number): void {
  statements.forEach((s, i) => {
    p.leading(s.range.start.offset, indent);
    const limit = statements[i + 1]?.range.start.offset ?? closeOffset;
    if (!s.children) {
      p.line(indent, s.text, s.range.start.line, s.range, limit);
      return;
    }
    const firstChild = s.children[0]?.range.start.offset ?? s.block!.end.offset - 1;
    p.line(indent, s.text, s.range.start.line, s.range, firstChild);
    printStatements(p, s.children, indent + INDENT, s.block!.end.offset - 1);
    p.line(indent, "}", s.block!.end.line, s.block!, limit);
  });
  p.leading(closeOffset, indent);
}

/** The canonical text of a scenario. */
export function formatScenario(ast: A.Scenario): string {
  const comments = [...ast.comments].sort((a, b) => a.range.start.offset - b.range.start.offset);
  const p = new Printer(comments);
  ast.items.forEach((item, i) => {
    p.leading(item.range.start.offset, "");
    const limit = ast.items[i + 1]?.range.start.offset ?? Infinity;
    const simple = formatItemText(item);
    if (simple !== undefined) {
      p.line("", simple, item.range.start.line, item.range, limit);
      return;
    }
    const statements = blockStatements(item, comments)!;
    const close = item.range.end.offset - 1;
    const firstStatement = statements[0]?.range.start.offset ?? close;
    const header = item.kind === "policy" ? `policy ${item.name.text} from ${item.base.text} {` : `${item.kind} {`;
    p.line("", header, item.range.start.line, { source: item.range.source, start: item.range.start, end: item.range.start }, firstStatement);
    printStatements(p, statements, INDENT, close);
    p.line("", "}", item.range.end.line, item.range, limit);
  });
  p.rest();
  return p.text();
}
