// Checks of the kernel block: a known version, the command line (known options, valid
// values, no contradictions, rodata=full on kernels that reject it) and Kconfig switches.
import type * as A from "../ast.js";
import { msg } from "../messages.js";
import {
  CMDLINE_OPTIONS, KCONFIG_SWITCHES, KERNEL_VERSIONS, VERSION_SETTINGS, findCmdlineOption, findKconfig, findKernelVersion,
} from "../../catalog/index.js";
import { closestName } from "../suggest.js";
import type { CheckContext } from "./context.js";
import { checkPageSize } from "./regions.js";

/** A built-in version or a policy the scenario defines. */
export function checkVersionName(ctx: CheckContext, name: A.Name): boolean {
  if (findKernelVersion(name.text) || ctx.policies.has(name.text)) return true;
  const names = [...KERNEL_VERSIONS.map((v) => v.name), ...ctx.policies.keys()];
  ctx.report(name.range, msg.versionUnknown(name.text, closestName(name.text, names)));
  return false;
}

export function checkKernel(ctx: CheckContext, block: A.KernelBlock): void {
  const seen = new Map<string, number>();
  const configs = new Map<string, { value: string; range: A.SourceRange }>();
  const options = new Map<string, { value: string; range: A.SourceRange }>();
  for (const s of block.statements) {
    const key = s.kind === "config" ? `config ${s.option.text}` : s.kind;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report(s.range, msg.settingDuplicate(key, first));
      continue;
    }
    seen.set(key, s.range.start.line);
    switch (s.kind) {
      case "version":
        if (checkVersionName(ctx, s.version) && !ctx.versionFixed) {
          const defined = ctx.policies.get(s.version.text);
          ctx.versionOrder = defined ? defined.order : findKernelVersion(s.version.text)!.order;
          ctx.versionName = defined ? s.version.text : findKernelVersion(s.version.text)!.name;
          ctx.versionSettings = defined ? defined.settings : VERSION_SETTINGS[findKernelVersion(s.version.text)!.name];
        }
        break;
      case "swiotlb":
        checkPageSize(ctx, "swiotlb", s.size);
        break;
      case "config": {
        const info = findKconfig(s.option.text);
        if (!info) {
          ctx.report(s.option.range, msg.configUnknown(s.option.text, closestName(s.option.text, KCONFIG_SWITCHES.map((k) => k.name))));
          break;
        }
        const value = s.value.kind === "name" ? s.value.text : s.value.value.toString();
        const valid = info.values === "number" ? s.value.kind === "number" : info.values.includes(value);
        if (!valid) ctx.report(s.value.range, msg.configInvalidValue(info.name, value, info.values === "number" ? "a number" : info.values.join(", ")));
        else configs.set(info.name, { value, range: s.range });
        break;
      }
      case "cmdline":
        checkCmdline(ctx, s.options, options);
        break;
      case "realm":
        break;
      case "alias":
        if (s.start.text !== "_stext" && s.start.text !== "_text") ctx.report(s.start.range, msg.aliasStartInvalid(s.start.text));
        break;
      case "kaslr-seed":
        if (s.seed.value >= 1n << 64n) ctx.report(s.seed.range, msg.kaslrSeedInvalid(s.seed.value));
        break;
    }
  }
  checkConflicts(ctx, options, configs);
}

function checkCmdline(ctx: CheckContext, words: readonly A.CmdlineWord[], options: Map<string, { value: string; range: A.SourceRange }>): void {
  for (const w of words) {
    const info = findCmdlineOption(w.name);
    if (!info) {
      ctx.report(w.range, msg.cmdlineUnknownOption(w.name, closestName(w.name, CMDLINE_OPTIONS.map((o) => o.name))));
      continue;
    }
    const value = w.value ?? "";
    const valid = info.values === "number" ? /^\d+$/.test(value) : info.values.includes(value);
    if (!valid) {
      const validText = info.values === "number" ? "a number" : info.values.length === 1 && info.values[0] === "" ? "none: it is a flag" : info.values.join(", ");
      ctx.report(w.range, msg.cmdlineInvalidValue(info.name, value, validText));
      continue;
    }
    const prior = options.get(info.name);
    if (prior && prior.value !== value) {
      ctx.report(w.range, msg.cmdlineConflict(`${info.name}=${value} contradicts ${info.name}=${prior.value} earlier on the command line`));
      continue;
    }
    options.set(info.name, { value, range: w.range });
  }
}

function checkConflicts(
  ctx: CheckContext,
  options: Map<string, { value: string; range: A.SourceRange }>,
  configs: Map<string, { value: string; range: A.SourceRange }>,
): void {
  const dpa = options.get("debug_pagealloc");
  if (dpa?.value === "on" && configs.get("DEBUG_PAGEALLOC")?.value === "n") {
    ctx.report(dpa.range, msg.cmdlineConflict("debug_pagealloc=on needs CONFIG_DEBUG_PAGEALLOC, but the scenario sets DEBUG_PAGEALLOC=n"));
  }
  const kfence = options.get("kfence.sample_interval");
  if (kfence && kfence.value !== "0" && configs.get("KFENCE")?.value === "n") {
    ctx.report(kfence.range, msg.cmdlineConflict(`kfence.sample_interval=${kfence.value} needs CONFIG_KFENCE, but the scenario sets KFENCE=n`));
  }
  const rodata = options.get("rodata");
  const rework = ctx.versionSettings?.rodata_options;
  if (rodata?.value === "full" && rework === "noalias") {
    ctx.report(rodata.range, msg.rodataFullIgnored(ctx.versionName!));
  }
  if (rodata?.value === "noalias" && rework === "full") {
    ctx.report(rodata.range, msg.cmdlineInvalidValue("rodata", "noalias", "full, on, off before v6.18"));
  }
}
