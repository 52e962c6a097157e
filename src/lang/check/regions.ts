// Checks every physical range written in a scenario must pass, whatever it is for:
// non-empty, page-aligned, inside the 52-bit physical address space.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { PHYS_ADDR_LIMIT } from "../../catalog/index.js";
import { regionBounds, type CheckContext } from "./context.js";

/** Validates a region; returns its bounds when it is usable by later checks. */
export function checkRegion(ctx: CheckContext, what: string, r: A.Region): [bigint, bigint] | undefined {
  const [start, end] = regionBounds(r);
  if (r.kind === "sized" && r.size.value === 0n) {
    ctx.report(r.size.range, msg.sizeZero(what));
    return undefined;
  }
  if (end <= start) {
    ctx.report(r.range, msg.rangeEmpty(what, start, end));
    return undefined;
  }
  if (end > PHYS_ADDR_LIMIT) {
    ctx.report(r.range, msg.addressBeyondPa(what, start, end));
    return undefined;
  }
  let ok = true;
  const page = ctx.pageSize;
  if (start % page !== 0n) {
    ctx.report(r.start.range, msg.addressMisaligned(what, start, page, `the ${ctx.granule.name} page size`));
    ok = false;
  }
  if (r.kind === "sized" && r.size.value % page !== 0n) {
    ctx.report(r.size.range, msg.sizeMisaligned(what, r.size.value, page, ctx.granule.name));
    ok = false;
  } else if (r.kind === "bounds" && end % page !== 0n) {
    ctx.report(r.end.range, msg.addressMisaligned(`${what} end`, end, page, `the ${ctx.granule.name} page size`));
    ok = false;
  }
  return ok ? [start, end] : undefined;
}

/** A size that must be a non-zero multiple of the page size. */
export function checkPageSize(ctx: CheckContext, what: string, size: A.NumberLiteral): boolean {
  if (size.value === 0n) {
    ctx.report(size.range, msg.sizeZero(what));
    return false;
  }
  if (size.value % ctx.pageSize !== 0n) {
    ctx.report(size.range, msg.sizeMisaligned(what, size.value, ctx.pageSize, ctx.granule.name));
    return false;
  }
  if (size.value >= PHYS_ADDR_LIMIT) {
    ctx.report(size.range, msg.addressBeyondPa(what, 0n, size.value));
    return false;
  }
  return true;
}
