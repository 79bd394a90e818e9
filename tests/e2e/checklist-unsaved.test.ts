/**
 * A checklist write that cannot reach the server, or that the server (or a proxy in front) refuses,
 * puts the box back and says so in the item's live region: never a silent loss (issue #13).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");

async function doneItem(slug: string) {
  const [row] = await appSql<{ title: string; key: string; state: string }>(
    `SELECT i.title, i.key, i.state FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
     WHERE s.slug = $1 AND i.state = 'done' ORDER BY i.position LIMIT 1`,
    [slug],
  );
  return row!;
}

/** Intercepts the item's PATCH only (reads of the checklist go through). */
async function interceptPatch(page: Page, key: string, answer: "abort" | { status: number; body: string; contentType: string }) {
  await page.route(`**/checklist/${key}`, (route) => {
    if (route.request().method() !== "PATCH") return route.continue();
    return answer === "abort" ? route.abort("connectionrefused") : route.fulfill(answer);
  });
}

describe("a checklist write that is not saved (Chromium)", () => {
  const cases = [
    { name: "cannot reach the server", answer: "abort" as const, message: /Not saved: Could not reach Preflight; your change was not saved\./ },
    {
      name: "is refused by a proxy with a non-JSON 502",
      answer: { status: 502, contentType: "text/html", body: "<h1>Bad gateway</h1>" },
      message: /Not saved: The server refused the change \(502\)\./,
    },
    {
      name: "is refused by the server with its error shape",
      answer: { status: 403, contentType: "application/json", body: JSON.stringify({ error: { code: "forbidden", message: "Your role cannot change this checklist." } }) },
      message: /Not saved: Your role cannot change this checklist\./,
    },
  ];
  for (const c of cases) {
    it(`puts the box back and says so when the write ${c.name}`, async () => {
      const item = await doneItem("glasswork");
      const page = await editor().newPage();
      try {
        await interceptPatch(page, item.key, c.answer);
        await page.goto(`${baseUrl()}/services/glasswork`);
        const box = page.getByRole("checkbox", { name: item.title, exact: true });
        expect(await box.isChecked()).toBe(true);
        await box.click(); // not uncheck(): it would insist that the box stays unticked
        const row = page.getByRole("listitem").filter({ has: box });
        const alert = row.getByRole("alert");
        await alert.waitFor();
        expect(await alert.textContent()).toMatch(c.message);
        // The alert sits in the item's aria-live region, and the box is ticked again, as on the server.
        expect(await alert.evaluate((el) => el.closest("[aria-live]") !== null)).toBe(true);
        expect(await box.isChecked()).toBe(true);
        expect(await box.isEnabled()).toBe(true);
        const [after] = await appSql<{ state: string }>(
          `SELECT i.state FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'glasswork' AND i.key = $1`,
          [item.key],
        );
        expect(after!.state).toBe("done");
      } finally {
        await page.close();
      }
    });
  }
});
