// Checks of `policy NAME from BASE { SETTING VALUE ... }`: a new name (not a built-in
// version, not defined twice), a built-in base, known settings with their values, and
// settings that the chosen split gate never reads.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import { KERNEL_VERSIONS, POLICY_SETTINGS, VERSION_SETTINGS, findKernelVersion, findPolicySetting, type PolicySettings } from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import type { CheckContext } from "./context.js";

/** The settings of a base with the definition's changes (only the valid ones). */
export function definedSettings(def: A.PolicyDefinition): PolicySettings | undefined {
  const base = VERSION_SETTINGS[def.base.text];
  if (!base) return undefined;
  const out: Record<string, string> = { ...base };
  for (const s of def.settings) {
    const info = findPolicySetting(s.name.text);
    if (info && info.values.some((v) => v.value === s.value.text)) out[info.name] = s.value.text;
  }
  return out as unknown as PolicySettings;
}

export function checkPolicyDefinitions(ctx: CheckContext, items: readonly A.TopLevelItem[]): void {
  for (const item of items) {
    if (item.kind !== "policy") continue;
    const name = item.name.text;
    if (findKernelVersion(name)) {
      ctx.report(item.name.range, msg.policyNameTaken(name));
      continue;
    }
    const prior = ctx.policies.get(name);
    if (prior) {
      ctx.report(item.name.range, msg.policyDuplicate(name, prior.def.range.start.line));
      continue;
    }
    const base = findKernelVersion(item.base.text);
    if (!base) {
      const defined = items.some((i) => i.kind === "policy" && i.name.text === item.base.text);
      ctx.report(item.base.range, msg.policyBaseUnknown(item.base.text, defined, closestName(item.base.text, KERNEL_VERSIONS.map((v) => v.name))));
      continue;
    }
    const seen = new Map<string, number>();
    for (const s of item.settings) {
      const info = findPolicySetting(s.name.text);
      if (!info) {
        ctx.report(s.name.range, msg.policySettingUnknown(s.name.text, closestName(s.name.text, POLICY_SETTINGS.map((x) => x.name))));
        continue;
      }
      const first = seen.get(info.name);
      if (first !== undefined) {
        ctx.report(s.range, msg.settingDuplicate(info.name, first));
        continue;
      }
      seen.set(info.name, s.range.start.line);
      const values = info.values.map((v) => v.value);
      if (!values.includes(s.value.text)) ctx.report(s.value.range, msg.policySettingValue(info.name, s.value.text, values, closestName(s.value.text, values)));
    }
    const settings = definedSettings(item)!;
    if (settings.split_gate === "never" || settings.split_gate === "system_cap") {
      for (const s of item.settings) {
        if ((s.name.text === "window1" || s.name.text === "window2") && s.value.text === "on") ctx.report(s.range, msg.policyWindowIgnored(s.name.text, settings.split_gate));
      }
    }
    ctx.policies.set(name, { def: item, base: base.name, order: base.order, settings });
  }
}
