// Test support: Debian's Chromium, headless, with a fresh profile and the network cut off
// (every request not allowed, by default all but file: and data: URLs, is aborted and
// recorded), for checking pages the way a reader's browser would show them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, ensureChromium } from "../../scripts/debian-tools.mjs";

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

export interface OfflinePage {
  readonly page: Page;
  /** URLs the page tried to fetch from the network (all refused). */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function openOffline(file: string, viewport = { width: 1200, height: 900 }): Promise<OfflinePage> {
  return openPage(`file://${file}`, () => false, viewport);
}

/** Opens `url`; besides file: and data: URLs, only those `allowed` accepts reach the network. */
export async function openPage(url: string, allowed: (url: string) => boolean, viewport = { width: 1200, height: 900 }): Promise<OfflinePage> {
  const problem = ensureChromium();
  if (problem) throw new Error(problem);
  const profile = mkdtempSync(join(tmpdir(), "linmap-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  const requests: string[] = [];
  await context.route("**/*", (route) => {
    const target = route.request().url();
    if (target.startsWith("file:") || target.startsWith("data:") || allowed(target)) return route.continue();
    requests.push(target);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url, { waitUntil: "load" });
  return {
    page,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
