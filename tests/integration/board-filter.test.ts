/** The board's search, tier filter and tier order, in SQL (lib/services/board.ts). */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { boardFilterSchema, loadBoard } from "@/lib/services/board";
import { makeMember, makeTeam } from "../helpers/actors";

let viewer: Actor;

beforeAll(async () => {
  const payments = await makeTeam("payments-team");
  const search = await makeTeam("search-team");
  const hidden = await makeTeam("hidden-team");
  viewer = await makeMember(payments.id, "viewer");
  viewer = await makeMember(search.id, "viewer", viewer.email);
  const owner = await db.user.create({ data: { email: "ada.owner@example.org", name: "Ada Lovelace" } });
  await db.membership.create({ data: { teamId: search.id, userId: owner.id, role: "owner" } });
  const editor = await db.user.create({ data: { email: "eddie.editor@example.org", name: "Eddie Editor" } });
  await db.membership.create({ data: { teamId: payments.id, userId: editor.id, role: "editor" } });
  await db.service.createMany({
    data: [
      { teamId: payments.id, slug: "ledger", name: "Ledger", description: "Double-entry bookkeeping", tier: 1, tags: ["finance", "core"] },
      { teamId: payments.id, slug: "card-gateway", name: "Card Gateway", description: "Talks to the acquirer", tier: 2, tags: ["pci"] },
      { teamId: search.id, slug: "indexer", name: "Indexer", description: "Builds the search index", tier: 3, tags: ["batch"] },
      { teamId: search.id, slug: "query-api", name: "Query API", description: "", tier: 1, tags: [] },
      { teamId: hidden.id, slug: "secret-ledger", name: "Secret Ledger", description: "", tier: 1, tags: ["finance"] },
    ],
  });
});

const slugs = async (query: Record<string, string>) =>
  (await loadBoard(viewer, boardFilterSchema.parse(query))).teams.flatMap((t) => t.services.map((s) => s.slug));

describe("board filter", () => {
  it("search matches the name, slug, description and tags, case-insensitively and in part, within visible teams", async () => {
    expect(await slugs({ q: "LEDG" })).toEqual(["ledger"]); // name (Secret Ledger's team is not the viewer's)
    expect(await slugs({ q: "card-gate" })).toEqual(["card-gateway"]); // slug
    expect(await slugs({ q: "acquirer" })).toEqual(["card-gateway"]); // description
    expect(await slugs({ q: "finan" })).toEqual(["ledger"]); // tag
    expect(await slugs({ q: "nothing like this" })).toEqual([]);
  });

  it("search matches the service's owner (a member or a name); without one, the team's owners, not its other members", async () => {
    expect(await slugs({ q: "lovelace" })).toEqual(["indexer", "query-api"]);
    expect(await slugs({ q: "ada.owner@" })).toEqual(["indexer", "query-api"]);
    expect(await slugs({ q: "eddie" })).toEqual([]);
    const eddie = await db.user.findUniqueOrThrow({ where: { email: "eddie.editor@example.org" } });
    await db.service.update({ where: { slug: "card-gateway" }, data: { ownerUserId: eddie.id } });
    await db.service.update({ where: { slug: "indexer" }, data: { ownerName: "Platform guild" } });
    try {
      expect(await slugs({ q: "eddie" })).toEqual(["card-gateway"]); // a member as the service's owner
      expect(await slugs({ q: "eddie.editor@" })).toEqual(["card-gateway"]);
      expect(await slugs({ q: "platform gu" })).toEqual(["indexer"]); // a free-text owner
      expect(await slugs({ q: "lovelace" })).toEqual(["query-api"]); // the indexer has an owner of its own now
    } finally {
      await db.service.updateMany({ where: { slug: { in: ["card-gateway", "indexer"] } }, data: { ownerUserId: null, ownerName: null } });
    }
  });

  it("LIKE wildcards in the search are literal text, not patterns", async () => {
    expect(boardFilterSchema.parse({ q: "%" }).q).toBeUndefined();
    expect(await slugs({ q: "led_er" })).toEqual([]);
  });

  it("tier filters, and sorts 1 first then by name within each team", async () => {
    expect(await slugs({ tier: "1" })).toEqual(["ledger", "query-api"]);
    expect(await slugs({ sort: "tier" })).toEqual(["ledger", "card-gateway", "query-api", "indexer"]);
    expect(await slugs({})).toEqual(["card-gateway", "ledger", "indexer", "query-api"]);
    expect(boardFilterSchema.parse({ tier: "9" }).tier).toBeUndefined();
  });

  it("filters combine, and the counts say how many match of how many there are", async () => {
    const board = await loadBoard(viewer, boardFilterSchema.parse({ q: "e", tier: "1", tag: "core" }));
    expect(board.teams.flatMap((t) => t.services.map((s) => s.slug))).toEqual(["ledger"]);
    expect([board.shown, board.total]).toEqual([1, 4]);
  });
});
