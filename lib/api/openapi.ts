/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate with
 * (zod 4's JSON Schema output is the 2020-12 dialect OpenAPI 3.1 uses).
 */
import { z } from "zod";
import { updateItemSchema } from "@/lib/checklists/items";
import { publicCheckSchema } from "@/lib/checks/public";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { createServiceSchema, deleteServiceSchema, moveServiceSchema, updateServiceSchema } from "@/lib/services/manage";
import { createInvitationSchema } from "@/lib/teams/invitations";
import { createTokenSchema } from "@/lib/teams/api-tokens";
import { changeRoleSchema } from "@/lib/teams/members";
import { createTeamSchema, deleteTeamSchema, renameTeamSchema } from "@/lib/teams/manage";
import { BLOCKER_KINDS } from "@/lib/readiness/compute";
import { uptimeResponseSchema } from "@/lib/uptime/api";
import { UPTIME_RANGES } from "@/lib/uptime/ranges";
import { pushMetricsSchema } from "@/lib/thresholds/ingest";
import { createThresholdSchema, metricsSourceSchema, updateThresholdSchema } from "@/lib/thresholds/manage";
import { decideReviewSchema, reviewOutputSchema } from "@/lib/reviews/reviews";
import { backupMonitorSchema, EVENT_KINDS, EVENT_STATUSES, recoveryEventSchema, rtoTargetSchema } from "@/lib/recovery/schemas";

// Clients decide on `code` and `path`; the messages are for people and may be reworded (README: "Readiness, the board and the JSON API").
const PEOPLE_MESSAGE = "a sentence for people; may be reworded in any release: decide on `code` and `path`, not on this";
const errorSchema = z.object({
  error: z.object({
    code: z.enum(["bad_request", "unauthorized", "forbidden", "not_found", "conflict", "unprocessable", "rate_limited", "unavailable", "internal"]),
    message: z.string().describe(PEOPLE_MESSAGE),
    issues: z
      .array(z.object({ path: z.string().describe("the field in error, dot-separated (`headers.0.name`); `(body)` for the whole body"), message: z.string().describe(PEOPLE_MESSAGE) }))
      .optional(),
  }),
});

const serviceSchema = z.object({
  slug: z.string(),
  name: z.string(),
  team: z.string(),
  description: z.string(),
  environment: z.string(),
  tier: z.number().int(),
  tags: z.array(z.string()),
  owner: z.object({ email: z.string().nullable().describe("set when the owner is a member of the team"), name: z.string() }).nullable(),
  onCall: z.string().nullable().describe("a person, a channel or a rotation URL"),
  runbookUrl: z.string().nullable(),
  repositoryUrl: z.string().nullable(),
  archived: z.boolean(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const itemSchema = z.object({
  key: z.string(),
  title: z.string(),
  section: z.string(),
  sectionKey: z.string(),
  severity: z.enum(["critical", "high", "medium", "low"]),
  required: z.boolean(),
  guidance: z.string(),
  autoCheck: z.string().nullable(),
  state: z.enum(["open", "done", "na"]),
  note: z.string().nullable(),
  naReason: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  updatedAt: z.iso.datetime(),
  updatedBy: z.string().nullable(),
  keptFromTemplate: z.string().nullable().describe("the removed template this item was kept from, as a custom item"),
  version: z.number().int(),
  autoVerifiedAt: z.iso.datetime().nullable(),
  autoEvidence: z.object({ verified: z.boolean(), summary: z.string(), observedAt: z.iso.datetime().nullable() }).nullable(),
});

const readinessSchema = z.object({
  slug: z.string(),
  score: z.number().int().min(0).max(100),
  level: z.enum(["not-ready", "at-risk", "ready"]),
  ready: z.boolean(),
  blockers: z.array(z.object({ kind: z.enum(BLOCKER_KINDS), message: z.string() })),
});

const thresholdSchema = z.object({
  id: z.string(),
  metric: z.string(),
  label: z.string(),
  unit: z.string(),
  comparator: z.enum(["gt", "gte", "lt", "lte"]),
  limit: z.number(),
  sustainedSeconds: z.number().int(),
  condition: z.string().describe('the rule in words, e.g. "> 80 % for 5 min"'),
  severity: z.enum(["critical", "high", "medium", "low"]),
  action: z.string(),
  source: z.enum(["probe", "push", "scrape"]),
  scrapeSeries: z.string().nullable(),
  status: z.enum(["ok", "breached", "no-data"]),
  value: z.number().nullable().describe("latest value in `unit` (probe metrics: the window's aggregate); null without data"),
  valueAt: z.iso.datetime().nullable(),
  since: z.iso.datetime().nullable().describe("when the breach began; null unless breached"),
  evaluatedAt: z.iso.datetime().nullable(),
});

const metricsSourceOutput = z.object({ source: z.object({ url: z.string().nullable(), lastScrapeAt: z.iso.datetime().nullable(), lastError: z.string().nullable() }) });
const instant = z.iso.datetime().nullable();

const rtoTargetOut = z.object({
  component: z.string(),
  rtoSeconds: z.number().int(),
  rpoSeconds: z.number().int().nullable(),
  drillIntervalDays: z.number().int(),
  procedure: z.string().describe("Markdown"),
  status: z.enum(["met", "missed", "never", "overdue"]),
  reasons: z.array(z.enum(["failed", "rto", "rpo"])).describe("why the newest drill is `missed`"),
  lastDrill: z
    .object({
      status: z.enum(["success", "failed"]),
      startedAt: instant,
      finishedAt: instant,
      restoredToAt: instant,
      achievedRtoSeconds: z.number().int().nullable(),
      achievedRpoSeconds: z.number().int().nullable(),
    })
    .nullable(),
  lastSuccessfulDrillAt: instant,
  nextDrillDueAt: instant,
});

const recoveryEventOut = z.object({
  id: z.string(),
  component: z.string(),
  kind: z.enum(EVENT_KINDS),
  status: z.enum(EVENT_STATUSES),
  startedAt: instant,
  finishedAt: instant,
  durationSeconds: z.number().int().nullable(),
  sizeBytes: z.number().int().nullable(),
  location: z.string().nullable(),
  checksum: z.string().nullable(),
  restoredToAt: instant,
  achievedRpoSeconds: z.number().int().nullable(),
  reportedBy: z.string(),
  source: z.enum(["ui", "api", "ping", "seed"]),
  notes: z.string().nullable(),
  logExcerpt: z.string().nullable(),
  correctsId: z.string().nullable(),
  correctedById: z.string().nullable().describe("set when a later entry corrects this one; it then no longer counts"),
  createdAt: z.iso.datetime(),
});

const teamOut = z.object({
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
  services: z.number().int(),
  members: z.number().int(),
  role: z.enum(["owner", "editor", "reviewer", "viewer"]).nullable(),
});

const backupMonitorOut = z.object({
  component: z.string(),
  intervalSeconds: z.number().int(),
  graceSeconds: z.number().int(),
  status: z.enum(["ok", "waiting", "overdue", "never", "failing"]),
  lastBackupAt: instant,
  lastSuccessAt: instant,
  dueAt: instant,
  runStartedAt: instant.describe("a /start ping not yet closed by success or fail"),
  pingUrl: z.string().optional().describe("editors and owners only"),
});

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) },
});

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", content: json(errorSchema) }]));

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request (e.g. not JSON)",
  401: "No valid session or token",
  403: "Your role may not do this",
  404: "Not found, or not visible to you",
  409: "Conflict (stale version, duplicate slug, …)",
  422: "Invalid input; `issues` names each field",
  429: "Rate limited; see Retry-After",
};

function op(summary: string, responses: Record<string, unknown>, body?: z.ZodType) {
  return {
    summary,
    ...(body ? { requestBody: { required: true, content: json(body, "input") } } : {}),
    responses,
  };
}

const slugParam = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const teamParam = { name: "team", in: "path", required: true, schema: { type: "string" } };
const idParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Preflight API",
      version: "1",
      description:
        "Production readiness: services, checklists, metric thresholds and the deploy gate. Authenticate with `Authorization: Bearer <token>` (create tokens on a team's API tokens page or with `npm run preflight -- token create`). Errors are `{\"error\":{\"code\",\"message\",\"issues?\"}}`.",
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/services": {
        get: {
          ...op("Services of the teams you can see (archived ones with `?archived=include`)", { 200: { description: "OK", content: json(z.object({ services: z.array(serviceSchema) })) }, ...errors(401, 422) }),
          parameters: [{ name: "archived", in: "query", required: false, schema: { type: "string", enum: ["include"] } }],
        },
        post: op(
          "Create a service (editors), optionally applying templates",
          { 201: { description: "Created", content: json(z.object({ service: serviceSchema })) }, ...errors(400, 401, 403, 404, 409, 422) },
          createServiceSchema,
        ),
      },
      "/api/v1/services/{slug}": {
        parameters: [slugParam],
        get: op("One service", { 200: { description: "OK", content: json(z.object({ service: serviceSchema })) }, ...errors(401, 404) }),
        patch: op(
          "Change a service (editors); `archived: true|false` archives or restores it (owners). Blank text or null clears owner, onCall and the links; an owner that is a member's email makes that member the owner",
          { 200: { description: "OK", content: json(z.object({ service: serviceSchema })) }, ...errors(400, 401, 403, 404, 422) },
          updateServiceSchema,
        ),
        delete: {
          ...op(
            "Delete a service for good (owners): `confirm` must be the service's slug (in the body, or `?confirm=`); 422 otherwise. Its audit entries are kept",
            { 204: { description: "Deleted" }, ...errors(400, 401, 403, 404, 422) },
            deleteServiceSchema,
          ),
          parameters: [{ name: "confirm", in: "query", required: false, schema: { type: "string" } }],
        },
      },
      "/api/v1/services/{slug}/move": {
        parameters: [slugParam],
        post: op(
          "Move a service, with its checklist, checks and history, to another team (owner of both teams; a token acts for one team, so this needs a session)",
          { 200: { description: "OK", content: json(z.object({ service: serviceSchema })) }, ...errors(400, 401, 403, 404, 409, 422) },
          moveServiceSchema,
        ),
      },
      "/api/v1/services/{slug}/templates/{key}": {
        parameters: [slugParam, idParam("key")],
        delete: op(
          "Remove a template from a service (editors): its untouched items go; items with a tick, note or evidence stay as custom items (`keptFromTemplate` names the template)",
          {
            200: {
              description: "OK",
              content: json(z.object({ template: z.string(), removed: z.number().int(), kept: z.array(z.object({ key: z.string(), title: z.string() })) })),
            },
            ...errors(401, 403, 404, 409),
          },
        ),
      },
      "/api/v1/services/{slug}/readiness": {
        parameters: [slugParam],
        get: op("The deploy gate: score, level and blockers", { 200: { description: "OK", content: json(readinessSchema) }, ...errors(401, 404) }),
      },
      "/api/v1/services/{slug}/reviews": {
        parameters: [slugParam],
        get: op("The service's production-readiness reviews, newest first", { 200: { description: "OK", content: json(z.object({ reviews: z.array(reviewOutputSchema) })) }, ...errors(401, 404) }),
        post: op("Ask for a review (editors, owners); 409 while one is open", { 201: { description: "Created", content: json(z.object({ review: reviewOutputSchema })) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/services/{slug}/reviews/{id}/decision": {
        parameters: [slugParam, idParam("id")],
        post: op(
          "Approve or request changes (owners, reviewers; not the person who asked). `comment` is required to request changes; \"changes requested\" blocks readiness until a new review is asked for",
          { 200: { description: "Decided", content: json(z.object({ review: reviewOutputSchema })) }, ...errors(400, 401, 403, 404, 409, 422) },
          decideReviewSchema,
        ),
      },
      "/api/v1/services/{slug}/reviews/{id}/withdraw": {
        parameters: [slugParam, idParam("id")],
        post: op("Withdraw an open request (editors, owners); an earlier decision counts again", { 200: { description: "Withdrawn", content: json(z.object({ review: reviewOutputSchema })) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/services/{slug}/uptime": {
        parameters: [slugParam],
        get: {
          ...op(
            "Uptime %, latency p50/p95/p99 (from rollup histograms), a series of points, status-code and error-class breakdown, and incidents over a range",
            { 200: { description: "OK", content: json(uptimeResponseSchema) }, ...errors(401, 404, 422) },
          ),
          parameters: [
            { name: "range", in: "query", required: false, schema: { type: "string", enum: [...UPTIME_RANGES], default: "24h" } },
            { name: "check", in: "query", required: false, description: "one check's id (default: all enabled checks)", schema: { type: "string" } },
          ],
        },
      },
      "/api/v1/services/{slug}/checklist": {
        parameters: [slugParam],
        get: op("The service's checklist", { 200: { description: "OK", content: json(z.object({ items: z.array(itemSchema) })) }, ...errors(401, 404) }),
      },
      "/api/v1/services/{slug}/checklist/{itemKey}": {
        parameters: [slugParam, idParam("itemKey")],
        patch: op(
          "Tick, reopen or mark N/A (with a reason); `version` must be the one you read",
          {
            200: { description: "OK", content: json(z.object({ item: itemSchema })) },
            409: { description: "Stale version: `error.current` is the item as it is now", content: json(errorSchema.extend({ error: errorSchema.shape.error.extend({ current: itemSchema }) })) },
            ...errors(400, 401, 403, 404, 422),
          },
          updateItemSchema,
        ),
      },
      "/api/v1/services/{slug}/checks": {
        parameters: [slugParam],
        get: op("The service's health checks with their last probe", { 200: { description: "OK", content: json(z.object({ checks: z.array(publicCheckSchema) })) }, ...errors(401, 404) }),
        post: op(
          "Add a health check (editors); only `url` is required. Header values are sealed or read from PROBE_SECRET_* variables, never returned",
          { 201: { description: "Created", content: json(z.object({ check: publicCheckSchema })) }, ...errors(400, 401, 403, 404, 422) },
          createCheckSchema,
        ),
      },
      "/api/v1/services/{slug}/checks/{id}": {
        parameters: [slugParam, idParam("id")],
        get: op("One health check", { 200: { description: "OK", content: json(z.object({ check: publicCheckSchema })) }, ...errors(401, 404) }),
        patch: op(
          "Change a health check (editors): any subset of the fields, `null` clears one, `headers` replaces the list (`{name, keep: true}` keeps a stored value); the check is probed again at once",
          { 200: { description: "OK", content: json(z.object({ check: publicCheckSchema })) }, ...errors(400, 401, 403, 404, 422) },
          patchCheckSchema,
        ),
        delete: op("Delete a health check with its probe history (editors)", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/thresholds": {
        parameters: [slugParam],
        get: op("The service's metric thresholds, each evaluated now (status ok / breached / no-data, value, since)", { 200: { description: "OK", content: json(z.object({ thresholds: z.array(thresholdSchema) })) }, ...errors(401, 404) }),
        post: op("Add a threshold (editors)", { 201: { description: "Created", content: json(z.object({ threshold: thresholdSchema })) }, ...errors(400, 401, 403, 404, 409, 422) }, createThresholdSchema),
      },
      "/api/v1/services/{slug}/thresholds/{id}": {
        parameters: [slugParam, idParam("id")],
        patch: op("Change a threshold (editors)", { 200: { description: "OK", content: json(z.object({ threshold: thresholdSchema })) }, ...errors(400, 401, 403, 404, 409, 422) }, updateThresholdSchema),
        delete: op("Delete a threshold (editors)", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/metrics": {
        parameters: [slugParam],
        post: op(
          "Push metric samples (editors; up to 1,000 a call, all or nothing). `unit` converts within a kind (s ↔ ms, ratio ↔ %); names no threshold reads are stored and listed in `unknownMetrics`",
          {
            201: {
              description: "Stored; the thresholds the samples feed, evaluated",
              content: json(z.object({ accepted: z.number().int(), unknownMetrics: z.array(z.string()), thresholds: z.array(thresholdSchema) })),
            },
            ...errors(400, 401, 403, 404, 422),
          },
          pushMetricsSchema,
        ),
      },
      "/api/v1/services/{slug}/metrics/source": {
        parameters: [slugParam],
        get: op("The Prometheus text-format page scraped for this service, and the last scrape", { 200: { description: "OK", content: json(metricsSourceOutput) }, ...errors(401, 404) }),
        put: op("Set (`{url}`) or clear (`{url: null}`) the page to scrape (editors)", { 200: { description: "OK", content: json(metricsSourceOutput) }, ...errors(400, 401, 403, 404, 422) }, metricsSourceSchema),
      },
      "/api/v1/services/{slug}/rto-targets": {
        parameters: [slugParam],
        get: op("RTO/RPO targets, each with its newest drill and `met` / `missed` / `never` / `overdue`", { 200: { description: "OK", content: json(z.object({ targets: z.array(rtoTargetOut) })) }, ...errors(401, 404) }),
        post: op(
          "Create a target, or replace the one of the same component (editors)",
          { 200: { description: "Replaced", content: json(z.object({ target: rtoTargetOut })) }, 201: { description: "Created", content: json(z.object({ target: rtoTargetOut })) }, ...errors(400, 401, 403, 404, 422) },
          rtoTargetSchema,
        ),
      },
      "/api/v1/services/{slug}/rto-targets/{component}": {
        parameters: [slugParam, idParam("component")],
        delete: op("Remove a component's target (editors); its drills stay in the log", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/recovery-events": {
        parameters: [slugParam],
        get: {
          ...op(
            "The backup/restore log, newest first, paginated",
            { 200: { description: "OK", content: json(z.object({ events: z.array(recoveryEventOut), total: z.number().int(), page: z.number().int(), pages: z.number().int(), perPage: z.number().int() })) }, ...errors(401, 404) },
          ),
          parameters: [
            { name: "component", in: "query", schema: { type: "string" } },
            { name: "kind", in: "query", schema: { type: "string", enum: [...EVENT_KINDS] } },
            { name: "status", in: "query", schema: { type: "string", enum: [...EVENT_STATUSES] } },
            { name: "page", in: "query", schema: { type: "integer", minimum: 1 } },
            { name: "perPage", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
          ],
        },
        post: op(
          "Append a backup, restore test or drill (editors). Entries are never changed: a correction is a new entry with `correctsId`",
          { 201: { description: "Created", content: json(z.object({ event: recoveryEventOut })) }, ...errors(400, 401, 403, 404, 422) },
          recoveryEventSchema,
        ),
      },
      "/api/v1/services/{slug}/backup-monitors": {
        parameters: [slugParam],
        get: op("Backup monitors with their status; `pingUrl` for editors and owners only", { 200: { description: "OK", content: json(z.object({ monitors: z.array(backupMonitorOut) })) }, ...errors(401, 404) }),
        post: op(
          "Add a backup monitor (editors); the answer carries its ping URL",
          { 201: { description: "Created", content: json(z.object({ monitor: backupMonitorOut })) }, ...errors(400, 401, 403, 404, 409, 422) },
          backupMonitorSchema,
        ),
      },
      "/api/v1/services/{slug}/backup-monitors/{component}": {
        parameters: [slugParam, idParam("component")],
        delete: op("Remove a component's backup monitor (editors); its ping URL stops working, its backups stay in the log", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/backup-monitors/{component}/rotate": {
        parameters: [slugParam, idParam("component")],
        post: op("A new ping URL for the monitor (editors); the old one stops working at once", { 200: { description: "OK", content: json(z.object({ component: z.string(), pingUrl: z.string() })) }, ...errors(401, 403, 404) }),
      },
      "/api/ping/{token}": {
        parameters: [idParam("token")],
        get: {
          summary:
            "Ping URL of a backup monitor: the backup succeeded (GET or POST). `/start` opens a run (for its duration), `/fail` records a failure. A POST body is kept as the log excerpt, cut at 10 KiB. Optional query: `size` (bytes), `location`, `checksum`. No authentication: the token is the credential. Answers are plain text.",
          security: [],
          responses: { 200: { description: "Recorded" }, 404: { description: "Unknown token (nothing is written)" }, 429: { description: "Too many pings for this monitor or from this address" } },
        },
      },
      "/api/v1/teams": {
        get: op("Your teams (a token: its own team); every team for an instance admin, with `role` null where they are not a member", { 200: { description: "OK", content: json(z.object({ teams: z.array(teamOut) })) }, ...errors(401) }),
        post: op(
          "Create a team (instance admins, signed in; not through an API token); the creator becomes its owner. The slug is derived from the name when omitted",
          { 201: { description: "Created", content: json(z.object({ team: teamOut })) }, ...errors(400, 401, 403, 409, 422) },
          createTeamSchema,
        ),
      },
      "/api/v1/teams/{team}": {
        parameters: [teamParam],
        patch: op("Rename the team (owners; instance admins any team)", { 200: { description: "OK", content: json(z.object({ team: z.object({ slug: z.string(), name: z.string(), createdAt: z.string() }) })) }, ...errors(400, 401, 403, 404, 422) }, renameTeamSchema),
        delete: op(
          "Delete the team (instance admins). A team with services answers 409 unless `confirm` is the team's name; then it is archived with its services (kept, seen by nobody; its tokens and invitations revoked, health checks paused)",
          { 200: { description: "Deleted or archived", content: json(z.object({ deleted: z.string(), archived: z.boolean(), archivedServices: z.array(z.string()) })) }, ...errors(400, 401, 403, 404, 409, 422) },
          deleteTeamSchema,
        ),
      },
      "/api/v1/teams/{team}/invitations": {
        parameters: [teamParam],
        get: op("Invitations of the team (owners, editors)", { 200: { description: "OK" }, ...errors(401, 403, 404) }),
        post: op("Invite someone by email (owners: any role; editors: reviewer, viewer)", { 201: { description: "Created" }, ...errors(400, 401, 403, 404, 409, 422, 429) }, createInvitationSchema),
      },
      "/api/v1/teams/{team}/invitations/{id}": {
        parameters: [teamParam, idParam("id")],
        delete: op("Revoke an invitation (owners)", { 200: { description: "OK" }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/invitations/{id}/resend": {
        parameters: [teamParam, idParam("id")],
        post: op("Send an invitation again with a new link (owners)", { 200: { description: "OK" }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/tokens": {
        parameters: [teamParam],
        get: op("Your tokens (owners: all of the team's)", { 200: { description: "OK" }, ...errors(401, 404) }),
        post: op("Create a personal token; the secret is in this response only", { 201: { description: "Created" }, ...errors(400, 401, 403, 404, 422) }, createTokenSchema),
      },
      "/api/v1/teams/{team}/tokens/{id}": {
        parameters: [teamParam, idParam("id")],
        delete: op("Revoke a token (yours, or any as owner)", { 200: { description: "OK" }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/members": {
        parameters: [teamParam],
        get: op("Members and roles", { 200: { description: "OK" }, ...errors(401, 404) }),
      },
      "/api/v1/teams/{team}/members/{userId}": {
        parameters: [teamParam, idParam("userId")],
        patch: op("Change a member's role (owners)", { 200: { description: "OK" }, ...errors(400, 401, 403, 404, 409, 422) }, changeRoleSchema),
        delete: op("Remove a member (owners); their tokens are revoked", { 204: { description: "Removed" }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/audit": {
        parameters: [teamParam],
        get: op("The audit log, newest first (owners); filters: action, actor, via, from, to, before, limit", { 200: { description: "OK" }, ...errors(400, 401, 403, 404) }),
      },
      "/api/cron/probe": {
        post: {
          summary: "Run one probing round (for external schedulers; bearer CRON_SECRET, not an API token)",
          responses: {
            200: { description: "OK", content: json(z.object({ claimed: z.number().int(), probed: z.number().int(), failed: z.number().int(), durationMs: z.number().int() })) },
            ...errors(401),
            503: { description: "CRON_SECRET is not configured", content: json(errorSchema) },
          },
        },
      },
    },
  };
}
