// Makes sure headless Chromium is present for the report test, installing Debian's
// `chromium` with apt-get when it is missing (CI machines start without it).
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM = "/usr/bin/chromium";

export function ensureChromium() {
  if (existsSync(CHROMIUM)) return undefined;
  if (spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) return "chromium is missing and apt-get is not available";
  const sudo = process.getuid && process.getuid() !== 0 ? ["sudo"] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const cmd = (args) => spawnSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: "inherit", env }).status;
  console.log("chromium: installing with apt-get");
  if (cmd(["apt-get", "update"]) !== 0) return "apt-get update failed";
  if (cmd(["apt-get", "install", "-y", "--no-install-recommends", "chromium"]) !== 0) return "apt-get install chromium failed";
  return existsSync(CHROMIUM) ? undefined : "chromium installed but /usr/bin/chromium is missing";
}
