import { NextResponse } from "next/server";

/** The size under which the compressor would skip a body if it knew its length (its default threshold). */
const SMALL_JSON_BYTES = 1024;

/**
 * The one way the API answers with JSON (docs/decisions/0014). API answers are one caller's data, so
 * browsers and proxies must not store them (`no-store`, unless `init` sets a policy of its own). Next
 * streams a handler's body without its length, so its gzip step would compress even a 300-byte answer
 * (about 1 ms of CPU to save a few bytes); a small answer also gets `no-transform`, which the compressor
 * (and any proxy) honours.
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): NextResponse {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  if (!headers.has("cache-control")) {
    headers.set("cache-control", Buffer.byteLength(text) < SMALL_JSON_BYTES ? "no-store, no-transform" : "no-store");
  }
  return new NextResponse(text, { ...init, headers });
}
