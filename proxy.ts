import { NextResponse, type NextRequest } from "next/server";
import { hasEmptyParam, withoutEmptyParams } from "@/lib/http/query";

/**
 * Runs before every page request. Optimistic only: it sends visitors without a session cookie to
 * sign-in (so they get a real redirect, not a streamed one), drops the empty parameters a filter form
 * sends without JavaScript ("/?q=&level=ready" → "/?level=ready"), and adds HSTS when served over https.
 * Pages and API handlers still check the session and the role themselves.
 */
const PUBLIC_PREFIXES = ["/signin", "/invite/", "/api/", "/_next/", "/favicon"];
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  let response: NextResponse;
  const isPublic = PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  if (!isPublic && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
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

// API routes authenticate themselves and set HSTS in lib/http/handler.ts; skipping them here keeps the hot paths lean.
// The icon is public, and Next.js links it as "/icon.svg?<hash>", which the empty-parameter cleanup would redirect.
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
