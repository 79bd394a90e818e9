import { describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/changes";

describe("auditChanges", () => {
  it("shows both values of a field that changed, first, and one value of a field that did not", () => {
    expect(auditChanges({ email: "a@example.com", role: "editor" }, { email: "a@example.com", role: "viewer" })).toEqual([
      { field: "role", before: { kind: "text", text: "editor" }, after: { kind: "text", text: "viewer" }, changed: true },
      { field: "email", after: { kind: "text", text: "a@example.com" }, changed: false },
    ]);
  });

  it("reads ISO instants as times, null and empty text as empty, and other values as text", () => {
    const rows = auditChanges(
      { state: "open", note: null, version: 3, done: false },
      { state: "done", note: "", version: 4, done: true, expiresAt: "2026-12-04T10:00:00.000Z", tags: ["a", "b"] },
    );
    expect(rows).toEqual([
      { field: "state", before: { kind: "text", text: "open" }, after: { kind: "text", text: "done" }, changed: true },
      { field: "note", before: { kind: "empty" }, after: { kind: "empty" }, changed: true },
      { field: "version", before: { kind: "text", text: "3" }, after: { kind: "text", text: "4" }, changed: true },
      { field: "done", before: { kind: "text", text: "false" }, after: { kind: "text", text: "true" }, changed: true },
      { field: "expiresAt", after: { kind: "time", iso: "2026-12-04T10:00:00.000Z" }, changed: false },
      { field: "tags", after: { kind: "text", text: '["a","b"]' }, changed: false },
    ]);
  });

  it("lists what a creation or removal recorded, and nothing when neither snapshot exists", () => {
    expect(auditChanges(null, { name: "CI" })).toEqual([{ field: "name", after: { kind: "text", text: "CI" }, changed: false }]);
    expect(auditChanges({ name: "CI" }, null)).toEqual([{ field: "name", before: { kind: "text", text: "CI" }, changed: false }]);
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges("x", undefined)).toEqual([{ field: "value", before: { kind: "text", text: "x" }, changed: false }]);
  });

  it("does not take a date without a time, or an impossible one, for an instant", () => {
    expect(auditChanges(null, { day: "2026-12-04", bad: "2026-13-45T99:00:00Z" })).toEqual([
      { field: "day", after: { kind: "text", text: "2026-12-04" }, changed: false },
      { field: "bad", after: { kind: "text", text: "2026-13-45T99:00:00Z" }, changed: false },
    ]);
  });
});
