/**
 * Public status pages against the real database: the demo team's published page and its Atom feed (valid
 * XML, the demo incidents, nothing internal), a page nobody published (404), the settings' permission
 * (owners only, audited) and escaping of what owners and editors type.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import * as feedRoute from "@/app/status/[team]/feed.atom/route";
import * as pageRoute from "@/app/status/[team]/route";
import { db } from "@/lib/db";
import { seedDemo } from "@/lib/demo/seed";
import { ApiError } from "@/lib/http/errors";
import { cachedStatusPage } from "@/lib/status-page/cache";
import { STATUS_PAGE_DAYS } from "@/lib/status-page/present";
import { updateStatusPageSettings } from "@/lib/status-page/settings";
import { makeMember, makeTeam } from "../helpers/actors";

const ctx = { ip: "198.51.100.7" };
const DAY = 86_400_000;

async function getPage(team: string, headers: Record<string, string> = {}) {
  return pageRoute.GET(new Request(`http://localhost/status/${team}`, { headers }), { params: Promise.resolve({ team }) });
}

async function getFeed(team: string) {
  return feedRoute.GET(new Request(`http://localhost/status/${team}/feed.atom`), { params: Promise.resolve({ team }) });
}

interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  summary: string;
}

function parseFeed(xml: string): { title: string; entry: AtomEntry[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({ isArray: (name) => name === "entry" || name === "link" }).parse(xml) as { feed: { title: string; entry?: AtomEntry[] } };
  return { title: parsed.feed.title, entry: parsed.feed.entry ?? [] };
}

describe("the demo team's status page", () => {
  it("lists the demo services with 90 day bars, and its Atom feed is valid XML listing the demo incidents, with nothing internal", async () => {
    const now = new Date();
    await seedDemo({ targetsUrl: "http://127.0.0.1:3001", now });
    const view = await cachedStatusPage("platform", now);
    expect(view).not.toBeNull();
    expect(view!.title).toBe("Platform status");
    expect(view!.services.map((s) => s.name)).toEqual(["Hyperterse", "CryptoPulse", "TrailBase", "Glasswork"]);
    for (const s of view!.services) {
      expect(s.bars).toHaveLength(STATUS_PAGE_DAYS);
      // 30 days of demo history: the last days have probes, the first ones none.
      expect(s.bars.at(-2)!.availability).not.toBeNull();
      expect(s.bars[0]!.level).toBe("none");
    }

    const incidents = await db.incident.findMany({
      where: { service: { team: { slug: "platform" } }, OR: [{ endedAt: null }, { endedAt: { gt: new Date(now.getTime() - STATUS_PAGE_DAYS * DAY) } }] },
      include: { service: true },
    });
    expect(incidents.length).toBeGreaterThan(3);
    const shown = [...view!.openIncidents, ...view!.pastIncidents];
    expect(shown.map((i) => i.id).sort()).toEqual(incidents.map((i) => i.id).sort());
    // The bar of a day holding an incident counts it.
    const first = incidents[0]!;
    const service = view!.services.find((s) => s.id === first.serviceId)!;
    const day = Math.floor(first.startedAt.getTime() / DAY) * DAY;
    expect(service.bars.find((b) => b.t === day)!.incidents).toBeGreaterThan(0);

    const res = await getFeed("platform");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    const feed = parseFeed(xml);
    expect(feed.title).toBe("Platform status: incidents");
    expect(feed.entry).toHaveLength(incidents.length);
    for (const i of incidents) {
      const entry = feed.entry.find((e) => e.id.endsWith(`#incident-${i.id}`));
      expect(entry, i.id).toBeDefined();
      expect(entry!.title).toContain(i.service.name);
      expect(entry!.published).toBe(i.startedAt.toISOString());
    }
    // The error class, never the message: the demo outages' messages hold addresses and status lines.
    expect(feed.entry.some((e) => e.summary.includes("cause: connection refused"))).toBe(true);
    for (const i of incidents) expect(xml).not.toContain(i.firstError);
    expect(xml).not.toContain("127.0.0.1:3001");
    expect(xml).not.toMatch(/@example\.com/);

    // The page: one document, the same for every reader.
    const plain = await getPage("platform");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(plain.headers.get("cache-control")).toBe("public, max-age=30");
    const html = await plain.text();
    expect(await (await getPage("platform")).text()).toBe(html);
    // A reload with the validator: 304, no document.
    const etag = plain.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await getPage("platform", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await getPage("platform", { "if-none-match": '"other"' })).status).toBe(200);
    expect(html).not.toContain("<script");
    for (const s of view!.services) expect(html).toContain(`<h3>${s.name}</h3>`);
    for (const i of incidents) expect(html).not.toContain(i.firstError);
  });
});

describe("a status page nobody published", () => {
  it("is a 404, for a team without settings, an unpublished page and a team that does not exist", async () => {
    const team = await makeTeam();
    await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Svc" } });
    expect(await cachedStatusPage(team.slug)).toBeNull();
    expect((await getFeed(team.slug)).status).toBe(404);
    const page = await getPage(team.slug);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("<h1>Not found</h1>");

    await db.statusPage.create({ data: { teamId: team.id, published: false, title: "Hidden" } });
    expect((await getFeed(team.slug)).status).toBe(404);
    expect((await getPage(team.slug)).status).toBe(404);
    expect((await getFeed("no-such-team")).status).toBe(404);
    expect((await getPage("no-such-team")).status).toBe(404);
  });
});

describe("status page settings", () => {
  it("an editor cannot publish; an owner can (audited), and the page shows at once", async () => {
    const team = await makeTeam();
    const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: "Checkout" } });
    const editor = await makeMember(team.id, "editor");
    const owner = await makeMember(team.id, "owner");
    const input = { published: true, title: "Shop status", serviceIds: [service.id] };

    expect(await cachedStatusPage(team.slug)).toBeNull();
    const refused = await updateStatusPageSettings(editor, team.slug, input, ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(403);
    expect(await db.statusPage.findUnique({ where: { teamId: team.id } })).toBeNull();

    const saved = await updateStatusPageSettings(owner, team.slug, input, ctx);
    expect(saved).toMatchObject({ published: true, title: "Shop status", serviceIds: [service.id] });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "team.status-page" } });
    expect(audit).toMatchObject({ actorEmail: owner.email, before: null, after: input });
    // The settings forget the cached "not published": no 30 s wait in this process.
    expect((await cachedStatusPage(team.slug))?.services.map((s) => s.name)).toEqual(["Checkout"]);

    const other = await makeTeam();
    const foreign = await db.service.create({ data: { teamId: other.id, slug: `svc-${other.slug}`, name: "Not theirs" } });
    const wrong = await updateStatusPageSettings(owner, team.slug, { ...input, serviceIds: [foreign.id] }, ctx).catch((e: unknown) => e);
    expect((wrong as ApiError).status).toBe(422);
  });

  it("escapes what people typed in the feed, and leaves archived services out", async () => {
    const team = await makeTeam();
    const owner = await makeMember(team.id, "owner");
    const service = await db.service.create({ data: { teamId: team.id, slug: `svc-${team.slug}`, name: `Pay <&> "API"` } });
    const archived = await db.service.create({ data: { teamId: team.id, slug: `old-${team.slug}`, name: "Old" } });
    const check = await db.healthCheck.create({ data: { serviceId: service.id, url: "http://10.1.2.3:9000/secret-health" } });
    await db.incident.create({ data: { serviceId: service.id, checkId: check.id, startedAt: new Date(Date.now() - 3 * 3600_000), endedAt: new Date(Date.now() - 2 * 3600_000), firstError: "connect ECONNREFUSED 10.1.2.3:9000" } });
    await updateStatusPageSettings(owner, team.slug, { published: true, title: `Tom & Jerry's <status>`, serviceIds: [service.id, archived.id] }, ctx);
    await db.service.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });

    const xml = await (await getFeed(team.slug)).text();
    const feed = parseFeed(xml);
    expect(feed.title).toBe(`Tom & Jerry's <status>: incidents`);
    const html = await (await getPage(team.slug)).text();
    expect(html).toContain("<h1>Tom &amp; Jerry&apos;s &lt;status&gt;</h1>");
    expect(html).toContain("Pay &lt;&amp;&gt; &quot;API&quot;");
    expect(html).not.toContain("10.1.2.3");
    expect(feed.entry).toHaveLength(1);
    expect(feed.entry[0]!.title).toBe(`Resolved: Pay <&> "API" was down for 1 h`);
    expect(xml).not.toContain("10.1.2.3");
    expect(xml).not.toContain("ECONNREFUSED");
    // The cache still holds the page as published with both; a fresh read (after 30 s) leaves the archived one out.
    const later = await cachedStatusPage(team.slug, new Date(Date.now() + 31_000));
    expect(later!.services.map((s) => s.name)).toEqual([`Pay <&> "API"`]);
  });
});
