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

  it("names the variable that is malformed and says what to set it to", () => {
    expect(problems({ DATABASE_URL: "mysql://x" })).toEqual(["DATABASE_URL: Set it to a postgres:// or postgresql:// URL, or leave it unset for the embedded database."]);
    expect(problems({ PORT: "eighty" })).toEqual(["PORT: Set it to a whole number from 1 to 65535."]);
    expect(problems({ PORT: "70000" })).toEqual(["PORT: Set it to a whole number from 1 to 65535."]);
    expect(problems({ NEXTAUTH_URL: "not a url" })[0]).toMatch(/^NEXTAUTH_URL: Set it to the public URL of Preflight/);
    expect(problems({ SMTP_URL: "http://mail" })[0]).toMatch(/^SMTP_URL: Set it to an smtp:\/\/ or smtps:\/\/ URL/);
    expect(problems({ NEXTAUTH_SECRET: "short" })).toEqual(["NEXTAUTH_SECRET: Set it to at least 32 random characters (openssl rand -base64 48)."]);
    expect(problems({ PREFLIGHT_ADMIN_EMAILS: "a@example.com, nope" })).toEqual(['PREFLIGHT_ADMIN_EMAILS.1: "nope" is not an email address: list addresses separated by commas.']);
    expect(problems({ PROBES_IN_PROCESS: "maybe" })).toEqual(["PROBES_IN_PROCESS: Set it to true or false."]);
    expect(problems({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL: Choose "fatal", .* or "silent"\.$/);
  });

  it("requires the secrets in production, naming each and how to make one", () => {
    const p = problems({ NODE_ENV: "production" });
    expect(p).toContain("NEXTAUTH_SECRET: Required in production: set it to at least 32 random characters (openssl rand -base64 48).");
    expect(p).toContain("CRON_SECRET: Required in production: set it to at least 16 random characters (openssl rand -base64 24).");
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
