/** The route map proxy.ts answers 404/405 from is the routes and methods app/api really exports. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, apiRouteMethods } from "@/lib/http/api-routes";

function scan(dir: string, found: Record<string, string[]> = {}): Record<string, string[]> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) scan(full, found);
    else if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      const methods = [...source.matchAll(/^export (?:async function|const|function) (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1]!);
      found[`/${path.relative("app", dir).split(path.sep).join("/")}`] = [...new Set(methods)].sort();
    }
  }
  return found;
}

describe("the API route map", () => {
  it("lists every route of app/api with the methods it exports (add the line this prints)", () => {
    const actual = scan(path.join("app", "api"));
    const listed = Object.fromEntries(Object.entries(API_ROUTES).map(([k, v]) => [k, [...v].sort()]));
    expect(listed).toEqual(actual);
  });

  it("finds the route Next would serve: static segments first, catch-alls last", () => {
    expect(apiRouteMethods("/api/v1/services")).toEqual(["GET", "POST", "HEAD", "OPTIONS"]);
    expect(apiRouteMethods("/api/v1/services/x/metrics/source")).toEqual(["GET", "PUT", "HEAD", "OPTIONS"]);
    expect(apiRouteMethods("/api/v1/services/x/metrics")).toEqual(["POST", "OPTIONS"]);
    expect(apiRouteMethods("/api/auth/signin/email")).toEqual(["GET", "POST", "HEAD", "OPTIONS"]);
    expect(apiRouteMethods("/api/auth/callback/email/x")).toEqual(["GET", "POST", "HEAD", "OPTIONS"]);
    expect(apiRouteMethods("/api/auth")).toBeNull();
    // The demo health endpoints are no longer app routes (lib/demo/targets-server.ts).
    expect(apiRouteMethods("/api/demo/x/a/b/c")).toBeNull();
    expect(apiRouteMethods("/api/v1/nope")).toBeNull();
    expect(apiRouteMethods("/api/v1/services/x/y/z")).toBeNull();
  });
});
