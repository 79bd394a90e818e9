import { inject } from "vitest";

/** URL of another database on the test server (for tests that build their own). */
export function testDatabaseUrl(name: string): string {
  const url = new URL(inject("adminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}
