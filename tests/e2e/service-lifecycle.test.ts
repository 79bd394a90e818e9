/**
 * The service lifecycle in Chromium: removing a template keeps the ticked item as a custom item (and the
 * page says so) while the template's untouched items go; editing a service's fields and archiving and
 * restoring it from its Settings tab.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const owner = signedInBrowser("owner@example.com");
let bearer: string;

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely; each assertion names its field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

beforeAll(async () => {
  bearer = (await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" })).secret;
});

afterAll(async () => {
  await appSql(`DELETE FROM "Service" WHERE slug IN ('lifecycle-remove', 'lifecycle-edit')`);
});

describe("service lifecycle (Chromium)", () => {
  it("removing a template keeps the ticked item as a custom item and drops the untouched ones", async () => {
    expect((await api("POST", "/api/v1/services", { name: "Lifecycle remove", slug: "lifecycle-remove", team: "platform", templates: ["baseline"] })).status).toBe(201);
    const { body } = await api("GET", "/api/v1/services/lifecycle-remove/checklist");
    const [ticked, untouched] = body.items as { key: string; title: string; version: number }[];
    expect((await api("PATCH", `/api/v1/services/lifecycle-remove/checklist/${ticked!.key}`, { state: "done", version: ticked!.version })).status).toBe(200);

    const page = await owner().newPage();
    try {
      await page.goto(`${baseUrl()}/services/lifecycle-remove`);
      await page.getByRole("checkbox", { name: untouched!.title, exact: true }).waitFor();
      await page.getByText("Manage this checklist").click();
      await page.getByLabel("Template to remove").selectOption("baseline");
      await page.getByRole("button", { name: "Remove template" }).click();
      await page.getByText(/Template removed: \d+ untouched item\(s\) removed\. 1 item\(s\) with a tick, a note or evidence were kept as custom items/).waitFor();

      await page.reload();
      const kept = page.getByRole("checkbox", { name: ticked!.title, exact: true });
      await kept.waitFor();
      expect(await kept.isChecked()).toBe(true);
      await page.getByRole("button", { name: `Details: ${ticked!.title}`, exact: true }).click();
      await page.getByText(/Kept from the removed template .+, because it had a tick, a note or evidence\./).waitFor();
      expect(await page.getByRole("checkbox", { name: untouched!.title, exact: true }).count()).toBe(0);
      expect(await page.getByRole("checkbox").count()).toBe(1);
      const rows = await appSql<{ key: string; templateItemId: string | null }>(`SELECT i.key, i."templateItemId" FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'lifecycle-remove'`);
      expect(rows).toEqual([{ key: ticked!.key, templateItemId: null }]);
    } finally {
      await page.close();
    }
  });

  it("an owner edits a service's fields, then archives it (gone from the board) and restores it", async () => {
    expect((await api("POST", "/api/v1/services", { name: "Lifecycle edit", slug: "lifecycle-edit", team: "platform" })).status).toBe(201);
    const page = await owner().newPage();
    try {
      await page.goto(`${baseUrl()}/services/lifecycle-edit`);
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { name: "Settings of Lifecycle edit" }).waitFor();

      // A runbook link that is not http(s): refused beside its field, what was typed stays.
      await page.getByLabel("Name", { exact: true }).fill("Lifecycle edited");
      await page.getByLabel("Runbook URL").evaluate((el) => el.setAttribute("type", "text"));
      await page.getByLabel("Runbook URL").fill("ftp://files.example.com/runbook");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("The runbook link must be a full URL starting with http:// or https://.").waitFor();
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Lifecycle edited");

      await page.getByLabel("Runbook URL").fill("https://wiki.example.com/lifecycle");
      await page.getByLabel("Repository URL").fill("https://git.example.com/lifecycle");
      await page.getByLabel("On call").fill("#lifecycle-oncall");
      await page.getByLabel("Owner", { exact: true }).fill("Lifecycle squad");
      await page.getByLabel("Environment").selectOption("staging");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.getByText("Saved.").waitFor();

      await page.goto(`${baseUrl()}/services/lifecycle-edit`);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Lifecycle edited");
      expect(await page.getByRole("link", { name: "https://wiki.example.com/lifecycle" }).getAttribute("href")).toBe("https://wiki.example.com/lifecycle");
      await page.getByRole("link", { name: "https://git.example.com/lifecycle" }).waitFor();
      await page.getByText("#lifecycle-oncall").waitFor();
      await page.getByText("Lifecycle squad").waitFor();
      await page.getByText("staging", { exact: true }).waitFor();

      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("button", { name: "Archive service" }).click();
      await page.getByText(/Archived: the service is hidden from the board/).waitFor();
      await page.goto(`${baseUrl()}/`);
      await page.getByRole("link", { name: "Glasswork" }).first().waitFor();
      expect(await page.getByRole("link", { name: /Lifecycle edited/ }).count()).toBe(0);

      await page.goto(`${baseUrl()}/services/lifecycle-edit`);
      await page.getByText(/This service is archived/).waitFor();
      await page.getByRole("link", { name: "Restore it in Settings" }).click();
      await page.getByRole("button", { name: "Restore service" }).click();
      await page.getByText("Restored: the service is back on the board.").waitFor();
      await page.goto(`${baseUrl()}/`);
      await page.getByRole("link", { name: /Lifecycle edited/ }).first().waitFor();
      const actions = await appSql<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "targetId" = 'lifecycle-edit' ORDER BY id`);
      expect(actions.map((a) => a.action)).toEqual(["service.create", "service.update", "service.archive", "service.restore"]);
    } finally {
      await page.close();
    }
  });
});
