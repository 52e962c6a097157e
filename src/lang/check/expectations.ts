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

/** What identifies a target for an expectation: the buffer and its pages, or the bounds of the range. */
function targetKey(t: A.Target): string {
  if (t.kind === "buffer") return `b ${t.name.text} ${t.pages?.first.value ?? "-"} ${t.pages?.end?.value ?? "-"}`;
  const r = t.region;
  return r.kind === "bounds" ? `r ${r.start.value} ${r.end.value}` : `r ${r.start.value} ${r.start.value + r.size.value}`;
}

function whenKey(w: A.StepRef): string {
  return `${w.relation} ${w.step.text}`;
}

/** A call, and the target and step an expectation may name (empty: any). */
function callKey(call: string, target: string, when: string): string {
  return `${call}|${target}|${when}`;
}

/**
 * The calls the boot block makes, as the questions an expectation can ask of them: made
 * at all, on this target, at this step, on this target at this step. One lookup answers
 * an expectation (a search through every call for each made 100,000 expectations on
 * 100,000 calls quadratic).
 */
function madeCalls(items: readonly A.TopLevelItem[]): Set<string> {
  const made = new Set<string>();
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    if (item.kind !== "boot") continue;
    for (let sIndex = 0; sIndex < item.statements.length; sIndex++) {
      const s = item.statements[sIndex]!;
      if (s.kind !== "calls-at") continue;
      const when = whenKey(s.when);
      for (let cIndex = 0; cIndex < s.calls.length; cIndex++) {
        const c = s.calls[cIndex]!;
        const info = findCall(c.call.text);
        if (!info) continue;
        made.add(callKey(info.name, "", "")).add(callKey(info.name, "", when));
        if (c.target) {
          const target = targetKey(c.target);
          made.add(callKey(info.name, target, "")).add(callKey(info.name, target, when));
        }
      }
    }
  }
  return made;
}

function targetText(t: A.Target): string {
  if (t.kind === "region") return "on that range";
  return `on '${t.name.text}'${t.pages ? `[${t.pages.first.value}${t.pages.end ? `..${t.pages.end.value})` : "]"}` : ""}`;
}

export function checkExpectations(ctx: CheckContext, items: readonly A.TopLevelItem[]): void {
  // Built at the first expectation about a call: most scenarios have none.
  let made: Set<string> | undefined;
  const calls = () => (made ??= madeCalls(items));
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    const item = items[itemIndex]!;
    if (item.kind !== "expect") continue;
    const e = item.expectation;
    if (e.when) checkStep(ctx, e.when.step);
    switch (e.kind) {
      case "call-result":
        checkCallExpectation(ctx, e, calls);
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

function checkCallExpectation(ctx: CheckContext, e: Extract<A.Expectation, { kind: "call-result" }>, made: () => Set<string>): void {
  for (const o of e.outcomes) {
    if (o.field !== "returns") continue;
    if (o.value.kind === "name" && !ERRNOS.some((x) => x.name === o.value.text)) {
      const text = (o.value as A.Name).text;
      ctx.report(o.value.range, msg.errnoUnknown(text, closestName(text, ERRNOS.map((x) => x.name))));
    } else if (o.value.kind === "number" && o.value.value !== 0n) {
      ctx.report(o.value.range, msg.errnoUnknown(o.value.text));
    }
  }
  const info = checkCallName(ctx, e.call);
  if (!info) return;
  checkCallShape(ctx, info, { call: e.call, ...(e.target ? { target: e.target } : {}), range: e.call.range }, false);
  if (KERNEL_OWN_CALLS.includes(info.name) && !e.target) return;
  const match = made().has(callKey(info.name, e.target ? targetKey(e.target) : "", e.when ? whenKey(e.when) : ""));
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
