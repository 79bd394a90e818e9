import { describe, expect, it } from "vitest";
import { jsonResponse } from "@/lib/http/json";

describe("jsonResponse", () => {
  it("marks a small answer no-store and no-transform, so Next's compressor leaves it alone", async () => {
    const res = jsonResponse({ item: { key: "on-call", state: "done" } }, { status: 201, headers: { "x-request-id": "r1" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.headers.get("x-request-id")).toBe("r1");
    expect(await res.json()).toEqual({ item: { key: "on-call", state: "done" } });
  });

  it("lets a large answer be compressed, counting bytes rather than characters", () => {
    expect(jsonResponse({ text: "x".repeat(2000) }).headers.get("cache-control")).toBe("no-store");
    // 400 three-byte characters: 400 characters, 1,200 bytes.
    expect(jsonResponse({ text: "€".repeat(400) }).headers.get("cache-control")).toBe("no-store");
    expect(jsonResponse({ text: "e".repeat(400) }).headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("keeps a cache policy the caller sets", () => {
    expect(jsonResponse({ a: 1 }, { headers: { "cache-control": "public, max-age=60" } }).headers.get("cache-control")).toBe("public, max-age=60");
  });
});
