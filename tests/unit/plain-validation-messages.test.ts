/**
 * Schemas that do not word their own messages still answer in plain words, through the same funnel the
 * API and the forms use (lib/http/errors.ts), and in template-import problems: never zod's
 * "Too small: expected string to have >=3 characters" or "Invalid input: expected string, received undefined".
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { zodIssues } from "@/lib/http/errors";
import { createCheckSchema } from "@/lib/checks/schemas";
import { updateItemSchema } from "@/lib/checklists/items";
import { createServiceSchema } from "@/lib/services/manage";
import { createTokenSchema } from "@/lib/teams/api-tokens";
import { createInvitationSchema } from "@/lib/teams/invitations";
import { customItemSchema } from "@/lib/templates/manage";
import { parseTemplateText, TemplateValidationError } from "@/lib/templates/load";

function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return Object.fromEntries(zodIssues(result.error!).map((i) => [i.path, i.message]));
}

const ZOD_WORDING = /Too (small|big)|Invalid input|expected (string|number)|Invalid email/;

describe("plain validation messages", () => {
  it("string lengths are counted in characters", () => {
    expect(messages(customItemSchema, { title: "ab" })).toEqual({ title: "Enter at least 3 characters." });
    expect(messages(customItemSchema, { title: "T".repeat(201) })).toEqual({ title: "Use at most 200 characters." });
    expect(messages(customItemSchema, { title: "A title", section: "  " })).toEqual({ section: "Required." });
  });

  it("a missing field is required, a wrong type names what to enter", () => {
    expect(messages(createCheckSchema, {})).toEqual({ url: "Required." });
    expect(messages(createTokenSchema, { name: "ci", expiresInDays: "soon" })).toEqual({ expiresInDays: "Enter a number." });
  });

  it("number bounds and whole numbers", () => {
    expect(messages(createTokenSchema, { name: "ci", expiresInDays: -3 })).toEqual({ expiresInDays: "Must be at least 1." });
    expect(messages(createTokenSchema, { name: "ci", expiresInDays: 99_999 })).toEqual({ expiresInDays: "Must be at most 3,650." });
    expect(messages(createTokenSchema, { name: "ci", expiresInDays: 1.5 })).toEqual({ expiresInDays: "Enter a whole number." });
  });

  it("email addresses", () => {
    expect(messages(createInvitationSchema, { email: "not-an-email", role: "viewer" })).toEqual({ email: "Enter an email address such as name@example.com." });
  });

  it("messages a schema words itself are kept", () => {
    expect(messages(createTokenSchema, { name: "" })).toEqual({ name: "Give the token a name." });
  });

  it("template-import problems use the same words", () => {
    let problems: { path: string; message: string }[] = [];
    try {
      parseTemplateText("key: broken\nsections:\n  - title: A\n    items:\n      - title: x\n", "bad.yaml");
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateValidationError);
      problems = (err as TemplateValidationError).problems;
    }
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message)).toContain("Enter at least 3 characters.");
    expect(problems.map((p) => p.message)).toContain("Required.");
    for (const p of problems) expect(p.message).not.toMatch(ZOD_WORDING);
  });
});

describe("messages people read beside a field or in an API answer", () => {
  it("an enum names its choices as a request writes them, not zod's 'Invalid option: expected one of'", () => {
    expect(messages(updateItemSchema, { state: "maybe", version: 1 })).toEqual({ state: 'Choose "open", "done" or "na".' });
    expect(messages(createInvitationSchema, { email: "a@example.com", role: "admin" }).role).toBe('Choose "owner", "editor", "reviewer" or "viewer".');
  });

  it("the new-service form and the evidence link answer in sentences that say what to do", () => {
    expect(messages(createServiceSchema, { name: "Payments", team: "platform", slug: "Payments API" })).toEqual({
      slug: "Use lower-case letters, digits and single dashes, such as payments-api.",
    });
    expect(messages(createServiceSchema, { name: "Payments", team: "platform", slug: "new" })).toEqual({
      slug: "This slug is taken by a page of Preflight: choose another.",
    });
    expect(messages(createServiceSchema, { name: "Payments", team: "platform", tags: ["go", "HTTP API"] })).toEqual({
      "tags.1": 'Tags are single words of lower-case letters, digits and dashes (at most 30 characters): "http api" is not.',
    });
    expect(messages(updateItemSchema, { state: "done", evidenceUrl: "ftp://example.com/x", version: 1 })).toEqual({
      evidenceUrl: "The evidence link must be a full URL starting with http:// or https://.",
    });
  });
});
