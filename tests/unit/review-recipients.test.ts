import { describe, expect, it } from "vitest";
import { reviewRequestRecipients } from "@/lib/reviews/notify";

describe("who hears of a review request", () => {
  const members = [
    { userId: "o1", email: "owner@x.test", role: "owner" as const },
    { userId: "o2", email: "second-owner@x.test", role: "owner" as const },
    { userId: "r1", email: "reviewer@x.test", role: "reviewer" as const },
    { userId: "e1", email: "editor@x.test", role: "editor" as const },
    { userId: "v1", email: "viewer@x.test", role: "viewer" as const },
  ];

  it("every owner and reviewer; not editors or viewers", () => {
    expect(reviewRequestRecipients(members, "e1")).toEqual(["owner@x.test", "second-owner@x.test", "reviewer@x.test"]);
  });

  it("never whoever asked, even an owner (they may not decide their own request)", () => {
    expect(reviewRequestRecipients(members, "o1")).toEqual(["second-owner@x.test", "reviewer@x.test"]);
  });

  it("nobody when the team has no one else who may decide", () => {
    expect(reviewRequestRecipients([members[0]!, members[3]!], "o1")).toEqual([]);
  });
});
