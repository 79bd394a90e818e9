import { describe, expect, it } from "vitest";
import { allowedDevOrigins } from "@/lib/http/dev-origins.mjs";

describe("allowedDevOrigins (next.config.js, from NEXTAUTH_URL)", () => {
  it("always allows localhost and 127.0.0.1, as hostnames without scheme or port", () => {
    expect(allowedDevOrigins(undefined)).toEqual(["localhost", "127.0.0.1"]);
    expect(allowedDevOrigins("")).toEqual(["localhost", "127.0.0.1"]);
  });

  it("adds the host of NEXTAUTH_URL once, lower-cased, without its port or path", () => {
    expect(allowedDevOrigins("http://dev.Example.com:3000/app/")).toEqual(["localhost", "127.0.0.1", "dev.example.com"]);
    expect(allowedDevOrigins("https://192.168.1.20:8443")).toEqual(["localhost", "127.0.0.1", "192.168.1.20"]);
  });

  it("does not repeat localhost or 127.0.0.1 when NEXTAUTH_URL points there", () => {
    expect(allowedDevOrigins("http://127.0.0.1:3000")).toEqual(["localhost", "127.0.0.1"]);
    expect(allowedDevOrigins("http://localhost:4000")).toEqual(["localhost", "127.0.0.1"]);
  });

  it("ignores a NEXTAUTH_URL that is not a URL (the start-up check names it)", () => {
    expect(allowedDevOrigins("not a url")).toEqual(["localhost", "127.0.0.1"]);
  });
});
