// Checks of output commands: `show` views, `chart` kinds, `compare`/`run` versions, and
// `sweep` axes with values each axis takes.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { CHART_KINDS, KERNEL_VERSIONS, SHOW_VIEWS, SWEEP_AXES } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
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

function checkSweepAxis(ctx: CheckContext, axis: A.SweepAxis): void {
  if (axis.address) {
    // `sweep its_prop at A, B`: the axis is a fixed buffer's address.
    const buffer = ctx.buffers.get(axis.axis.text);
    if (!buffer) {
      ctx.report(axis.axis.range, msg.bufferUndefined(axis.axis.text, closestName(axis.axis.text, ctx.buffers.keys())));
      return;
    }
    for (const v of axis.values) {
      if (v.kind !== "number") ctx.report(v.range, msg.sweepInvalidValue(`${axis.axis.text} at`, valueText(v), "addresses"));
      else if (v.value % ctx.pageSize !== 0n) ctx.report(v.range, msg.addressMisaligned(`buffer '${axis.axis.text}'`, v.value, ctx.pageSize, `the ${ctx.granule.name} page size`));
    }
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
