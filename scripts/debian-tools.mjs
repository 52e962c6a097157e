// Makes sure the Debian tools the tests drive are present, installing them with apt-get when
// missing (CI machines start without them): headless Chromium for the report and chart tests,
// GNU parallel for the sharding example (docs/sharding/parallel.sh).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM = "/usr/bin/chromium";

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** Installs Debian `packages` with apt-get; undefined when done, else why not. */
function aptInstall(packages) {
  if (!hasCommand("apt-get")) return `${packages.join(", ")} missing and apt-get is not available`;
  const sudo = process.getuid && process.getuid() !== 0 ? ["sudo"] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const cmd = (args) => spawnSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: "inherit", env }).status;
  console.log(`${packages.join(", ")}: installing with apt-get`);
  if (cmd(["apt-get", "update"]) !== 0) return "apt-get update failed";
  if (cmd(["apt-get", "install", "-y", "--no-install-recommends", ...packages]) !== 0) return `apt-get install ${packages.join(" ")} failed`;
  return undefined;
}

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return undefined;
  const problem = aptInstall(["chromium"]);
  if (problem) return problem;
  return existsSync(CHROMIUM) ? undefined : "chromium installed but /usr/bin/chromium is missing";
}

export function ensureParallel() {
  if (hasCommand("parallel")) return undefined;
  const problem = aptInstall(["parallel"]);
  if (problem) return problem;
  return hasCommand("parallel") ? undefined : "parallel installed but not on the PATH";
}
