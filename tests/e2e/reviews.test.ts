/**
 * A production-readiness review in Chromium: an editor asks, a reviewer requests changes (readiness
 * shows the blocker), the editor asks again and the owner approves; the board card shows the review.
 * The API answers the same, and refuses whoever asked from deciding.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { appSql, baseUrl, insertToken, loggedEmails, logLineCount, signedInBrowser, signInBrowser } from "../helpers/app";
import { launchBrowser } from "../helpers/browser";

const owner = signedInBrowser("owner@example.com");
const editor = signedInBrowser("editor@example.com");
const reviewer = signedInBrowser("reviewer@example.com");
const viewer = signedInBrowser("viewer@example.com");

const panel = (page: Page) => page.getByRole("region", { name: "Review" });

// (ActionForm's button stays disabled until React has hydrated the form, and Playwright's click waits for it.)
async function openService(page: Page, slug = "hyperterse") {
  await page.goto(`${baseUrl()}/services/${slug}`);
  await panel(page).waitFor();
}

const SLOW = { timeout: 15_000 };

describe("reviews (Chromium)", () => {
  it("editor asks, reviewer requests changes (a blocker), editor asks again, owner approves; the board shows it", async () => {
    const e = await editor().newPage();
    await openService(e);
    expect(await e.getByTestId("review-status").textContent()).toContain("Not requested");
    await panel(e).getByRole("button", { name: "Ask for a review" }).click();
    await expect.poll(() => e.getByTestId("review-status").textContent(), SLOW).toContain("Requested");
    await panel(e).getByText("Waiting for an owner or reviewer other than you to decide.").waitFor();
    expect(await panel(e).getByRole("button", { name: "Record decision" }).count()).toBe(0);

    const r = await reviewer().newPage();
    await openService(r);
    await panel(r).getByRole("radio", { name: /Request changes/ }).check();
    await panel(r).getByRole("button", { name: "Record decision" }).click();
    // a comment is required to request changes: the server says so beside the field
    await expect.poll(() => panel(r).getByLabel("Comment").getAttribute("aria-invalid"), SLOW).toBe("true");
    expect(await r.locator("#review-comment-error").textContent()).toContain("Say what needs to change.");
    expect(await r.getByTestId("review-status").textContent()).toContain("Requested");
    await panel(r).getByLabel("Comment").fill("Add a rollback plan to the runbook.");
    await panel(r).getByRole("radio", { name: /Request changes/ }).check();
    await panel(r).getByRole("button", { name: "Record decision" }).click();
    await expect.poll(() => r.getByTestId("review-status").textContent(), SLOW).toContain("Changes requested");
    await panel(r).getByText("Add a rollback plan to the runbook.").waitFor();
    await openService(r);
    // the readiness summary lists the blocker (inside its collapsed list of blockers)
    await r.getByText("Reviewer requested changes").first().waitFor({ state: "attached" });

    await openService(e);
    await panel(e).getByRole("button", { name: "Ask for a new review" }).click();
    await expect.poll(() => e.getByTestId("review-status").textContent(), SLOW).toContain("Requested");

    // Hyperterse is not ready: the form lists its blockers, and approving it needs a confirmation and a comment.
    const o = await owner().newPage();
    await openService(o);
    const blockers = panel(o).getByTestId("review-blockers");
    expect(await blockers.textContent()).toMatch(/Hyperterse is not ready: not ready at a score of \d+, with \d+ open blockers\./);
    await blockers.getByText(/^Show the \d+ open blockers$/).click();
    const shownBlockers = await blockers.getByRole("listitem").count();
    expect(shownBlockers).toBeGreaterThan(1);
    const record = panel(o).getByRole("button", { name: "Record decision" });
    await panel(o).getByRole("radio", { name: `Approve as it is, with ${shownBlockers} open blockers` }).check();
    const confirm = panel(o).getByRole("checkbox", { name: `I approve with ${shownBlockers} open blockers` });
    await panel(o).getByTestId("review-confirm-needed").waitFor();
    expect(await record.isDisabled()).toBe(true);
    await confirm.check();
    expect(await record.isDisabled()).toBe(true); // the comment is still missing
    await panel(o).getByLabel("Comment").fill("Approved for the pilot; the drill is booked for next week.");
    await expect.poll(() => record.isDisabled()).toBe(false);
    await record.click();
    await expect.poll(() => o.getByTestId("review-status").textContent(), SLOW).toMatch(/Approved with \d+ open blockers/);
    // The blockers are kept with the decision: all of them, with the level.
    const [kept] = await appSql<{ level: string; count: number; listed: number }>(
      `SELECT r."levelAtDecision" AS level, r."openBlockersAtDecision" AS count, jsonb_array_length(r."blockersAtDecision") AS listed
       FROM "Review" r JOIN "Service" s ON s.id = r."serviceId" WHERE s.slug = 'hyperterse' ORDER BY r."createdAt" DESC LIMIT 1`,
    );
    expect(kept).toMatchObject({ level: "not-ready", listed: kept!.count });
    expect(kept!.count).toBeGreaterThan(1);
    const approvedText = `Approved with ${kept!.count} open blockers`;
    expect(await o.getByTestId("review-status").textContent()).toContain(approvedText);
    await panel(o).getByText(`The ${kept!.count} open blockers when it was decided`).first().waitFor();
    // the page's summary beside the checklist says it too
    const summaryReview = o.getByRole("navigation", { name: "More on this page" }).getByText(approvedText);
    await summaryReview.waitFor();
    expect(await summaryReview.textContent()).toBe(`!${approvedText}`);
    await panel(o).getByText("Earlier reviews (1)").click();
    await panel(o).getByText("Add a rollback plan to the runbook.").waitFor();

    // The board says so in words and with the warning icon, not with a green tick.
    await o.goto(`${baseUrl()}/`);
    const card = o.getByRole("listitem").filter({ has: o.getByRole("link", { name: "Hyperterse", exact: true }) });
    await card.waitFor();
    const review = card.getByText(approvedText);
    await review.waitFor();
    expect(await review.evaluate((el) => [el.textContent, el.className])).toEqual([`!${approvedText}`, expect.stringContaining("text-amber-700")]);

    // A change after the approval: the panel lists it against the snapshot the approval was given on.
    const { secret } = await insertToken({ teamSlug: "platform", email: "editor@example.com", role: "editor" });
    const [item] = await appSql<{ key: string; title: string; version: number; state: string }>(
      `SELECT i.key, i.title, i.version, i.state::text AS state FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'hyperterse' AND i."archivedAt" IS NULL ORDER BY i.position LIMIT 1`,
    );
    const patched = await fetch(`${baseUrl()}/api/v1/services/hyperterse/checklist/${item!.key}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ state: item!.state === "done" ? "open" : "done", version: item!.version }),
    });
    expect(patched.status).toBe(200);
    await openService(o);
    const since = panel(o).getByTestId("changes-since");
    await since.getByText(/^Approved on .+ — changes since$/).waitFor();
    const words = item!.state === "done" ? "done → open" : `${item!.state === "na" ? "N/A" : "open"} → done`;
    await since.getByRole("listitem").filter({ hasText: `${item!.title}: ${words}` }).waitFor();
    for (const p of [e, r, o]) await p.close();
  });

  it("an approved service's item unticked: the page shows the changes since the approval, and the board a stale approval", async () => {
    const tokens = Object.fromEntries(
      await Promise.all(["editor", "reviewer"].map(async (role) => [role, (await insertToken({ teamSlug: "platform", email: `${role}@example.com`, role })).secret] as const)),
    );
    const api = async (role: string, method: string, url: string, body?: unknown) => {
      const res = await fetch(`${baseUrl()}${url}`, { method, headers: { authorization: `Bearer ${tokens[role]}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const created = await api("editor", "POST", "/api/v1/services", { name: "Snapshot Demo", team: "platform", tier: 3, templates: ["trailbase"] });
    expect(created.status).toBe(201);
    const items = (await api("editor", "GET", "/api/v1/services/snapshot-demo/checklist")).body.items as { key: string; title: string; version: number; required: boolean }[];
    const ticked = await api("editor", "POST", "/api/v1/services/snapshot-demo/checklist/bulk", { state: "done", items: items.map(({ key, version }) => ({ key, version })) });
    expect(ticked.status).toBe(200);
    expect((await api("editor", "GET", "/api/v1/services/snapshot-demo/readiness")).body).toMatchObject({ ready: true });
    const asked = await api("editor", "POST", "/api/v1/services/snapshot-demo/reviews", {});
    expect((await api("reviewer", "POST", `/api/v1/services/snapshot-demo/reviews/${asked.body.review.id}/decision`, { decision: "approve" })).status).toBe(200);

    const o = await owner().newPage();
    await openService(o, "snapshot-demo");
    await panel(o).getByTestId("changes-since").getByText(/^Approved on .+ — no changes since$/).waitFor();

    const required = items.find((i) => i.required)!;
    const [{ version }] = (await appSql<{ version: number }>(
      `SELECT i.version FROM "ServiceChecklistItem" i JOIN "Service" s ON s.id = i."serviceId" WHERE s.slug = 'snapshot-demo' AND i.key = $1`,
      [required.key],
    )) as [{ version: number }];
    expect((await api("editor", "PATCH", `/api/v1/services/snapshot-demo/checklist/${required.key}`, { state: "open", version })).status).toBe(200);

    await openService(o, "snapshot-demo");
    const since = panel(o).getByTestId("changes-since");
    await since.getByText(/^Approved on .+ — changes since$/).waitFor();
    // exactly the one item changed, with what it did to the score and the blockers
    expect(await since.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^Score 100 → \d+$/),
      `${required.title}: done → open`,
      `New blocker: Required item open: ${required.title}`,
    ]);
    mkdirSync(path.join(process.cwd(), ".data", "screenshots"), { recursive: true });
    await panel(o).screenshot({ path: path.join(process.cwd(), ".data", "screenshots", "review-changes-since.png") });
    expect(await since.textContent()).toContain(`“${required.title}” is no longer done: ask for a new review.`);
    expect(await o.getByTestId("review-status").textContent()).toContain("Approval stale");
    const [event] = await appSql<{ n: number }>(`SELECT count(*)::int AS n FROM "AlertEvent" e JOIN "Service" s ON s.id = e."serviceId" WHERE s.slug = 'snapshot-demo' AND e.type = 'review.stale'`);
    expect(event).toEqual({ n: 1 });

    await o.goto(`${baseUrl()}/?q=snapshot`);
    const card = o.getByRole("listitem").filter({ has: o.getByRole("link", { name: "Snapshot Demo", exact: true }) });
    await card.getByText("Approval stale").waitFor();
    await o.close();
  });

  it("writes screenshots of the review panel (light, dark, phone) to .data/screenshots/", async () => {
    const dir = path.join(process.cwd(), ".data", "screenshots");
    mkdirSync(dir, { recursive: true });
    for (const [name, opts] of [
      ["review-light", { colorScheme: "light" as const }],
      ["review-dark", { colorScheme: "dark" as const }],
      ["review-phone", { colorScheme: "light" as const, viewport: { width: 390, height: 844 } }],
    ] as const) {
      const ctx = await launchBrowser(opts);
      await signInBrowser(ctx, "reviewer@example.com");
      const page = await ctx.newPage();
      await openService(page);
      await page.getByText("Earlier reviews (1)").click();
      await panel(page).screenshot({ path: path.join(dir, `${name}.png`) });
      // nothing in the panel is wider than a phone's screen
      if (name === "review-phone") expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // CryptoPulse's demo review is open: the decision form with its blockers and the confirmation.
      await openService(page, "cryptopulse");
      await panel(page).getByText(/^Show the \d+ open blockers$/).click();
      await panel(page).getByRole("radio", { name: /^Approve as it is/ }).check();
      await panel(page).screenshot({ path: path.join(dir, `${name}-decision.png`) });
      if (name === "review-phone") expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await ctx.close();
    }
  });

  it("a viewer sees the review but no form", async () => {
    const page = await viewer().newPage();
    await openService(page);
    expect(await panel(page).getByRole("button").count()).toBe(0);
    await page.close();
  });

  it("over the API: editors ask (409 while open), reviewers may not ask, a reviewer's token decides", async () => {
    const tokens = Object.fromEntries(
      await Promise.all(["editor", "reviewer"].map(async (role) => [role, (await insertToken({ teamSlug: "platform", email: `${role}@example.com`, role })).secret] as const)),
    );
    const call = (role: string, path: string, body?: unknown) =>
      fetch(`${baseUrl()}/api/v1/services/glasswork/reviews${path}`, {
        method: body === undefined && path === "" ? "GET" : "POST",
        headers: { authorization: `Bearer ${tokens[role]}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect((await call("reviewer", "", {})).status).toBe(403);
    const beforeAsk = logLineCount();
    const asked = await call("editor", "", {});
    expect(asked.status).toBe(201);
    const { review } = (await asked.json()) as { review: { id: string; status: string; requestedBy: string } };
    expect(review).toMatchObject({ status: "requested", requestedBy: "editor@example.com" });
    // Every owner and reviewer of the team hears of it (other test files may have added some); whoever asked and viewers do not.
    const deciders = await appSql<{ email: string }>(
      `SELECT u.email FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Team" t ON t.id = m."teamId" WHERE t.slug = 'platform' AND m.role IN ('owner', 'reviewer')`,
    );
    // (the log reaches its file a moment after the answer)
    await expect.poll(() => loggedEmails("review", beforeAsk).length, SLOW).toBe(deciders.length);
    const requestMails = loggedEmails("review", beforeAsk);
    expect(requestMails.map((m) => m.to).sort()).toEqual(deciders.map((d) => d.email).sort());
    expect(requestMails.map((m) => m.to)).toEqual(expect.arrayContaining(["owner@example.com", "reviewer@example.com"]));
    expect(requestMails.every((m) => m.subject === "Review requested: Glasswork" && m.url.endsWith("/services/glasswork#review"))).toBe(true);
    expect((await call("editor", "", {})).status).toBe(409);
    const bad = await call("reviewer", `/${review.id}/decision`, { decision: "request-changes" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { issues: { path: string; message: string }[] } }).error.issues).toEqual([{ path: "comment", message: "Say what needs to change." }]);
    // Glasswork is not ready: an approval that does not acknowledge its blockers is refused, and nothing is written.
    const readiness = (await (await fetch(`${baseUrl()}/api/v1/services/glasswork/readiness`, { headers: { authorization: `Bearer ${tokens.reviewer}` } })).json()) as { ready: boolean; blockers: unknown[] };
    expect(readiness.ready).toBe(false);
    const unacknowledged = await call("reviewer", `/${review.id}/decision`, { decision: "approve", comment: "Looks good." });
    expect(unacknowledged.status).toBe(422);
    const refusal = ((await unacknowledged.json()) as { error: { code: string; openBlockers: number; issues: { path: string }[] } }).error;
    expect(refusal).toMatchObject({ code: "unprocessable", openBlockers: readiness.blockers.length, issues: [{ path: "acknowledgeBlockers" }] });
    expect(await appSql(`SELECT status::text FROM "Review" WHERE id = $1`, [review.id])).toEqual([{ status: "requested" }]);
    const beforeDecision = logLineCount();
    const decided = await call("reviewer", `/${review.id}/decision`, { decision: "approve", comment: "Looks good.", acknowledgeBlockers: true });
    expect(decided.status).toBe(200);
    await expect.poll(() => loggedEmails("review", beforeDecision).length, SLOW).toBe(1);
    expect(loggedEmails("review", beforeDecision)).toEqual([
      { to: "editor@example.com", subject: "Glasswork: review approved", url: expect.stringMatching(/\/services\/glasswork#review$/) },
    ]);
    expect(((await decided.json()) as { review: unknown }).review).toMatchObject({
      status: "approved",
      reviewer: "reviewer@example.com",
      comment: "Looks good.",
      scoreAtDecision: expect.any(Number),
      levelAtDecision: expect.stringMatching(/^(not-ready|at-risk)$/),
      blockersAtDecision: expect.any(Array),
    });
    const list = (await (await call("reviewer", "")).json()) as { reviews: { id: string }[] };
    expect(list.reviews[0]!.id).toBe(review.id);

    // an editor withdraws a new request; a reviewer may not
    const next = ((await (await call("editor", "", {})).json()) as { review: { id: string } }).review;
    expect((await call("reviewer", `/${next.id}/withdraw`, {})).status).toBe(403);
    const withdrawn = await call("editor", `/${next.id}/withdraw`, {});
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as { review: unknown }).review).toMatchObject({ id: next.id, status: "withdrawn" });
    expect((await call("editor", `/${next.id}/withdraw`, {})).status).toBe(409);

    // The page says which decision counts now (as readiness and the board do), not only "Withdrawn".
    const page = await viewer().newPage();
    await openService(page, "glasswork");
    const counts = panel(page).getByTestId("review-counts");
    await counts.waitFor();
    expect(await counts.textContent()).toMatch(/^The request was withdrawn, so the earlier decision still counts: !\s*Approved with \d+ open blockers? by Rita Reviewer (just now|\d.* ago)\.$/);
    await page.close();
  });
});
