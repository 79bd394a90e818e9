import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/db";
import { enforceRateLimits, hitRateLimit } from "@/lib/security/rate-limit";

const run = promisify(execFile);

describe("rate limits counted in PostgreSQL", () => {
  it("allow the limit, then refuse with Retry-After until the window ends", async () => {
    // The clock is the caller's: each attempt names its moment, so nothing waits for the window to end.
    const rule = { name: "test:window", limit: 3, windowSeconds: 60 };
    const t0 = Date.parse("2026-11-27T23:59:30.000Z");
    const at = (ms: number) => new Date(t0 + ms);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(rule, "a@example.com", at(i * 1000)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]!.retryAfterSeconds).toBe(56); // the window opened at t0 and ends at t0 + 60 s
    await expect(enforceRateLimits([{ rule, subject: "a@example.com" }], at(59_999))).rejects.toMatchObject({ code: "rate_limited", headers: { "retry-after": "1" } });
    expect((await hitRateLimit(rule, "A@example.com", at(60_000))).allowed).toBe(true); // new window, subject case-insensitive
    expect((await hitRateLimit(rule, "a@example.com", at(61_000))).count).toBe(2);
  });

  it("one limit is shared by two separate processes on the same database", async () => {
    // Each process makes 10 attempts at once against a limit of 7: exactly 7 are allowed in total.
    const script = `
      const { hitRateLimit } = await import("./lib/security/rate-limit.ts");
      const { disconnectDb } = await import("./lib/db.ts");
      const rule = { name: "test:shared", limit: 7, windowSeconds: 60 };
      const r = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(rule, "203.0.113.9")));
      console.log(JSON.stringify(r.filter((x) => x.allowed).length));
      await disconnectDb();`;
    const opts = { env: { ...process.env, DATABASE_URL: databaseUrl() }, cwd: process.cwd() };
    const [a, b] = await Promise.all([
      run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], opts),
      run(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], opts),
    ]);
    const allowed = Number(a.stdout.trim()) + Number(b.stdout.trim());
    expect(allowed).toBe(7);
  });
});
