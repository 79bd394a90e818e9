/**
 * Page titles say where you are, and never name what you may not see: the 404 of another team's service
 * or team is titled "Not found", not with its name.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appSql, baseUrl, signedInBrowser } from "../helpers/app";

const viewer = signedInBrowser("viewer@example.com");

beforeAll(async () => {
  await appSql(`INSERT INTO "Team" (id, slug, name) VALUES ('team_secret', 'secret-team', 'Secret Team') ON CONFLICT DO NOTHING`);
  await appSql(
    `INSERT INTO "Service" (id, "teamId", slug, name, "updatedAt") VALUES ('svc_secret', 'team_secret', 'secret-launch', 'Project Nightingale', now()) ON CONFLICT DO NOTHING`,
  );
});

async function titleOf(path: string): Promise<{ title: string; status: number }> {
  const page = await viewer().newPage();
  const res = await page.goto(`${baseUrl()}${path}`);
  const title = await page.title();
  await page.close();
  return { title, status: res!.status() };
}

describe("page titles", () => {
  it("name the page and the service or team for a member", async () => {
    expect((await titleOf("/")).title).toBe("Readiness board · Preflight");
    expect((await titleOf("/services/cryptopulse")).title).toBe("CryptoPulse · Preflight");
    expect((await titleOf("/services/cryptopulse/uptime")).title).toBe("Uptime · CryptoPulse · Preflight");
    expect((await titleOf("/services/cryptopulse/history")).title).toBe("History · CryptoPulse · Preflight");
    expect((await titleOf("/teams/platform")).title).toBe("Team Platform · Preflight");
    expect((await titleOf("/teams/platform/tokens")).title).toBe("API tokens · Platform · Preflight");
  });

  it("do not reveal another team's service or team on its 404", async () => {
    for (const path of ["/services/secret-launch", "/services/secret-launch/recovery", "/teams/secret-team", "/teams/secret-team/audit"]) {
      const { title, status } = await titleOf(path);
      expect(status, path).toBe(404);
      expect(title, path).toBe("Not found · Preflight");
    }
    expect((await titleOf("/services/no-such-service")).title).toBe("Not found · Preflight");
  });
});
