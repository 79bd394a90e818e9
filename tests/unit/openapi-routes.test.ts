/**
 * Every route handler under app/api is an operation of the OpenAPI document: the paths and methods are
 * read from the file tree (`[slug]` → `{slug}`, the exported GET/POST/… of each route.ts), so a new route
 * without a documented operation fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

const ROOT = path.join(import.meta.dirname, "../..");
const API_DIR = path.join(ROOT, "app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Routes that are not part of the API the document describes:
 * - next-auth's catch-all speaks next-auth's own protocol (sign-in forms, callbacks, CSRF, session), with
 *   HTML redirects and form posts rather than JSON; its paths are next-auth's, not ours to document;
 */
const NOT_DOCUMENTED: Record<string, string> = {
  "/api/auth/{...nextauth}": "next-auth's own protocol (forms, redirects, callbacks)",
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/v1/services/[slug]/route.ts` → `/api/v1/services/{slug}`; route groups `(x)` vanish. */
function apiPath(file: string): string {
  const segments = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s)).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
}

/** The HTTP methods a route file exports (`export const GET =`, `export async function POST(`, `export { GET }`). */
function exportedMethods(source: string): string[] {
  return METHODS.filter((m) =>
    new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${m}\\b`).test(source) || new RegExp(`export\\s*\\{[^}]*\\b${m}\\b[^}]*\\}`).test(source),
  );
}

const routes = routeFiles(API_DIR)
  .map((file) => ({ file: path.relative(ROOT, file), path: apiPath(file), methods: exportedMethods(readFileSync(file, "utf8")) }))
  .sort((a, b) => a.path.localeCompare(b.path));

describe("the OpenAPI document lists every route under app/api", () => {
  const doc = openApiDocument("http://localhost:3000");
  const paths = doc.paths as Record<string, Record<string, unknown>>;

  it("finds the route files and their methods", () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect([r.file, r.methods.length > 0]).toEqual([r.file, true]);
  });

  it("has an operation for each exported method of each route", () => {
    const missing = routes
      .filter((r) => !(r.path in NOT_DOCUMENTED))
      .flatMap((r) => r.methods.filter((m) => !paths[r.path]?.[m.toLowerCase()]).map((m) => `${m} ${r.path} (${r.file})`));
    expect(missing).toEqual([]);
  });

  it("documents no operation that has no route, and excludes only routes that exist", () => {
    const served = new Set(routes.flatMap((r) => r.methods.map((m) => `${m.toLowerCase()} ${r.path}`)));
    const documented = Object.entries(paths).flatMap(([p, item]) => Object.keys(item).filter((k) => METHODS.includes(k.toUpperCase() as (typeof METHODS)[number])).map((m) => `${m} ${p}`));
    expect(documented.filter((op) => !served.has(op))).toEqual([]);
    for (const p of Object.keys(NOT_DOCUMENTED)) expect(routes.map((r) => r.path)).toContain(p);
  });
});

describe("the document's answers are strict", () => {
  it("every object of every JSON answer lists its fields and allows no others", () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}.${i}`));
      if (node === null || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      if (o.type === "object" && o.properties && o.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}.${k}`);
    };
    const paths = openApiDocument("http://localhost:3000").paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    for (const [p, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, res] of Object.entries(op.responses ?? {})) if (!status.startsWith("4") && !status.startsWith("5")) walk(res, `${method} ${p} ${status}`);
      }
    }
    expect(open).toEqual([]);
  });
});
