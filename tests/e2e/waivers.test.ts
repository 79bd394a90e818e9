/**
 * Waivers (Chromium, docs/decisions/0037): an editor marks a required item N/A with a reason; the gate is
 * blocked ("Waiver awaiting approval"); a reviewer approves it in another browser context and the blocker
 * goes; with the clock moved (the waiver's expiry set in the past by the database's clock, no sleeping),
 * the item is open again; and the audit log shows each step, the sweep's expiry included.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";
import { apiCall, appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const editor = signedInBrowser("editor@example.com");
const reviewer = signedInBrowser("reviewer@example.com");
const owner = signedInBrowser("owner@example.com");
const SLUG = "waiver-gate";
const TITLE = "Test backup restoration";
let token = "";
let itemKey = "";

const api = (method: string, path: string, body?: unknown) => apiCall(token, method, path, body);

const gate = async () => (await api("GET", `/api/v1/services/${SLUG}/readiness`)).body!;
const normalise = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

beforeAll(async () => {
  token = (await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" })).secret;
  expect((await api("POST", "/api/v1/services", { name: "Waiver Gate", slug: SLUG, team: "platform" })).status).toBe(201);
  const added = await api("POST", `/api/v1/services/${SLUG}/checklist`, { title: TITLE, severity: "critical", required: true });
  expect(added.status).toBe(201);
  itemKey = added.body!.item.key;
});

describe("waivers on required items (Chromium)", () => {
  it("pending blocks, approval clears, expiry reopens; the audit log shows each step", async () => {
    // The editor asks for a waiver in the UI.
    const page = await editor().newPage();
    await page.goto(`${baseUrl()}/services/${SLUG}`);
    await page.getByRole("button", { name: `Details: ${TITLE}`, exact: true }).click();
    await page.getByRole("button", { name: `Mark N/A: ${TITLE}`, exact: true }).click();
    await page.getByText(/marking it N\/A asks for a waiver/).waitFor();
    await page.getByLabel("Why does this not apply?").fill("Stateless: nothing to restore");
    const saved = page.waitForResponse((r) => r.url().includes(`/checklist/${itemKey}`) && r.request().method() === "PATCH");
    await page.getByRole("button", { name: "Mark N/A", exact: true }).click();
    expect((await saved).status()).toBe(200);
    // The readiness summary's folded blockers name it.
    await page.getByText("1 blocker", { exact: true }).click();
    await page.getByRole("link", { name: `Waiver awaiting approval: ${TITLE}` }).filter({ visible: true }).first().waitFor();
    await page.getByText(/Waiver awaiting approval$/).filter({ visible: true }).first().waitFor();
    const blocked = await gate();
    expect(blocked).toMatchObject({ ready: false, level: "not-ready" });
    expect(blocked.blockers).toEqual([{ kind: "waiver-pending", message: `Waiver awaiting approval: ${TITLE}` }]);
    // The requester is not offered a decision (an editor may not decide waivers at all).
    expect(await page.getByRole("button", { name: `Approve waiver: ${TITLE}` }).count()).toBe(0);
    await page.close();

    // The reviewer approves it in another browser context.
    const review = await reviewer().newPage();
    await review.goto(`${baseUrl()}/services/${SLUG}`);
    await review.getByRole("button", { name: `Details: ${TITLE}`, exact: true }).click();
    const decided = review.waitForResponse((r) => r.url().includes(`/checklist/${itemKey}/waiver/decision`));
    await review.getByRole("button", { name: `Approve waiver: ${TITLE}`, exact: true }).click();
    expect((await decided).status()).toBe(200);
    await review.getByText(/Waived until \d/).filter({ visible: true }).first().waitFor();
    await review.getByText("No blockers.", { exact: true }).filter({ visible: true }).first().waitFor();
    await review.close();
    expect(await gate()).toMatchObject({ ready: true, level: "ready", score: 100, blockers: [] });

    // The clock moves past the expiry: the database's clock decides, the expiry is set a minute behind it.
    await appSql(
      `UPDATE "ServiceChecklistItem" i SET "waiverExpiresAt" = now() - interval '1 minute' FROM "Service" s WHERE s.id = i."serviceId" AND s.slug = $1 AND i.key = $2`,
      [SLUG, itemKey],
    );
    const expired = await gate();
    expect(expired).toMatchObject({ ready: false, level: "not-ready" });
    expect(expired.blockers.map((b: { kind: string }) => b.kind)).toEqual(["waiver-expired"]);
    // The background round (as an external scheduler runs it) writes the expiry to the audit log.
    const round = await fetch(`${baseUrl()}/api/cron/probe`, { method: "POST", headers: { authorization: `Bearer ${inject("cronSecret")}` } });
    expect(round.status).toBe(200);

    const audit = await owner().newPage();
    await audit.goto(`${baseUrl()}/teams/platform/audit?service=${SLUG}`);
    const rows = audit.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr");
    await rows.first().waitFor();
    const texts = (await rows.locator("td:nth-child(2) > span:first-child").allTextContents()).map(normalise);
    expect(texts.slice(0, 3)).toEqual([
      `The waiver for “${TITLE}” on Waiver Gate expired`,
      expect.stringMatching(new RegExp(`^.+ approved the waiver for “${TITLE}” on Waiver Gate$`)),
      expect.stringMatching(new RegExp(`^.+ marked “${TITLE}” not applicable and asked for a waiver on Waiver Gate$`)),
    ]);
    await audit.close();
  });
});
