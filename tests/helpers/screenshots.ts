/** The frame of the screenshot files (`npm run screenshots`): where pictures go, the variants, the browsers. */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { BrowserContext } from "playwright-core";
import { signInBrowser } from "./app";
import { launchBrowser } from "./browser";

export const SCREENSHOT_DIR = path.join(process.cwd(), ".data", "screenshots");

export type Variant = { colorScheme: "light" | "dark"; viewport?: { width: number; height: number } };

/** Light and dark at the default desktop size, and a phone (390 px) in light. */
export const VARIANTS: readonly (readonly [suffix: "light" | "dark" | "phone", Variant])[] = [
  ["light", { colorScheme: "light" }],
  ["dark", { colorScheme: "dark" }],
  ["phone", { colorScheme: "light", viewport: { width: 390, height: 844 } }],
];

/** The page width a variant must not scroll beyond. */
export const widthOf = (v: Variant) => v.viewport?.width ?? 1280;

/** Signed-in browser contexts for a file's screenshots, closed after it; the directory is made first. */
export function screenshotBrowsers(): (variant: Variant, email: string) => Promise<BrowserContext> {
  const contexts: BrowserContext[] = [];
  beforeAll(() => mkdirSync(SCREENSHOT_DIR, { recursive: true }));
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });
  return async (variant, email) => {
    const ctx = await launchBrowser(variant);
    contexts.push(ctx);
    await signInBrowser(ctx, email);
    return ctx;
  };
}
