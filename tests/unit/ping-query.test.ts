import { describe, expect, it } from "vitest";
import { pingMetaFromQuery } from "@/lib/recovery/ping";

describe("a ping's query", () => {
  it("drops NUL characters from location and checksum, as from the body (the database cannot store them: the ping answered 500)", () => {
    expect(pingMetaFromQuery(new URLSearchParams("location=s3%3A%2F%2Fb%00ackups&checksum=%00sha256%3Aab&size=12"))).toEqual({ location: "s3://backups", checksum: "sha256:ab", sizeBytes: 12 });
    expect(pingMetaFromQuery(new URLSearchParams("location=%00"))).toEqual({ location: undefined, checksum: undefined, sizeBytes: undefined });
  });
});
