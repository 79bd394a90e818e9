import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "@/lib/audit/query";

describe("the audit log filter", () => {
  it("takes a page cursor only within the range of event ids (a larger number is a 400, not a database error)", () => {
    expect(auditFilterSchema.parse({ before: "9223372036854775807" }).before).toBe(9223372036854775807n);
    for (const before of ["9223372036854775808", "99999999999999999999999", "-1", "0", "abc"]) {
      expect(auditFilterSchema.safeParse({ before }).success, before).toBe(false);
    }
  });
});
