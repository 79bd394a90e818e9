/**
 * What a health check may be: the API body schemas (create: only `url` required; patch: any subset)
 * and the rules that tie fields together, applied to the whole check after a patch is merged.
 */
import { z } from "zod";
import { normalizeStatusEntry } from "./expected-status";
import { createHeadersSchema, patchHeadersSchema } from "./headers";
import { MAX_JSON_PATH_LENGTH, parseJsonPath } from "./json-path";

/**
 * Probes repeat every few seconds, so only safe methods: GET, or HEAD for endpoints that answer a status
 * without a body. There is no request-body field to send with anything else (docs/decisions/0007).
 */
export const CHECK_METHODS = ["GET", "HEAD"] as const;

export const CHECK_DEFAULTS = {
  method: "GET",
  expectedStatus: ["200-299"],
  timeoutMs: 5000,
  intervalSeconds: 60,
  failuresBeforeDown: 3,
  successesBeforeUp: 1,
} as const;

export const CHECK_BOUNDS = {
  timeoutMs: [100, 60_000],
  intervalSeconds: [10, 86_400],
  failuresBeforeDown: [1, 10],
  successesBeforeUp: [1, 10],
  latencyLimitMs: [1, 60_000],
} as const;

/** How each bounded number is named in its message (which stands alone in an API answer), with its unit. */
const NUMBER_NAMES: Record<keyof typeof CHECK_BOUNDS, [name: string, unit: string]> = {
  timeoutMs: ["The timeout", " ms"],
  intervalSeconds: ["The interval", " s"],
  failuresBeforeDown: ["Failures before down", ""],
  successesBeforeUp: ["Successes before up", ""],
  latencyLimitMs: ["The latency limit", " ms"],
};

const int = (key: keyof typeof CHECK_BOUNDS) => {
  const [lo, hi] = CHECK_BOUNDS[key];
  const [name, unit] = NUMBER_NAMES[key];
  const range = `${name} must be a whole number from ${lo.toLocaleString("en")} to ${hi.toLocaleString("en")}${unit}.`;
  return z.number({ error: range }).int(range).min(lo, range).max(hi, range);
};

const urlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL to probe.")
  .max(2000)
  .superRefine((value, ctx) => {
    if (!value) return; // already reported by min(1)
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL such as https://api.example.com/health." });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: "The URL must start with http:// or https://." });
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "The URL must not contain credentials: send them in a request header (e.g. Authorization) instead." });
    }
  });

const statusEntryMessage = (entry: unknown) => `An expected status is a code (100–599) or a range such as "200-299": ${JSON.stringify(entry) ?? String(entry)} is not.`;

const statusEntry = z.union([z.number(), z.string()], { error: (issue) => statusEntryMessage(issue.input) }).transform((entry, ctx) => {
  const normalized = normalizeStatusEntry(entry);
  if (normalized) return normalized;
  ctx.addIssue({ code: "custom", message: statusEntryMessage(entry) });
  return z.NEVER;
});

const jsonPathSchema = z
  .string()
  .trim()
  .max(MAX_JSON_PATH_LENGTH)
  .refine((p) => parseJsonPath(p) !== null, 'Use a JSON path such as status, $.status or checks[0].state (keys joined by dots, [n] for list items, ["odd key"] for other names).');

const fields = {
  name: z.string().trim().min(1).max(100),
  url: urlSchema,
  method: z.enum(CHECK_METHODS),
  expectedStatus: z.array(statusEntry).min(1, "List at least one status or range.").max(20),
  timeoutMs: int("timeoutMs"),
  intervalSeconds: int("intervalSeconds"),
  failuresBeforeDown: int("failuresBeforeDown"),
  successesBeforeUp: int("successesBeforeUp"),
  bodyContains: z.string().min(1).max(1000).nullable(),
  jsonPath: jsonPathSchema.nullable(),
  jsonEquals: z.string().max(1000).nullable(),
  latencyLimitMs: int("latencyLimitMs").nullable(),
  enabled: z.boolean(),
  locations: z
    .array(z.string().trim().min(1).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, "A location is lower-case letters, digits and dashes (e.g. eu-west)."))
    .min(1, "List at least one location (\"central\" is this server).")
    .max(10)
    .refine((l) => new Set(l).size === l.length, "List each location once."),
  downQuorum: z.number().int().min(1).max(10).nullable(),
};

/** The whole configuration of a check, as stored. */
export interface CheckConfig {
  method: string;
  timeoutMs: number;
  intervalSeconds: number;
  bodyContains: string | null;
  jsonPath: string | null;
  jsonEquals: string | null;
  latencyLimitMs: number | null;
  /** absent: ["central"] */
  locations?: readonly string[];
  downQuorum?: number | null;
}

/** Rules between fields; an empty list when the check is consistent. */
export function consistencyIssues(c: CheckConfig): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (c.timeoutMs >= c.intervalSeconds * 1000) {
    issues.push({ path: "timeoutMs", message: `The timeout must be shorter than the interval (${c.intervalSeconds.toLocaleString("en")} s).` });
  }
  if (c.latencyLimitMs !== null && c.latencyLimitMs >= c.timeoutMs) {
    issues.push({ path: "latencyLimitMs", message: `The latency limit must be below the timeout (${c.timeoutMs.toLocaleString("en")} ms), or the probe times out first.` });
  }
  if ((c.jsonPath === null) !== (c.jsonEquals === null)) {
    issues.push({ path: c.jsonPath === null ? "jsonPath" : "jsonEquals", message: "A JSON path and its expected value go together: give both or neither." });
  }
  if (c.method === "HEAD" && (c.bodyContains !== null || c.jsonPath !== null)) {
    issues.push({ path: "method", message: "A HEAD response has no body: use GET to check its content." });
  }
  const locations = c.locations ?? ["central"];
  if (c.downQuorum != null && c.downQuorum > locations.length) {
    issues.push({ path: "downQuorum", message: `The check is probed from ${locations.length} location(s): it cannot be down from ${c.downQuorum}.` });
  }
  // The central server's state is the check's own (lib/probes/record.ts); combining it with agents'
  // states is not built yet, so a check is probed by this server alone or by agents alone.
  if (locations.includes("central") && locations.length > 1) {
    issues.push({ path: "locations", message: "A check is probed from \"central\" alone or from agent locations only (not both yet)." });
  }
  return issues;
}

export const createCheckSchema = z
  .object({
    name: fields.name.optional(),
    url: fields.url,
    method: fields.method.default(CHECK_DEFAULTS.method),
    expectedStatus: fields.expectedStatus.default([...CHECK_DEFAULTS.expectedStatus]),
    timeoutMs: fields.timeoutMs.default(CHECK_DEFAULTS.timeoutMs),
    intervalSeconds: fields.intervalSeconds.default(CHECK_DEFAULTS.intervalSeconds),
    failuresBeforeDown: fields.failuresBeforeDown.default(CHECK_DEFAULTS.failuresBeforeDown),
    successesBeforeUp: fields.successesBeforeUp.default(CHECK_DEFAULTS.successesBeforeUp),
    headers: createHeadersSchema.default([]),
    bodyContains: fields.bodyContains.default(null),
    jsonPath: fields.jsonPath.default(null),
    jsonEquals: fields.jsonEquals.default(null),
    latencyLimitMs: fields.latencyLimitMs.default(null),
    enabled: fields.enabled.default(true),
    locations: fields.locations.default(["central"]),
    downQuorum: fields.downQuorum.default(null),
  })
  .strict()
  .superRefine((check, ctx) => {
    for (const issue of consistencyIssues(check)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  });
export type CreateCheckInput = z.infer<typeof createCheckSchema>;

/** Any subset of the fields; `null` clears an optional one; `headers` replaces the whole list. */
export const patchCheckSchema = z
  .object({
    name: fields.name.optional(),
    url: fields.url.optional(),
    method: fields.method.optional(),
    expectedStatus: fields.expectedStatus.optional(),
    timeoutMs: fields.timeoutMs.optional(),
    intervalSeconds: fields.intervalSeconds.optional(),
    failuresBeforeDown: fields.failuresBeforeDown.optional(),
    successesBeforeUp: fields.successesBeforeUp.optional(),
    headers: patchHeadersSchema.optional(),
    bodyContains: fields.bodyContains.optional(),
    jsonPath: fields.jsonPath.optional(),
    jsonEquals: fields.jsonEquals.optional(),
    latencyLimitMs: fields.latencyLimitMs.optional(),
    enabled: fields.enabled.optional(),
    locations: fields.locations.optional(),
    downQuorum: fields.downQuorum.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Send at least one field to change.");
export type PatchCheckInput = z.infer<typeof patchCheckSchema>;

/** A readable default name for a check without one: host and path of its URL. */
export function defaultCheckName(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname === "/" ? "" : u.pathname}`.slice(0, 100);
}
