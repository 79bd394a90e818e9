import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { baseUrl } from "../helpers/app";

const run = promisify(execFile);

async function preflight(...args: string[]) {
  // Exactly as an operator runs it, against the app's database.
  return run("npm", ["run", "-s", "preflight", "--", ...args], { env: { ...process.env, DATABASE_URL: inject("appDbUrl") } });
}

describe("npm run preflight -- token create", () => {
  it("prints a token (last line) that works as a bearer token until it is revoked", async () => {
    const { stdout } = await preflight("token", "create", "--email", "owner@example.com", "--team", "platform", "--name", "ops");
    const token = stdout.trim().split("\n").at(-1)!;
    expect(token).toMatch(/^pf_[A-Za-z0-9_-]{40,}$/);

    const res = await fetch(`${baseUrl()}/api/v1/services`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { services: { slug: string; team: string }[] };
    expect(body.services.map((s) => s.slug)).toEqual(expect.arrayContaining(["cryptopulse", "glasswork", "hyperterse", "trailbase"]));
    expect(new Set(body.services.map((s) => s.team))).toEqual(new Set(["platform"]));

    await preflight("token", "revoke", "--prefix", token);
    const after = await fetch(`${baseUrl()}/api/v1/services`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  });

  it("refuses a user who is not a member, with a clear message", async () => {
    await expect(preflight("token", "create", "--email", "nobody@example.com", "--team", "platform")).rejects.toMatchObject({
      stderr: expect.stringContaining("is not a member of team"),
    });
  });
});
