/**
 * Rules that start later (effectiveFrom): before the date the item is upcoming and does not count; the
 * board counts waivers and lists the services that would drop a level on the day the rule starts.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { boardFilterSchema, loadBoard } from "@/lib/services/board";
import { makeMember, makeTeam } from "../helpers/actors";

const DAY = 86_400_000;

describe("upcoming rules on the board", () => {
  it("lists the services that would drop a level on the start date, and counts each service's waivers", async () => {
    const team = await makeTeam();
    const viewer = await makeMember(team.id, "viewer");
    const now = new Date();
    const starts = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 30 * DAY);
    const item = (serviceId: string, key: string, extra: object) => ({ serviceId, key, sectionKey: "s", sectionTitle: "S", title: key, severity: "critical" as const, position: 0, ...extra });
    const [dropping, fine] = await Promise.all([
      db.service.create({ data: { teamId: team.id, slug: `drop-${team.slug}`, name: "Dropping" } }),
      db.service.create({ data: { teamId: team.id, slug: `fine-${team.slug}`, name: "Fine" } }),
    ]);
    await db.serviceChecklistItem.createMany({
      data: [
        item(dropping.id, "tls", { state: "done" }),
        item(dropping.id, "sbom", { state: "open", effectiveFrom: starts }),
        item(fine.id, "tls", { state: "done" }),
        item(fine.id, "sbom", { state: "done", effectiveFrom: starts }),
        item(fine.id, "restore", { state: "na", naReason: "stateless", waiverStatus: "approved", waiverExpiresAt: new Date(now.getTime() + 60 * DAY) }),
      ],
    });
    const board = await loadBoard(viewer, boardFilterSchema.parse({}), now);
    const cards = new Map(board.teams.flatMap((t) => t.services).map((s) => [s.slug, s]));
    // before the date the upcoming item does not count
    expect(cards.get(dropping.slug)!.readiness).toMatchObject({ level: "ready", score: 100 });
    expect(cards.get(dropping.slug)!.readiness.counts).toMatchObject({ total: 1, upcoming: 1 });
    expect([cards.get(dropping.slug)!.waivers, cards.get(fine.slug)!.waivers]).toEqual([0, 1]);
    expect(board.upcomingDrops).toEqual([{ date: starts, services: [{ slug: dropping.slug, name: "Dropping", from: "ready", to: "not-ready" }] }]);

    // on the date it counts
    const then = await loadBoard(viewer, boardFilterSchema.parse({}), new Date(starts.getTime() + 1000));
    expect(then.teams.flatMap((t) => t.services).find((s) => s.slug === dropping.slug)!.readiness.level).toBe("not-ready");
    expect(then.upcomingDrops).toEqual([]);
  });
});
