import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../helpers/browser";
import { signInBrowser } from "../helpers/app";

const baseUrl = inject("baseUrl");
let browser: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  await signInBrowser(browser, "viewer@example.com");
});
afterAll(async () => {
  await browser?.close();
});

describe("board and service page (Chromium)", () => {
  it("the board lists the four seed services with their checklist completion", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole("heading", { name: "Readiness board" }).waitFor();
    for (const name of ["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"]) {
      await page.getByRole("link", { name }).waitFor();
      const bar = page.getByRole("progressbar", { name: `${name} readiness score` });
      expect(Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
    }
    await page.close();
  });

  it("a service page lists its checklist grouped by the guide's sections", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/`);
    await page.getByRole("link", { name: "CryptoPulse" }).click();
    await page.waitForURL(`${baseUrl}/services/cryptopulse`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("CryptoPulse");
    await page.getByRole("heading", { name: /Deployment checklist/i }).waitFor();
    expect(await page.getByText("Test backup restoration procedure").count()).toBeGreaterThan(0);
    await page.getByText("/api/demo/cryptopulse/health").waitFor();
    await page.close();
  });

  it("an unknown service answers 404 with a page that leads back", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${baseUrl}/services/does-not-exist`);
    expect(res?.status()).toBe(404);
    await page.getByRole("link", { name: "Back to the board" }).waitFor();
    await page.close();
  });

  it("secure headers are set and health routes answer", async () => {
    const res = await fetch(`${baseUrl}/`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-powered-by")).toBeNull();
    expect(await (await fetch(`${baseUrl}/api/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${baseUrl}/api/ready`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).status).toBe("ready");
  });
});
