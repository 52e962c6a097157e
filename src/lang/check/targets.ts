// Checks of what a call or an expectation points at: a declared buffer (with page indices
// inside it) or a valid physical range, of the kind the call takes (catalogue `target`).
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import type { CallInfo } from "../../catalog/index.js";
import type { CheckContext } from "./context.js";
import { checkRegion } from "./regions.js";

/** Pages of a declared buffer or vmalloc area. */
function pagesOf(ctx: CheckContext, decl: A.BufferDeclaration | A.VmallocDeclaration): bigint {
  return (decl.size.value + ctx.pageSize - 1n) / ctx.pageSize;
}

/** Checks a target on its own: the buffer exists, indices fit, the region is valid. */
export function checkTarget(ctx: CheckContext, t: A.Target, what: string): "buffer" | "vmalloc" | "region" | undefined {
  if (t.kind === "region") return checkRegion(ctx, what, t.region) ? "region" : undefined;
  const declared = ctx.buffers.get(t.name.text);
  if (!declared) {
    ctx.report(t.name.range, msg.bufferUndefined(t.name.text, ctx.closestBuffer(t.name.text)));
    return undefined;
  }
  if (t.pages) {
    const pages = pagesOf(ctx, declared);
    const { first, end } = t.pages;
    if (end && end.value <= first.value) {
      ctx.report(end.range, msg.pageRangeEmpty(t.name.text, first.value, end.value));
      return undefined;
    }
    if (first.value >= pages) {
      ctx.report(first.range, msg.pageIndexOutOfRange(t.name.text, first.value, pages));
      return undefined;
    }
    if (end && end.value > pages) {
      ctx.report(end.range, msg.pageIndexOutOfRange(t.name.text, end.value - 1n, pages));
      return undefined;
    }
  }
  return declared.kind === "vmalloc" ? "vmalloc" : "buffer";
}

const WANTS: Readonly<Record<CallInfo["target"], string>> = {
  linear: "a linear-map range (a buffer or [start..end))",
  vmalloc: "a vmalloc area",
  page: "one page of a buffer (buf or buf[i])",
  memory: "a physical range (start size S) outside boot memory",
  none: "no target",
};

function describe(t: A.Target, kind: "buffer" | "vmalloc" | "region"): string {
  if (kind === "region") return "a physical range";
  return kind === "vmalloc" ? `vmalloc area '${t.kind === "buffer" ? t.name.text : ""}'` : `buffer '${t.kind === "buffer" ? t.name.text : ""}'`;
}

function isOnePage(t: A.Target): boolean {
  if (t.kind !== "buffer" || !t.pages?.end) return true;
  return t.pages.end.value - t.pages.first.value === 1n;
}

/** Checks a call's target and argument against what the catalogue says the call takes. */
export function checkCallShape(ctx: CheckContext, info: CallInfo, call: { call: A.Name; target?: A.Target; argument?: A.NumberLiteral; range: A.SourceRange }, checkArgument: boolean): void {
  const name = call.call.text;
  if (!call.target) {
    if (info.target !== "none") ctx.report(call.range, msg.callTargetMissing(name, WANTS[info.target]));
  } else if (info.target === "none") {
    ctx.report(call.target.range, msg.callTargetKind(name, WANTS.none, "a target"));
  } else {
    const kind = checkTarget(ctx, call.target, `${name} range`);
    if (kind) {
      const ok =
        (info.target === "linear" && (kind === "buffer" || kind === "region")) ||
        (info.target === "vmalloc" && kind === "vmalloc") ||
        (info.target === "memory" && kind === "region") ||
        (info.target === "page" && kind === "buffer" && isOnePage(call.target));
      if (!ok) {
        const got = info.target === "page" && kind === "buffer" ? "several pages" : describe(call.target, kind);
        ctx.report(call.target.range, msg.callTargetKind(name, WANTS[info.target], got));
      }
    }
  }
  if (!checkArgument) return;
  if (info.argument === "enable") {
    if (!call.argument) ctx.report(call.range, msg.callArgumentMissing(name));
    else if (call.argument.value !== 0n && call.argument.value !== 1n) ctx.report(call.argument.range, msg.callArgumentValue(name, call.argument.value));
  } else if (call.argument) {
    ctx.report(call.argument.range, msg.callArgumentUnexpected(name));
  }
}
