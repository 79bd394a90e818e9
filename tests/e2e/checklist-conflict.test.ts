import { describe, expect, it } from "vitest";
import { appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");

describe("two people editing one item (Chromium)", () => {
  it("the later writer sees the other person's change and can re-apply theirs", async () => {
    const [item] = await appSql<{ key: string; title: string; version: number }>(
      `SELECT i.key, i.title, i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId"
       WHERE s.slug = 'hyperterse' AND i.state = 'open' ORDER BY i.position DESC LIMIT 1`,
    );
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/hyperterse`);
    const box = page.getByRole("checkbox", { name: item!.title, exact: true });
    await box.waitFor();

    // Meanwhile the owner marks it N/A through the API.
    const { secret } = await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" });
    const other = await fetch(`${baseUrl()}/api/v1/services/hyperterse/checklist/${item!.key}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "na", reason: "handled by the platform proxy", version: item!.version }),
    });
    expect(other.status).toBe(200);

    // The editor's tick is refused (409): the page shows the owner's change instead, and nothing was overwritten.
    const refused = page.waitForResponse((r) => r.url().includes(`/checklist/${item!.key}`) && r.request().method() === "PATCH");
    await box.check({ force: true }).catch(() => {});
    expect((await refused).status()).toBe(409);
    await page.getByText(/changed this item first: it is now/).waitFor();
    // In the page's words ("N/A", "Done"), not the stored values ("na", "done").
    expect(await page.getByText(/changed this item first/).textContent()).toContain(
      "changed this item first: it is now N/A (handled by the platform proxy). Your change (Done) was not saved.",
    );
    await page.getByText("Not applicable: handled by the platform proxy").waitFor();
    expect(await box.isChecked()).toBe(false);

    // Re-apply: lands on top of the current version.
    const reapplied = page.waitForResponse((r) => r.url().includes(`/checklist/${item!.key}`) && r.request().method() === "PATCH");
    await page.getByRole("button", { name: "Re-apply my change" }).click();
    expect((await reapplied).status()).toBe(200);
    await expect.poll(() => box.isChecked()).toBe(true);
    const [row] = await appSql<{ state: string; version: number }>(
      `SELECT i.state, i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'hyperterse' AND i.key = $1`,
      [item!.key],
    );
    expect(row).toEqual({ state: "done", version: item!.version + 2 });
  });
});
