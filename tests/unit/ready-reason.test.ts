import { beforeEach, describe, expect, it, vi } from "vitest";

const queryRaw = vi.fn();
vi.mock("@/lib/db", () => ({ db: { $queryRaw: (...args: unknown[]) => queryRaw(...args) } }));
const { checkDatabase } = await import("@/lib/db/ready");

describe("/api/ready's reason (public, no sign-in)", () => {
  beforeEach(() => queryRaw.mockReset());

  it.each([
    ["connect ECONNREFUSED 10.0.3.4:5432", /connection refused/],
    ['password authentication failed for user "preflight_admin"', /authentication failed/],
    ["getaddrinfo ENOTFOUND db.internal.corp.example", /host not found/],
    ['database "preflight_prod" does not exist', /database does not exist/],
    ["relation \"Secret\" does not exist at /srv/app/node_modules/pg/lib/client.js:526", /the query failed/],
  ])("says what kind of failure %j was, without hosts, users or paths", async (message, kind) => {
    queryRaw.mockRejectedValueOnce(new Error(message));
    const r = await checkDatabase();
    expect(r.ok).toBe(false);
    const reason = (r as { reason: string }).reason;
    expect(reason).toMatch(/^database unavailable: /);
    expect(reason).toMatch(kind);
    for (const secret of ["10.0.3.4", "preflight_admin", "db.internal", "preflight_prod", "/srv/app", "Secret"]) expect(reason).not.toContain(secret);
  });

  it("names a timeout", async () => {
    queryRaw.mockReturnValueOnce(new Promise(() => {}));
    expect(await checkDatabase(20)).toEqual({ ok: false, reason: "database unavailable: no answer within 20 ms" });
  });
});
