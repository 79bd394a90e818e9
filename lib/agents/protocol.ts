/**
 * The wire format between Preflight and its probe agents (scripts/agent/). Plain zod, no server
 * imports: the agent bundle includes this file.
 */
import { z } from "zod";

/** How long one claim request waits for due checks before answering empty (long poll). */
export const AGENT_POLL_SECONDS = 25;

export const agentClaimsInput = z.strictObject({
  /** most checks the agent will start at once (its free workers) */
  max: z.number().int().min(1).max(500).default(50),
  /** how long to wait for work, in seconds (tests pass less) */
  waitSeconds: z.number().min(0).max(AGENT_POLL_SECONDS).default(AGENT_POLL_SECONDS),
});

export const agentProbeSpec = z.strictObject({
  checkId: z.string(),
  url: z.string(),
  method: z.string(),
  /** resolved header values; sealed secrets are never sent (decision 0042) */
  headers: z.record(z.string(), z.string()),
  /** headers left out (an environment-variable header, an unreadable sealed value), named with the result */
  headerProblems: z.array(z.string()),
  timeoutMs: z.number().int(),
  expectedStatus: z.array(z.string()),
  bodyContains: z.string().nullable(),
  jsonPath: z.string().nullable(),
  jsonEquals: z.string().nullable(),
  latencyLimitMs: z.number().int().nullable(),
  /** planned start, for the agent's lag figure */
  nextRunAt: z.iso.datetime(),
  leaseUntil: z.iso.datetime(),
});
export type AgentProbeSpec = z.infer<typeof agentProbeSpec>;

export const agentClaimsOutput = z.strictObject({
  location: z.string(),
  checks: z.array(agentProbeSpec),
  pollSeconds: z.number(),
});

const ms = z.number().min(0).max(3_600_000).nullable();

export const agentResult = z.strictObject({
  checkId: z.string(),
  at: z.iso.datetime(),
  httpStatus: z.number().int().min(100).max(599).nullable(),
  latencyMs: ms,
  dnsMs: ms,
  connectMs: ms,
  tlsMs: ms,
  firstByteMs: ms,
  /** the agent judges with the same rules (lib/probes/evaluate.ts) */
  outcome: z.enum(["up", "down", "degraded"]),
  errorClass: z.enum(["timeout", "dns", "refused", "tls", "status", "body", "too_large", "blocked", "other"]).nullable(),
  errorMessage: z.string().max(2000).nullable(),
  tlsExpiresAt: z.iso.datetime().nullable(),
  securityHeaders: z.record(z.string(), z.unknown()).nullable(),
  refusedReason: z.string().max(500).nullable(),
});
export type AgentResult = z.infer<typeof agentResult>;

export const agentResultsInput = z.strictObject({ results: z.array(agentResult).min(1).max(500) });
export const agentResultsOutput = z.strictObject({
  accepted: z.number().int(),
  /** results for checks this agent does not hold a lease on (expired, revoked, another agent's) */
  rejected: z.array(z.strictObject({ checkId: z.string(), reason: z.string() })),
});
