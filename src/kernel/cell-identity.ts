// Which earlier cell a re-run cell replaces. JupyterLab, Notebook 7 and VS Code send a cell
// id with each execute, and the id is the cell. The classic Notebook, nbclient/nbconvert and
// jupyter console send none, so a cell is recognised by what it is instead:
// - the same source (surrounding white space aside) is the same cell run again;
// - a changed source that is about exactly the same things (the same buffers and blocks
//   defined, the same calls made at the same steps, the same expectations' subjects) is
//   that cell edited: a changed size, errno or flag.
// A cell about other things as well (a call added) is a new cell; its definitions still
// replace the same names elsewhere (see JupyterSession.commit).
import type { BootStatement, Expectation, SourceRange, Target, TopLevelItem } from "../lang/index.js";

/** What a cell is about, as comparable strings. */
export function cellSubjects(items: readonly TopLevelItem[], text: string): ReadonlySet<string> {
  const slice = (r: SourceRange) => text.slice(r.start.offset, r.end.offset).replace(/\s+/g, " ").trim();
  const target = (t: Target | undefined) => (t ? slice(t.range) : "");
  const subjects = new Set<string>();
  for (const item of items) {
    switch (item.kind) {
      case "buffer":
      case "vmalloc":
        subjects.add(`buffer ${item.name.text}`);
        break;
      case "machine":
      case "cpus":
      case "kernel":
        subjects.add(`block ${item.kind}`);
        break;
      case "boot":
        for (const s of item.statements) for (const k of bootSubjects(s, target)) subjects.add(k);
        break;
      case "expect":
        subjects.add(expectSubject(item.expectation, target));
        break;
      default:
        break;
    }
  }
  return subjects;
}

function bootSubjects(s: BootStatement, target: (t: Target | undefined) => string): string[] {
  switch (s.kind) {
    case "calls-at":
      return s.calls.map((c) => `call ${s.when.relation} ${s.when.step.text}: ${c.call.text} ${target(c.target)}`);
    case "move":
      return [`move ${s.call.text}`];
    case "cpu-event":
      return [`cpu ${s.event} ${s.first.value}`];
  }
}

function expectSubject(e: Expectation, target: (t: Target | undefined) => string): string {
  switch (e.kind) {
    case "call-result":
      return `expect ${e.call.text} ${target(e.target)}`;
    case "leaf":
    case "attributes":
      return `expect ${e.kind} ${target(e.target)}`;
    case "pagetables":
    case "warns":
      return `expect ${e.kind}`;
  }
}

export interface KnownCell {
  readonly key: string;
  readonly text: string;
  readonly subjects: ReadonlySet<string>;
}

/** The latest of `cells` that a cell without an id, of this text and these subjects, re-runs. */
export function sameCellAs(cells: readonly KnownCell[], text: string, subjects: ReadonlySet<string>): string | undefined {
  const source = text.trim();
  const latest = (match: (c: KnownCell) => boolean) => [...cells].reverse().find(match)?.key;
  return (
    latest((c) => c.text.trim() === source) ??
    (subjects.size > 0 ? latest((c) => c.subjects.size === subjects.size && [...subjects].every((s) => c.subjects.has(s))) : undefined)
  );
}
