/** Headless Debian Chromium through playwright-core (no browser download). */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchBrowser(opts: { colorScheme?: "light" | "dark"; viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "preflight-chromium-"));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    colorScheme: opts.colorScheme ?? "light",
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
}
