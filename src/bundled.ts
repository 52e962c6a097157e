// Which of a module and its bundle to load (scripts/bundle-run.mjs, part of npm run build):
// the bundle when it is newer than the module it was made from, else the module (a build by
// tsc alone, or tests run from source). Start-up, issues 10 and 11.
import { statSync } from "node:fs";

/** The URL to import: `bundle` when it is at least as new as `module`, else `module`. */
export function bundledOr(bundle: URL, module: URL): string {
  try {
    if (statSync(bundle).mtimeMs >= statSync(module).mtimeMs) return bundle.href;
  } catch {
    // no bundle (or, from source, no built module to compare with)
  }
  return module.href;
}
