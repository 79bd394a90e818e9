import { NextResponse, type NextRequest } from "next/server";
import { databaseKnownDown } from "@/lib/db/outage-state";
import { apiRouteMethods } from "@/lib/http/api-routes";
import { jsonResponse } from "@/lib/http/json";
import { hasEmptyParam, withoutEmptyParams } from "@/lib/http/query";

/**
 * Runs before every page request. Optimistic only: it sends visitors without a session cookie to
 * sign-in (so they get a real redirect, not a streamed one), drops the empty parameters a filter form
 * sends without JavaScript ("/?q=&level=ready" → "/?level=ready"), and adds HSTS when served over https.
 * It also answers, in the one error shape, the requests Next would answer with a bare 500, an HTML page or
 * an empty 405 (see apiGate), and sends a path with undecodable percent-escapes to the not-found page.
 * Pages and API handlers still check the session and the role themselves.
 */
// /status/: published status pages and their feeds are for everyone (lib/status-page; 404 when not published).
const PUBLIC_PREFIXES = ["/signin", "/invite/", "/api/", "/_next/", "/favicon", "/status/"];
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The API's error shape, answered here before Next routes the request (lib/http/errors.ts has the rest). */
function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return jsonResponse({ error: { code, message } }, { status, headers });
}

/** True when every percent-escape of the path decodes to UTF-8 (Next answers a bare 500 otherwise). */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH"]);
/** Routes whose bodies are not JSON: backup pings (any text, kept as a log excerpt), next-auth's forms, template files (YAML). */
const OTHER_BODIES = [/^\/api\/ping\//, /^\/api\/auth\//, /^\/api\/v1\/templates$/];
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function hasBody(request: NextRequest): boolean {
  const length = request.headers.get("content-length");
  return length !== null ? Number(length) > 0 : request.headers.has("transfer-encoding");
}

/**
 * API requests Next would answer outside the error shape: an undecodable path (bare 500), an unknown path
 * (HTML 404 page), a method the route does not export (empty 405), and a write whose body is not JSON.
 */
function apiGate(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (!decodablePath(pathname)) return apiError(400, "bad_request", "The URL contains a percent-escape that is not UTF-8.");
  const methods = apiRouteMethods(pathname);
  if (!methods) return apiError(404, "not_found", "There is no such API endpoint.");
  if (!methods.includes(request.method)) {
    return apiError(405, "method_not_allowed", `This endpoint does not answer ${request.method}.`, { allow: methods.join(", ") });
  }
  if (WRITE_METHODS.has(request.method) && hasBody(request) && !OTHER_BODIES.some((r) => r.test(pathname))) {
    if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) {
      return apiError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
    }
  }
  return null;
}

/**
 * A server action posted from another origin: Next refuses it by throwing (a 500); answer 403. Compared
 * as Next compares (Origin's host against X-Forwarded-Host, else Host).
 */
function foreignServerAction(request: NextRequest): boolean {
  // What Next takes for a possible server action: a POST with Next-Action, or any multipart POST.
  const multipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (request.method !== "POST" || (!request.headers.has("next-action") && !multipart)) return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

const OUTAGE_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Database unreachable · Preflight</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<main><h1>The database is unreachable</h1><p>Preflight cannot reach its database at the moment. Your data is safe;
reload this page in a few seconds.</p></main></body></html>`;

/**
 * While the database is known to be down (lib/db/outage.ts: a request failed on it and it has not
 * answered since), pages answer 503 with Retry-After and a page that says so, rather than each waiting
 * for the database to fail them (docs/decisions/0020).
 */
function outagePage(): NextResponse {
  return new NextResponse(OUTAGE_PAGE, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "retry-after": "5", "cache-control": "no-store" } });
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  let response: NextResponse;
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  const refused = pathname.startsWith("/api/") ? apiGate(request) : null;
  if (refused) {
    response = refused;
  } else if (pathname.startsWith("/api/")) {
    response = NextResponse.next();
  } else if (!decodablePath(pathname)) {
    // Not a page anyone has: the not-found page, with its status and the usual headers.
    response = NextResponse.rewrite(new URL("/_preflight-not-found", request.url));
  } else if ((request.method === "GET" || request.method === "HEAD") && !pathname.startsWith("/_next/") && databaseKnownDown()) {
    response = outagePage();
  } else if (foreignServerAction(request)) {
    response = apiError(403, "forbidden", "This form was posted from another site.");
  } else if (!isPublic && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else if (!isPublic && request.method === "GET" && hasEmptyParam(request.nextUrl.searchParams)) {
    const url = request.nextUrl.clone();
    const clean = withoutEmptyParams(request.nextUrl.searchParams);
    url.search = clean.size ? `?${clean}` : "";
    response = NextResponse.redirect(url);
  } else {
    response = NextResponse.next();
  }
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return response;
}

// API routes authenticate themselves and set HSTS in lib/http/handler.ts; here they only pass apiGate.
// The icon is public, and Next.js links it as "/icon.svg?<hash>", which the empty-parameter cleanup would redirect.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
