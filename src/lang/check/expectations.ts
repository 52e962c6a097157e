// Checks of `expect` items: the call they are about is actually made (with that target, at
// that step), attributes and return codes are ones linmap evaluates, and leaf sizes exist
// for the granule.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { ERRNOS, KERNEL_OWN_CALLS, RANGE_ATTRIBUTES, findCall } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import { sizeText } from "../numbers.js";
import type { CheckContext } from "./context.js";
import { checkCallName, checkStep } from "./boot.js";
import { checkCallShape, checkTarget } from "./targets.js";

interface MadeCall {
  readonly call: string;
  readonly target?: A.Target;
  readonly when: A.StepRef;
}

function madeCalls(items: readonly A.TopLevelItem[]): MadeCall[] {
  const made: MadeCall[] = [];
  for (const item of items) {
    if (item.kind !== "boot") continue;
    for (const s of item.statements) {
      if (s.kind !== "calls-at") continue;
      for (const c of s.calls) {
        const info = findCall(c.call.text);
        if (info) made.push({ call: info.name, ...(c.target ? { target: c.target } : {}), when: s.when });
      }
    }
  }
  return made;
}

function sameTarget(a: A.Target, b: A.Target): boolean {
  if (a.kind === "buffer" && b.kind === "buffer") {
    return a.name.text === b.name.text && a.pages?.first.value === b.pages?.first.value && a.pages?.end?.value === b.pages?.end?.value;
  }
  if (a.kind === "region" && b.kind === "region") {
    const bounds = (r: A.Region) => (r.kind === "bounds" ? [r.start.value, r.end.value] : [r.start.value, r.start.value + r.size.value]);
    const [x, y] = [bounds(a.region), bounds(b.region)];
    return x[0] === y[0] && x[1] === y[1];
  }
  return false;
}

function targetText(t: A.Target): string {
  if (t.kind === "region") return "on that range";
  return `on '${t.name.text}'${t.pages ? `[${t.pages.first.value}${t.pages.end ? `..${t.pages.end.value})` : "]"}` : ""}`;
}

export function checkExpectations(ctx: CheckContext, items: readonly A.TopLevelItem[]): void {
  const made = madeCalls(items);
  for (const item of items) {
    if (item.kind !== "expect") continue;
    const e = item.expectation;
    if (e.when) checkStep(ctx, e.when.step);
    switch (e.kind) {
      case "call-result":
        checkCallExpectation(ctx, e, made);
        break;
      case "leaf":
        checkTarget(ctx, e.target, "expected range");
        if (!ctx.granule.leafSizes.includes(e.size.value)) {
          ctx.report(e.size.range, msg.expectLeafSize(e.size.value, ctx.granule.name, ctx.granule.leafSizes.map(sizeText)));
        }
        break;
      case "attributes":
        checkTarget(ctx, e.target, "expected range");
        checkAttributes(ctx, e.attributes);
        break;
      case "pagetables":
      case "warns":
        break;
    }
  }
}

function checkCallExpectation(ctx: CheckContext, e: Extract<A.Expectation, { kind: "call-result" }>, made: readonly MadeCall[]): void {
  for (const o of e.outcomes) {
    if (o.field !== "returns") continue;
    if (o.value.kind === "name" && !ERRNOS.some((x) => x.name === o.value.text)) {
      const text = (o.value as A.Name).text;
      ctx.report(o.value.range, msg.errnoUnknown(text, closestName(text, ERRNOS.map((x) => x.name))));
    } else if (o.value.kind === "number" && o.value.value !== 0n) {
      ctx.report(o.value.range, msg.errnoUnknown(o.value.text));
    }
  }
  if (!checkCallName(ctx, e.call)) return;
  const info = findCall(e.call.text)!;
  checkCallShape(ctx, info, { call: e.call, ...(e.target ? { target: e.target } : {}), range: e.call.range }, false);
  if (KERNEL_OWN_CALLS.includes(info.name) && !e.target) return;
  const match = made.find(
    (m) =>
      m.call === info.name &&
      (!e.target || (m.target !== undefined && sameTarget(m.target, e.target))) &&
      (!e.when || (m.when.step.text === e.when.step.text && m.when.relation === e.when.relation)),
  );
  if (!match) {
    const detail = [e.target ? targetText(e.target) : "", e.when ? `${e.when.relation} ${e.when.step.text}` : ""].filter((x) => x).join(" ");
    ctx.report(e.call.range, msg.expectCallNeverMade(info.name, detail));
  }
}

function checkAttributes(ctx: CheckContext, attributes: readonly A.Name[]): void {
  const seen = new Set<string>();
  for (const a of attributes) {
    const info = RANGE_ATTRIBUTES.find((x) => x.name === a.text);
    if (!info) {
      ctx.report(a.range, msg.expectAttributeUnknown(a.text, closestName(a.text, RANGE_ATTRIBUTES.map((x) => x.name)), RANGE_ATTRIBUTES.map((x) => x.name)));
      continue;
    }
    if (seen.has(info.opposite)) ctx.report(a.range, msg.expectAttributeConflict(info.opposite, info.name));
    seen.add(info.name);
  }
}
