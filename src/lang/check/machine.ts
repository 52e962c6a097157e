// Checks of the machine block: granule and VA size, memory banks (overlap, alignment, fit in
// the linear map), nomap holes inside banks, and the kernel image placement.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { GRANULES, IMAGE_ALIGN, SEGMENT_ALIGN, DEFAULT_IMAGE, PA_RANGES } from "../../catalog/index.js";
import { contains, overlaps, type CheckContext } from "./context.js";
import { checkRegion } from "./regions.js";

/** Settles granule and VA bits first: every alignment check depends on them. */
export function checkGranule(ctx: CheckContext, machine: A.MachineBlock): void {
  const seen = new Map<string, number>();
  for (const s of machine.statements) {
    if (s.kind !== "granule" && s.kind !== "va-bits" && s.kind !== "pa-bits" && s.kind !== "image") continue;
    const key = s.kind === "va-bits" ? "va_bits" : s.kind === "pa-bits" ? "pa_bits" : s.kind;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report(s.range, msg.settingDuplicate(key, first));
      continue;
    }
    seen.set(key, s.range.start.line);
    if (s.kind === "granule") {
      const g = GRANULES.find((x) => x.pageSize === s.size.value);
      if (g) ctx.granule = g;
      else ctx.report(s.size.range, msg.granuleInvalid(s.size.text));
    }
  }
  for (const s of machine.statements) {
    if (s.kind === "pa-bits" && !PA_RANGES.includes(Number(s.bits.value))) ctx.report(s.bits.range, msg.paBitsInvalid(s.bits.value, PA_RANGES));
  }
  for (const s of machine.statements) {
    if (s.kind !== "va-bits") continue;
    if (ctx.granule.vaBits.includes(Number(s.bits.value))) ctx.vaBits = s.bits.value;
    else ctx.report(s.bits.range, msg.vaBitsInvalid(s.bits.value, ctx.granule.name, ctx.granule.vaBits));
    break;
  }
}

export function checkMemory(ctx: CheckContext, machine: A.MachineBlock): void {
  for (const s of machine.statements) {
    if (s.kind !== "memory") continue;
    const b = checkRegion(ctx, "memory bank", s.region);
    if (!b) continue;
    const clash = ctx.banks.find((x) => overlaps(x, b));
    if (clash) ctx.report(s.region.range, msg.bankOverlap(clash, b));
    else ctx.banks.push(b);
  }
  if (ctx.banks.length > 0) {
    // The linear map covers 2^(va_bits-1) bytes from memstart_addr (the lowest bank, rounded down).
    const lowest = ctx.banks.reduce((m, b) => (b[0] < m ? b[0] : m), ctx.banks[0]![0]);
    const highest = ctx.banks.reduce((m, b) => (b[1] > m ? b[1] : m), ctx.banks[0]![1]);
    const linear = 1n << (ctx.vaBits - 1n);
    if (highest - lowest > linear) {
      const last = [...machine.statements].reverse().find((s) => s.kind === "memory")!;
      ctx.report(last.range, msg.sizeBeyondVa(highest - lowest, lowest, highest, linear, ctx.vaBits));
    }
  }
  for (const s of machine.statements) {
    if (s.kind !== "nomap") continue;
    const n = checkRegion(ctx, "nomap", s.region);
    if (!n) continue;
    if (ctx.banks.length > 0 && !ctx.banks.some((b) => contains(b, n))) ctx.report(s.region.range, msg.nomapOutsideBank(n[0], n[1]));
    else ctx.nomaps.push(n);
  }
}

export function checkImage(ctx: CheckContext, machine: A.MachineBlock): void {
  const img = machine.statements.find((s): s is Extract<A.MachineStatement, { kind: "image" }> => s.kind === "image");
  if (!img) return;
  let ok = true;
  for (const [part, lit] of [["text", img.text], ["init", img.init], ["data", img.data]] as const) {
    if (!lit) continue;
    if (lit.value === 0n) {
      ctx.report(lit.range, msg.sizeZero(`image ${part}`));
      ok = false;
    } else if (lit.value % SEGMENT_ALIGN !== 0n) {
      ctx.report(lit.range, msg.sizeMisaligned(`image ${part}`, lit.value, SEGMENT_ALIGN, "64K segment"));
      ok = false;
    }
  }
  if (!img.at) return;
  if (img.at.value % IMAGE_ALIGN !== 0n) {
    ctx.report(img.at.range, msg.addressMisaligned("kernel image", img.at.value, IMAGE_ALIGN, "arm64 loads the Image at a 2M aligned base"));
    return;
  }
  if (!ok) return;
  const size = (img.text?.value ?? DEFAULT_IMAGE.text) + (img.init?.value ?? DEFAULT_IMAGE.init) + (img.data?.value ?? DEFAULT_IMAGE.data);
  const span: [bigint, bigint] = [img.at.value, img.at.value + size];
  if (ctx.banks.length > 0 && !ctx.banks.some((b) => contains(b, span))) ctx.report(img.range, msg.imageOutsideMemory(span[0], span[1]));
}
