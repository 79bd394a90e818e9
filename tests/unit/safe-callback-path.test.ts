import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/http/redirect";

/** What a browser makes of a Location header (or a link) on our origin: the URL it would go to. */
const followed = (location: string) => new URL(location, "https://preflight.example/signin");

describe("the callback after sign-in stays on Preflight", () => {
  it.each(["/", "/services/api?tab=uptime#incidents", "/teams/platform/tokens", "/?q=a%2F%2Fb"])("keeps the path %s", (path) => {
    expect(safeCallbackPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    // Browsers drop tabs and line breaks from URLs, and treat "\" as "/": each of these becomes //evil.example.
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example",
    "/\t\\evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "evil.example",
  ])("refuses %j", (value) => {
    const path = safeCallbackPath(value);
    expect(followed(path).origin).toBe("https://preflight.example");
    expect(path).toBe("/");
  });

  it("falls back for anything but a string", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a", "/b"], "/x")).toBe("/x");
  });
});
