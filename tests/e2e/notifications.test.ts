/**
 * The team's Notifications page end to end: an owner adds a webhook channel pointing at a receiver this
 * test starts, presses "Send test": the receiver gets one signed request at once and the page lists the
 * delivery as delivered; a test to a failing receiver shows its error; then the owner deletes the channel.
 * Editors see channels without controls; viewers are told which role the page needs.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPreflightSignature } from "../helpers/documented-verifier";
import { appSql, baseUrl, insertToken, signedInBrowser } from "../helpers/app";

const owner = signedInBrowser("owner@example.com");
const editor = signedInBrowser("editor@example.com");
const viewer = signedInBrowser("viewer@example.com");
const PAGE = "/teams/platform/notifications";

/** What the receiver got: each request's headers and body. It refuses a request without Preflight-Event-Id. */
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
/** The receiver's answer to a request with Preflight-Event-Id. */
let answer = 204;
let receiver: Server;
let receiverUrl = "";

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(req.headers["preflight-event-id"] ? answer : 400).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/preflight-e2e-secret-path`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

describe("the Notifications page (Chromium)", () => {
  it("an owner adds a webhook channel, sends a test and sees the delivery listed, then deletes the channel", async () => {
    const page = await owner().newPage();
    await page.goto(`${baseUrl()}/teams/platform`);
    await page.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Notifications" }).click();
    await page.waitForURL(`**${PAGE}`);
    await page.getByRole("heading", { name: "No notification channels yet" }).waitFor();

    const add = page.locator("form", { has: page.getByRole("button", { name: "Add channel" }) });
    // Plain http to another machine is refused at the URL field, and what was typed stays.
    await add.getByLabel("Type").selectOption("webhook");
    await add.getByLabel("Name").fill("On-call relay");
    await add.getByLabel("URL").fill("http://relay.example.com/hook");
    await add.getByRole("button", { name: "Add channel" }).click();
    await add.getByText("The URL must start with https:// (plain http only to this machine: localhost, 127.0.0.1).").waitFor();
    expect(await add.getByLabel("URL").getAttribute("aria-invalid")).toBe("true");
    expect(await add.getByLabel("Name").inputValue()).toBe("On-call relay");

    await add.getByLabel("URL").fill(receiverUrl);
    // Every event is ticked to begin with; the services are left unticked (every service).
    expect(await add.getByRole("checkbox", { name: "Health check down" }).isChecked()).toBe(true);
    await add.getByRole("button", { name: "Add channel" }).click();
    await add.getByText("Added “On-call relay”. Copy its signing secret now: it is not shown again.").waitFor();
    const secret = await add.getByLabel("Signing secret (shown once)").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await add.getByRole("button", { name: "Copy signing secret" }).waitFor();

    const card = page.getByRole("article", { name: "On-call relay" });
    await card.getByText("Nothing sent yet").first().waitFor();
    expect(await card.textContent()).toContain("Every event");
    expect(await card.textContent()).toContain("http://127.0.0.1:");
    expect(await page.content()).not.toContain("preflight-e2e-secret-path");

    await card.getByRole("button", { name: "Send test to On-call relay" }).click();
    await card.getByText("Test message delivered (HTTP 204).").waitFor();
    const deliveries = card.getByRole("table", { name: "Last deliveries of On-call relay, newest first" });
    const row = deliveries.getByRole("row").filter({ hasText: "Platform: test message" });
    await row.waitFor();
    expect(await row.textContent()).toContain("Delivered (HTTP 204)");

    // The receiver got the test once, at once, signed with the secret the page showed.
    const [event] = await appSql<{ id: string; channelId: string }>(`SELECT e.id, e."channelId" FROM "AlertEvent" e JOIN "AlertChannel" c ON c.id = e."channelId" WHERE c.name = 'On-call relay' AND e.type = 'test'`);
    expect(event).toBeDefined();
    const requests = received.filter((r) => r.headers["preflight-event-id"] === event!.id);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers["content-type"]).toContain("application/json");
    expect(verifyPreflightSignature(requests[0]!.body, String(requests[0]!.headers["preflight-signature"]), secret)).toBe(true);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({ id: event!.id, type: "test", team: { slug: "platform" } });

    // A receiver that fails: the page says so with its answer, and lists the delivery as retrying.
    answer = 500;
    await card.getByRole("button", { name: "Send test to On-call relay" }).click();
    await card.getByText(/^The test message did not get through \(HTTP 500\): .+ It is tried again at /).waitFor();
    await deliveries.getByRole("row").filter({ hasText: "Retrying (HTTP 500)" }).waitFor();
    expect(received.filter((r) => r.headers["preflight-event-id"] !== undefined)).toHaveLength(2);

    // Deleting asks first; the channel and its deliveries go.
    await card.getByText("Delete On-call relay…").click();
    await card.getByRole("button", { name: "Delete On-call relay" }).click();
    await card.waitFor({ state: "detached" });
    expect(await appSql(`SELECT 1 FROM "AlertChannel" WHERE id = $1`, [event!.channelId])).toEqual([]);
    answer = 204;
    await page.close();
  });

  it("editors see the channels and their deliveries without controls; viewers are told which role is needed", async () => {
    const { secret: ownerToken } = await insertToken({ teamSlug: "platform", email: "owner@example.com", role: "owner" });
    const created = await fetch(`${baseUrl()}/api/v1/teams/platform/channels`, {
      method: "POST",
      headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "slack", name: "Ops room", url: "https://hooks.slack.com/services/T0/B0/e2e-slack-secret", events: ["check.down", "check.up"], minTier: 1 }),
    });
    expect(created.status).toBe(201);
    const { channel } = (await created.json()) as { channel: { id: string } };
    try {
      const page = await editor().newPage();
      await page.goto(`${baseUrl()}${PAGE}`);
      const card = page.getByRole("article", { name: "Ops room" });
      await card.waitFor();
      const text = await card.textContent();
      expect(text).toContain("Health check down and Health check recovered");
      expect(text).toContain("Tier 1 only");
      expect(text).toContain("https://hooks.slack.com/…");
      expect(await page.content()).not.toContain("e2e-slack-secret");
      expect(await page.getByRole("button", { name: /Send test/ }).count()).toBe(0);
      expect(await page.getByRole("heading", { name: "Add a channel" }).count()).toBe(0);
      expect(await page.getByText(/Delete Ops room/).count()).toBe(0);
      await page.getByText("an owner of the team adds and changes them").waitFor();
      await page.close();

      const refused = await viewer().newPage();
      await refused.goto(`${baseUrl()}${PAGE}`);
      await refused.getByText("The notification channels of Platform are for its owners and editors; your role is viewer.").waitFor();
      expect(await refused.getByRole("article").count()).toBe(0);
      expect(await refused.getByRole("navigation", { name: "Team" }).getByRole("link", { name: "Notifications" }).count()).toBe(0);
      await refused.close();
    } finally {
      await appSql(`DELETE FROM "AlertChannel" WHERE id = $1`, [channel.id]);
    }
  });
});
