// Checks of buffer and vmalloc declarations: unique names, sizes in pages, alignments that
// are powers of two, and fixed buffers inside memory, outside nomap holes, not overlapping.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { KERNEL_PLACEMENTS } from "../../catalog/index.js";
import { contains, overlaps, type CheckContext } from "./context.js";
import { DisjointSpans } from "./disjoint-spans.js";
import { declarationsOf } from "./layout.js";
import { checkPageSize, checkRegion } from "./regions.js";

export function checkBufferDeclarations(ctx: CheckContext, ast: A.Scenario): void {
  const fixed = new DisjointSpans();
  ctx.buffers = declarationsOf(ast);
  for (let itemIndex = 0; itemIndex < ast.items.length; itemIndex++) {
    const item = ast.items[itemIndex]!;
    if (item.kind !== "buffer" && item.kind !== "vmalloc") continue;
    const first = ctx.buffers.get(item.name.text)!;
    if (first !== item) {
      ctx.report(item.name.range, msg.bufferDuplicate(item.name.text, first.range.start.line));
      continue;
    }
    const reserved = Object.hasOwn(KERNEL_PLACEMENTS, item.name.text) ? KERNEL_PLACEMENTS[item.name.text] : undefined;
    if (reserved) {
      ctx.report(item.name.range, msg.bufferNameReserved(item.name.text, reserved));
      continue;
    }
    if (item.kind === "vmalloc" && !item.at) {
      checkPageSize(ctx, `vmalloc '${item.name.text}'`, item.size);
      continue;
    }
    const what = `${item.kind} '${item.name.text}'`;
    if (item.kind === "buffer" && item.align) {
      const a = item.align.value;
      if (a < ctx.pageSize || (a & (a - 1n)) !== 0n) ctx.report(item.align.range, msg.alignInvalid(a, ctx.pageSize));
      else if (item.at && item.at.value % a !== 0n) ctx.report(item.at.range, msg.addressMisaligned(what, item.at.value, a, "its align"));
    }
    if (!item.at) {
      checkPageSize(ctx, what, item.size);
      continue;
    }
    const span = checkRegion(ctx, what, { kind: "sized", start: item.at, size: item.size, range: item.range });
    if (!span) continue;
    if (ctx.banks.length > 0 && !ctx.banks.some((b) => contains(b, span))) {
      ctx.report(item.range, msg.bufferOutsideMemory(item.name.text, span[0], span[1]));
      continue;
    }
    const hole = ctx.nomaps.find((n) => overlaps(n, span));
    if (hole) {
      ctx.report(item.range, msg.bufferInNomap(item.name.text, span[0], span[1], hole));
      continue;
    }
    const clash = fixed.addOrClash(item.name.text, span);
    if (clash) ctx.report(item.range, msg.bufferOverlap(item.name.text, span, clash.name, clash.span));
  }
}
