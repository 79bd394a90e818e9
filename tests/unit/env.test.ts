import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    return (err as EnvError).problems;
  }
}

describe("parseEnv", () => {
  it("accepts an empty development environment with defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PROBES_IN_PROCESS).toBe(true);
    expect(env.PREFLIGHT_ADMIN_EMAILS).toEqual([]);
  });

  it("names the variable that is malformed", () => {
    expect(problems({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL /);
    expect(problems({ PORT: "eighty" })[0]).toMatch(/^PORT /);
    expect(problems({ NEXTAUTH_URL: "not a url" })[0]).toMatch(/^NEXTAUTH_URL /);
    expect(problems({ SMTP_URL: "http://mail" })[0]).toMatch(/^SMTP_URL /);
    expect(problems({ NEXTAUTH_SECRET: "short" })[0]).toMatch(/^NEXTAUTH_SECRET must be at least 32/);
    expect(problems({ PREFLIGHT_ADMIN_EMAILS: "a@example.com, nope" })[0]).toMatch(/^PREFLIGHT_ADMIN_EMAILS/);
  });

  it("requires the secrets in production, naming each", () => {
    const p = problems({ NODE_ENV: "production" });
    expect(p).toContain("NEXTAUTH_SECRET is required in production");
    expect(p).toContain("CRON_SECRET is required in production");
  });

  it("treats empty strings as unset and parses lists and booleans", () => {
    const env = parseEnv({
      DATABASE_URL: "",
      PORT: "4000",
      PREFLIGHT_ADMIN_EMAILS: "Owner@Example.com, b@example.org",
      PROBES_IN_PROCESS: "false",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(4000);
    expect(env.PREFLIGHT_ADMIN_EMAILS).toEqual(["owner@example.com", "b@example.org"]);
    expect(env.PROBES_IN_PROCESS).toBe(false);
  });
});
