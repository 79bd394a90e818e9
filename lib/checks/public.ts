/** A health check as the API, the pages and the audit log show it: configuration, last probe, no secrets. */
import { z } from "zod";
import type { HealthCheck } from "@/lib/generated/prisma/client";
import { publicHeaders } from "./headers";

const securityHeadersSchema = z.object({
  hsts: z.string().nullable(),
  contentTypeOptions: z.string().nullable(),
  frameOptions: z.string().nullable(),
  frameAncestors: z.string().nullable(),
});
export type SecurityHeadersSeen = z.infer<typeof securityHeadersSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The settings of a check (what editors change); also the before/after of its audit entries. */
export function checkConfig(c: HealthCheck) {
  return {
    name: c.name,
    url: c.url,
    method: c.method,
    expectedStatus: c.expectedStatus,
    timeoutMs: c.timeoutMs,
    intervalSeconds: c.intervalSeconds,
    failuresBeforeDown: c.failuresBeforeDown,
    successesBeforeUp: c.successesBeforeUp,
    headers: publicHeaders(c.headers),
    bodyContains: c.bodyContains,
    jsonPath: c.jsonPath,
    jsonEquals: c.jsonEquals,
    latencyLimitMs: c.latencyLimitMs,
    enabled: c.enabled,
    locations: c.locations,
    downQuorum: c.downQuorum,
  };
}

export function publicCheck(c: HealthCheck): z.infer<typeof publicCheckSchema> {
  const security = securityHeadersSchema.safeParse(c.securityHeaders);
  return {
    id: c.id,
    ...checkConfig(c),
    status: c.status,
    consecutiveFailures: c.consecutiveFailures,
    lastRunAt: iso(c.lastRunAt),
    lastLatencyMs: c.lastLatencyMs,
    lastHttpStatus: c.lastHttpStatus,
    lastError: c.lastError,
    refusedReason: c.refusedReason,
    tlsExpiresAt: iso(c.tlsExpiresAt),
    securityHeaders: security.success ? security.data : null,
    nextRunAt: c.nextRunAt.toISOString(),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type PublicCheck = z.infer<typeof publicCheckSchema>;

/** The response shape, for the OpenAPI document (kept beside publicCheck so the two move together). */
export const publicCheckSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  method: z.string(),
  expectedStatus: z.array(z.string()).describe('single codes ("200") and inclusive ranges ("200-299")'),
  timeoutMs: z.number().int(),
  intervalSeconds: z.number().int(),
  failuresBeforeDown: z.number().int(),
  successesBeforeUp: z.number().int(),
  headers: z
    .array(z.union([z.strictObject({ name: z.string(), source: z.literal("sealed") }), z.strictObject({ name: z.string(), source: z.literal("env"), env: z.string() })]))
    .describe("names and where each value comes from; values are never returned"),
  bodyContains: z.string().nullable(),
  jsonPath: z.string().nullable(),
  jsonEquals: z.string().nullable(),
  latencyLimitMs: z.number().int().nullable(),
  enabled: z.boolean(),
  locations: z.array(z.string()).describe('where the check is probed from: "central" (this server) or agent locations'),
  downQuorum: z.number().int().nullable().describe("down when down from at least this many locations; null: a majority"),
  status: z.enum(["unknown", "up", "down", "degraded"]),
  consecutiveFailures: z.number().int(),
  lastRunAt: z.iso.datetime().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastHttpStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  refusedReason: z.string().nullable().describe("why the probe refused the target (e.g. a cloud-metadata address)"),
  tlsExpiresAt: z.iso.datetime().nullable(),
  securityHeaders: securityHeadersSchema.strict().nullable(),
  nextRunAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
