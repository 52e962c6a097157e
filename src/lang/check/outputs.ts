// Checks of output commands: `show` views, `chart` kinds, `compare`/`run` versions, and
// `sweep` axes with values each axis takes.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { CHART_KINDS, KERNEL_VERSIONS, SHOW_VIEWS, SWEEP_AXES } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import { hexRange } from "../numbers.js";
import type { CheckContext } from "./context.js";
import { checkVersionName } from "./kernel.js";
import { checkTarget } from "./targets.js";
import { checkStep } from "./boot.js";

/** The most points one sweep runs: each point is a whole boot. */
export const SWEEP_POINT_LIMIT = 1000;

export function checkOutputs(ctx: CheckContext, item: A.TopLevelItem): void {
  switch (item.kind) {
    case "show":
      for (const v of item.views) {
        if (!SHOW_VIEWS.some((x) => x.name === v.text)) ctx.report(v.range, msg.showUnknownView(v.text, closestName(v.text, SHOW_VIEWS.map((x) => x.name))));
      }
      if (item.target) checkTarget(ctx, item.target, "ptdump range");
      if (item.when) checkStep(ctx, item.when.step);
      break;
    case "chart":
      if (!CHART_KINDS.some((x) => x.name === item.chart.text)) {
        ctx.report(item.chart.range, msg.chartUnknownKind(item.chart.text, closestName(item.chart.text, CHART_KINDS.map((x) => x.name))));
      }
      if (item.target) checkTarget(ctx, item.target, "chart range");
      break;
    case "compare":
      for (const v of item.versions) checkVersionName(ctx, v);
      break;
    case "run":
      if (item.version) checkVersionName(ctx, item.version);
      break;
    case "sweep": {
      for (const axis of item.axes) checkSweepAxis(ctx, axis);
      const points = item.axes.reduce((n, a) => n * a.values.length, 1);
      if (points > SWEEP_POINT_LIMIT) ctx.report(item.range, msg.sweepTooLarge(points, SWEEP_POINT_LIMIT));
      break;
    }
    case "load":
      if (item.what.text !== "ptdump") ctx.report(item.what.range, msg.loadUnknownKind(item.what.text, closestName(item.what.text, ["ptdump"])));
      break;
    case "expect-ptdump":
      if (item.view.text !== "ptdump") ctx.report(item.view.range, msg.loadUnknownKind(item.view.text, closestName(item.view.text, ["ptdump"])));
      if (item.region) checkTarget(ctx, { kind: "region", region: item.region, range: item.region.range }, "ptdump range");
      break;
    default:
      break;
  }
}

function valueText(v: A.SweepValue): string {
  return v.kind === "name" ? v.text : v.text;
}

/** `A..B step S` of a buffer's address or size: not empty, a step of whole pages. */
function checkSweepSpan(ctx: CheckContext, axisName: string, span: A.SweepSpan): boolean {
  const { from, to, step } = span;
  let ok = true;
  if (to.value <= from.value) {
    ctx.report(span.range, msg.sweepRangeInvalid(axisName, `${hexRange(from.value, to.value)} is empty`));
    ok = false;
  }
  if (step.value === 0n || step.value % ctx.pageSize !== 0n) {
    ctx.report(step.range, msg.sweepRangeInvalid(axisName, `steps by ${step.text}, not a whole number of ${ctx.granule.name} pages`));
    ok = false;
  }
  return ok;
}

function checkSweepAxis(ctx: CheckContext, axis: A.SweepAxis): void {
  if (axis.address || axis.size) {
    // `sweep its_prop at A, B` / `size S1, S2` / `at A..B step S`: a buffer's address or size.
    const which = axis.address ? "at" : "size";
    const axisName = `${axis.axis.text} ${which}`;
    const buffer = ctx.buffers.get(axis.axis.text);
    if (!buffer) {
      ctx.report(axis.axis.range, msg.bufferUndefined(axis.axis.text, ctx.closestBuffer(axis.axis.text)));
      return;
    }
    const numbers: A.NumberLiteral[] = [];
    if (axis.span) {
      if (checkSweepSpan(ctx, axisName, axis.span)) numbers.push(axis.span.from);
    }
    for (const v of axis.values) {
      if (v.kind !== "number") ctx.report(v.range, msg.sweepInvalidValue(axisName, valueText(v), axis.address ? "addresses" : "sizes"));
      else numbers.push(v);
    }
    for (const v of numbers) {
      if (axis.address && v.value % ctx.pageSize !== 0n) ctx.report(v.range, msg.addressMisaligned(`buffer '${axis.axis.text}'`, v.value, ctx.pageSize, `the ${ctx.granule.name} page size`));
      if (axis.size && v.value === 0n) ctx.report(v.range, msg.sizeZero(`buffer '${axis.axis.text}'`));
      else if (axis.size && v.value % ctx.pageSize !== 0n) ctx.report(v.range, msg.sizeMisaligned(`buffer '${axis.axis.text}'`, v.value, ctx.pageSize, ctx.granule.name));
    }
    return;
  }
  if (axis.span) {
    ctx.report(axis.span.range, msg.sweepRangeInvalid(axis.axis.text, "takes a list of values, not a range (ranges sweep BUFFER at or BUFFER size)"));
    return;
  }
  const info = SWEEP_AXES.find((a) => a.name === axis.axis.text);
  if (!info) {
    ctx.report(axis.axis.range, msg.sweepUnknownAxis(axis.axis.text, closestName(axis.axis.text, SWEEP_AXES.map((a) => a.name))));
    return;
  }
  for (const v of axis.values) {
    if (info.values === "versions") {
      if (v.kind === "name") checkVersionName(ctx, v);
      else ctx.report(v.range, msg.sweepInvalidValue(info.name, v.text, KERNEL_VERSIONS.map((k) => k.name).join(", ")));
    } else if (info.values !== "addresses" && !info.values.includes(valueText(v))) {
      ctx.report(v.range, msg.sweepInvalidValue(info.name, valueText(v), info.values.join(", ")));
    }
  }
}
