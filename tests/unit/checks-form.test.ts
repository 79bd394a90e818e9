import { describe, expect, it } from "vitest";
import { checkBodyFromForm, labelCheckFieldErrors } from "@/lib/checks/form";
import { resolveCheckHeaders, sealSecret } from "@/lib/checks/header-secrets";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";

function form(fields: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

const headerRow = (name: string, value: string, env: string, stored = ""): [string, string][] => [
  ["header.name", name],
  ["header.value", value],
  ["header.env", env],
  ["header.stored", stored],
];

describe("check form → API body", () => {
  it("add: empty fields take the defaults; numbers and status lists are converted; empty header rows are skipped", () => {
    const { body, headerRows } = checkBodyFromForm(
      form([
        ["url", " https://api.example.com/health "],
        ["name", ""],
        ["method", "GET"],
        ["expectedStatus", "200, 301-302,"],
        ["intervalSeconds", "120"],
        ["timeoutMs", ""],
        ["latencyLimitMs", ""],
        ["bodyContains", ""],
        ...headerRow("", "", ""),
        ...headerRow("Authorization", "Bearer x", ""),
      ]),
      "create",
    );
    expect(body).toEqual({
      url: "https://api.example.com/health",
      method: "GET",
      expectedStatus: ["200", "301-302"],
      intervalSeconds: 120,
      headers: [{ name: "Authorization", value: "Bearer x" }],
    });
    expect(headerRows).toEqual([1]);
    expect(createCheckSchema.parse(body)).toMatchObject({ timeoutMs: 5000, expectedStatus: ["200", "301-302"], latencyLimitMs: null });
  });

  it("edit: empty optional fields clear; a stored secret left empty is kept; an env name replaces it", () => {
    const { body } = checkBodyFromForm(
      form([
        ["url", "https://api.example.com/health"],
        ["method", "HEAD"],
        ["expectedStatus", "204"],
        ["latencyLimitMs", ""],
        ["bodyContains", ""],
        ["jsonPath", ""],
        ["jsonEquals", ""],
        ...headerRow("Authorization", "", "", "1"),
        ...headerRow("X-Key", "", "PROBE_SECRET_KEY", "1"),
        ...headerRow("X-New", "", ""),
      ]),
      "edit",
    );
    expect(body).toEqual({
      url: "https://api.example.com/health",
      method: "HEAD",
      expectedStatus: ["204"],
      latencyLimitMs: null,
      bodyContains: null,
      jsonPath: null,
      jsonEquals: null,
      headers: [{ name: "Authorization", keep: true }, { name: "X-Key", env: "PROBE_SECRET_KEY" }, { name: "X-New", value: "" }],
    });
    // The new header without a value is refused by the schema, at its path.
    const r = patchCheckSchema.safeParse(body);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["headers.2.value"]);
  });

  it("passes NaN for text that is not a number (lib/http/form-data.ts), so that validation names the field", () => {
    const { body } = checkBodyFromForm(form([["url", "https://a.example.com"], ["intervalSeconds", "ten"]]), "create");
    expect(body.intervalSeconds).toBeNaN();
    const r = createCheckSchema.safeParse(body);
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join("."))).toEqual(["intervalSeconds"]);
  });

  it("labels issue paths with the form's labels and header rows", () => {
    expect(labelCheckFieldErrors({ intervalSeconds: "too small", "headers.0.value": "enter it", "headers.1": "twice", "expectedStatus.2": "bad" }, [2, 4])).toEqual({
      "Interval (seconds)": "too small",
      "Header 3 secret value": "enter it",
      "Header 5": "twice",
      "Expected status": "bad",
    });
  });
});

describe("resolving headers at probe time", () => {
  it("sends only PROBE_SECRET_ variables, never other environment variables", () => {
    const stored = [{ name: "X-Leak", env: "NEXTAUTH_SECRET" }, { name: "X-Key", env: "PROBE_SECRET_KEY" }, { name: "Authorization", sealed: sealSecret("Bearer t") }];
    const { headers, problems } = resolveCheckHeaders(stored, { NEXTAUTH_SECRET: "server-secret", PROBE_SECRET_KEY: "k" });
    expect(headers).toEqual({ "X-Key": "k", Authorization: "Bearer t" });
    expect(problems).toEqual(["header X-Leak: only PROBE_SECRET_* environment variables may be used"]);
  });
});
