/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers validate with
 * (zod 4's JSON Schema output is the 2020-12 dialect OpenAPI 3.1 uses).
 */
import { z } from "zod";
import { channelOutput, deliveryOutput } from "@/lib/alerts/channel-public";
import { createChannelSchema, patchChannelSchema } from "@/lib/alerts/channel-schemas";
import { auditEventOutput } from "@/lib/audit/query";
import { itemCommentOutput, itemCommentSchema } from "@/lib/checklists/comments";
import { waiverDecisionSchema } from "@/lib/checklists/waivers";
import { itemHistoryOutput } from "@/lib/audit/item-history";
import { bulkConflictOutput, bulkUpdateSchema, itemOutput, updateItemSchema } from "@/lib/checklists/items";
import { publicCheckSchema } from "@/lib/checks/public";
import { createCheckSchema, patchCheckSchema } from "@/lib/checks/schemas";
import { readinessOutput } from "@/lib/readiness/service";
import { backupMonitorOutput, eventPageOutput, recoveryEventOutput, rtoTargetOutput } from "@/lib/recovery/store";
import { serviceOutput } from "@/lib/services/list";
import { createServiceSchema, deleteServiceSchema, moveServiceSchema, updateServiceSchema } from "@/lib/services/manage";
import { removeTemplateOutput } from "@/lib/checklists/remove";
import { createInvitationSchema, invitationOutput } from "@/lib/teams/invitations";
import { createTokenSchema, tokenOutput } from "@/lib/teams/api-tokens";
import { agentTokenOutput, createAgentTokenSchema } from "@/lib/agents/tokens";
import { agentClaimsInput, agentClaimsOutput, agentResultsInput, agentResultsOutput } from "@/lib/agents/protocol";
import { changeRoleSchema, memberOutput } from "@/lib/teams/members";
import { createTeamSchema, deleteTeamSchema, renameTeamSchema, teamDeletionOutput, teamOutput, teamRefOutput } from "@/lib/teams/manage";
import { ERROR_CODES } from "@/lib/http/errors";
import { applyTemplateOutput, applyTemplateSchema, customItemSchema, resyncOutput, templateImportOutput, templateSummaryOutput } from "@/lib/templates/manage";
import { PING_SIGNALS } from "@/lib/recovery/ping";
import { MAX_WINDOW_DAYS, maintenanceWindowOutput, scheduleWindowSchema, updateWindowSchema } from "@/lib/maintenance/schemas";
import { uptimeResponseSchema } from "@/lib/uptime/api";
import { UPTIME_RANGES } from "@/lib/uptime/ranges";
import { HISTORY_CSV_COLUMNS } from "@/lib/history/csv";
import { HISTORY_DEFAULT_DAYS, HISTORY_MAX_DAYS } from "@/lib/history/dates";
import { serviceHistoryOutput, teamHistoryOutput } from "@/lib/history/query";
import { pushMetricsSchema } from "@/lib/thresholds/ingest";
import { createThresholdSchema, metricsSourceOutput, metricsSourceSchema, thresholdOutput, updateThresholdSchema } from "@/lib/thresholds/manage";
import { decideReviewSchema, reviewOutputSchema } from "@/lib/reviews/reviews";
import { addReviewTeamSchema, reviewSettingsOutput, reviewTierSchema } from "@/lib/reviews/review-teams";
import { backupMonitorSchema, EVENT_KINDS, EVENT_STATUSES, recoveryEventSchema, rtoTargetSchema } from "@/lib/recovery/schemas";

// Clients decide on `code` and `path`; the messages are for people and may be reworded (README: "Readiness, the board and the JSON API").
const PEOPLE_MESSAGE = "a sentence for people; may be reworded in any release: decide on `code` and `path`, not on this";
const errorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe(PEOPLE_MESSAGE),
    issues: z
      .array(z.object({ path: z.string().describe("the field in error, dot-separated (`headers.0.name`); `(body)` for the whole body"), message: z.string().describe(PEOPLE_MESSAGE) }))
      .optional(),
  }),
});

/**
 * Every JSON answer of the API, by what it answers: the builders' strict schemas (beside each builder in
 * lib/) in their envelopes. The document below shows these; tests/integration/api-responses.test.ts
 * checks real answers against them, so a field the schema lacks fails there.
 */
const role = z.enum(["owner", "editor", "reviewer", "viewer"]);
export const apiResponses = {
  services: z.strictObject({ services: z.array(serviceOutput) }),
  service: z.strictObject({ service: serviceOutput }),
  readiness: readinessOutput,
  notReadyGate: z.strictObject({
    error: z.strictObject({ code: z.literal("precondition_failed"), message: z.string().describe(PEOPLE_MESSAGE), readiness: readinessOutput }),
  }),
  reviews: z.strictObject({ reviews: z.array(reviewOutputSchema) }),
  review: z.strictObject({ review: reviewOutputSchema }),
  uptime: uptimeResponseSchema,
  serviceHistory: serviceHistoryOutput,
  teamHistory: teamHistoryOutput,
  checklist: z.strictObject({ items: z.array(itemOutput) }),
  item: z.strictObject({ item: itemOutput }),
  itemComments: z.strictObject({ comments: z.array(itemCommentOutput) }),
  itemComment: z.strictObject({ comment: itemCommentOutput }),
  itemHistory: itemHistoryOutput,
  bulkItems: z.strictObject({ items: z.array(itemOutput).describe("the items written, in the order asked") }),
  bulkConflict: z.strictObject({
    error: z.strictObject({
      code: z.literal("conflict"),
      message: z.string().describe(PEOPLE_MESSAGE),
      conflicts: z.array(bulkConflictOutput).describe("each item someone else changed since you read it, in the order asked"),
    }),
  }),
  applyTemplate: applyTemplateOutput,
  removeTemplate: removeTemplateOutput,
  resync: resyncOutput,
  templates: z.strictObject({ templates: z.array(templateSummaryOutput) }),
  templateImport: z.strictObject({ template: templateImportOutput }),
  checks: z.strictObject({ checks: z.array(publicCheckSchema) }),
  check: z.strictObject({ check: publicCheckSchema }),
  thresholds: z.strictObject({ thresholds: z.array(thresholdOutput) }),
  threshold: z.strictObject({ threshold: thresholdOutput }),
  metricsPush: z.strictObject({ accepted: z.number().int(), unknownMetrics: z.array(z.string()), thresholds: z.array(thresholdOutput) }),
  metricsSource: metricsSourceOutput,
  maintenanceWindows: z.strictObject({ windows: z.array(maintenanceWindowOutput) }),
  maintenanceWindow: z.strictObject({ window: maintenanceWindowOutput }),
  rtoTargets: z.strictObject({ targets: z.array(rtoTargetOutput) }),
  rtoTarget: z.strictObject({ target: rtoTargetOutput }),
  recoveryEvents: eventPageOutput,
  recoveryEvent: z.strictObject({ event: recoveryEventOutput }),
  backupMonitors: z.strictObject({ monitors: z.array(backupMonitorOutput) }),
  backupMonitor: z.strictObject({ monitor: backupMonitorOutput }),
  rotatedPingUrl: z.strictObject({ component: z.string(), pingUrl: z.string() }),
  invitations: z.strictObject({ invitations: z.array(invitationOutput) }),
  invitation: z.strictObject({ invitation: invitationOutput }),
  tokens: z.strictObject({ tokens: z.array(tokenOutput.extend({ owner: z.string().describe("the token owner's email") }).strict()) }),
  createdToken: z.strictObject({ token: tokenOutput.extend({ secret: z.string().describe("shown in this answer only; stored hashed") }).strict() }),
  token: z.strictObject({ token: tokenOutput }),
  agentTokens: z.strictObject({ agentTokens: z.array(agentTokenOutput) }),
  agentToken: z.strictObject({ agentToken: agentTokenOutput }),
  createdAgentToken: z.strictObject({ agentToken: agentTokenOutput.extend({ secret: z.string().describe("shown in this answer only; stored hashed") }).strict() }),
  agentClaims: agentClaimsOutput,
  agentResults: agentResultsOutput,
  teams: z.strictObject({ teams: z.array(teamOutput) }),
  team: z.strictObject({ team: teamOutput }),
  renamedTeam: z.strictObject({ team: teamRefOutput }),
  teamDeletion: teamDeletionOutput,
  reviewSettings: reviewSettingsOutput,
  members: z.strictObject({ members: z.array(memberOutput) }),
  member: z.strictObject({ member: z.strictObject({ userId: z.string(), role }) }),
  channels: z.strictObject({ channels: z.array(channelOutput) }),
  channel: z.strictObject({ channel: channelOutput }),
  channelWithDeliveries: z.strictObject({ channel: channelOutput, deliveries: z.array(deliveryOutput).describe("the newest 20, newest first") }),
  createdChannel: z.strictObject({ channel: channelOutput.extend({ signingSecret: z.string().optional().describe("webhook channels: shown in this answer only; stored sealed") }).strict() }),
  rotatedChannel: z.strictObject({ channel: channelOutput.extend({ signingSecret: z.string().describe("shown in this answer only; the old secret stops signing at once") }).strict() }),
  testDelivery: z.strictObject({ delivery: deliveryOutput }),
  audit: z.strictObject({ events: z.array(auditEventOutput), nextBefore: z.string().nullable().describe("pass as `before` for the next page; null on the last") }),
  health: z.strictObject({ status: z.literal("ok") }),
  ready: z.strictObject({ status: z.literal("ready"), database: z.strictObject({ ok: z.literal(true), ms: z.number() }) }),
  notReady: z.strictObject({ status: z.literal("unavailable"), reason: z.string() }),
  cronProbe: z.strictObject({ claimed: z.number().int(), probed: z.number().int(), failed: z.number().int(), durationMs: z.number().int() }),
};
const r = apiResponses;

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: z.toJSONSchema(schema, { io, unrepresentable: "any" }) },
});

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? "Error", content: json(errorSchema) }]));

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed request (not JSON, or a query parameter in error: `issues` names each)",
  401: "No valid session or token",
  403: "Your role may not do this",
  404: "Not found, or not visible to you",
  409: "Conflict (stale version, duplicate slug, …)",
  422: "Invalid input; `issues` names each field",
  405: "The endpoint has no such method; see Allow",
  415: "The body is not JSON (Content-Type must be application/json)",
  429: "Rate limited; see Retry-After",
  503: "The database is unreachable; try again after Retry-After",
};

function op(summary: string, responses: Record<string, unknown>, body?: z.ZodType) {
  return {
    summary,
    ...(body ? { requestBody: { required: true, content: json(body, "input") } } : {}),
    responses,
  };
}

const PING_TEXT =
  "Ping URL of a backup monitor (GET and POST both count; HEAD records nothing and answers 405). A POST body is kept as the log excerpt, cut at 10 KiB. Optional query: `size` (bytes), `location`, `checksum`. No authentication: the token is the credential. Answers are plain text.";
const pingOp = (what: string) => ({
  summary: `Ping: ${what}`,
  description: PING_TEXT,
  security: [],
  responses: { 200: { description: "Recorded" }, 404: { description: "Unknown token or signal (nothing is written)" }, 429: { description: "Too many pings for this monitor or from this address" } },
});

/** Link unfurlers and `curl -I` send HEAD: it must not log a backup (lib/recovery/ping-route.ts). */
const pingHead = {
  summary: "Ping: nothing (HEAD records nothing)",
  description: "Answers 405 with `Allow: GET, POST` without reading or writing anything, so a link preview records no backup and `curl -fI` fails loudly.",
  security: [],
  responses: { 405: { description: "HEAD does not ping; use GET or POST" } },
};

const daysParam = {
  name: "days",
  in: "query",
  required: false,
  description: "how many UTC days, ending today",
  schema: { type: "integer", minimum: 1, maximum: HISTORY_MAX_DAYS, default: HISTORY_DEFAULT_DAYS },
};

const slugParam = { name: "slug", in: "path", required: true, schema: { type: "string" } };
const teamParam = { name: "team", in: "path", required: true, schema: { type: "string" } };
const idParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

const BADGE_TEXT =
  "A shields-style SVG badge for a README, without authentication: answered only when the team's owners turned public badges on (the team page); otherwise, and for a team or service that does not exist, the same 404. `Cache-Control: public, max-age=60`; the `<title>` says it in a sentence.";
const badgePath = (what: string, ranged: boolean) => ({
  parameters: [teamParam, { name: "service", in: "path", required: true, schema: { type: "string" } }],
  get: {
    summary: `Badge: the service's ${what}`,
    description: BADGE_TEXT,
    security: [],
    ...(ranged ? { parameters: [{ name: "range", in: "query", required: false, schema: { type: "string", enum: [...UPTIME_RANGES], default: "30d" } }] } : {}),
    responses: {
      200: { description: "The badge", content: { "image/svg+xml": { schema: { type: "string" } } } },
      ...(ranged ? errors(400) : {}),
      404: { description: "No such badge: badges are off for the team, or no such team or service", content: json(errorSchema) },
    },
  },
});

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
          ...op("Services of the teams you can see (archived ones with `?archived=include`)", { 200: { description: "OK", content: json(r.services) }, ...errors(400, 401) }),
          parameters: [{ name: "archived", in: "query", required: false, schema: { type: "string", enum: ["include"] } }],
        },
        post: op(
          "Create a service (editors), optionally applying templates",
          { 201: { description: "Created", content: json(r.service) }, ...errors(400, 401, 403, 404, 409, 422) },
          createServiceSchema,
        ),
      },
      "/api/v1/services/{slug}": {
        parameters: [slugParam],
        get: op("One service", { 200: { description: "OK", content: json(r.service) }, ...errors(401, 404) }),
        patch: op(
          "Change a service (editors); `archived: true|false` archives or restores it (owners). Blank text or null clears owner, onCall and the links; an owner that is a member's email makes that member the owner",
          { 200: { description: "OK", content: json(r.service) }, ...errors(400, 401, 403, 404, 422) },
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
          { 200: { description: "OK", content: json(r.service) }, ...errors(400, 401, 403, 404, 409, 422) },
          moveServiceSchema,
        ),
      },
      "/api/v1/services/{slug}/templates/{key}": {
        parameters: [slugParam, idParam("key")],
        delete: op(
          "Remove a template from a service (editors): its untouched items go; items with a tick, note or evidence stay as custom items (`keptFromTemplate` names the template). An item another applied template also covers stays, with that template's wording",
          { 200: { description: "OK", content: json(r.removeTemplate) }, ...errors(401, 403, 404, 409) },
        ),
      },
      "/api/v1/services/{slug}/readiness": {
        parameters: [slugParam],
        get: {
          ...op("The deploy gate: score, level and blockers. With `?require=ready` a service that is not ready answers 412, so `curl -f` alone can gate", {
            200: { description: "OK (with `require=ready`: the service is ready)", content: json(r.readiness) },
            412: { description: "`require=ready` and the service is not ready: the error shape with the readiness answer in `error.readiness`", content: json(r.notReadyGate) },
            ...errors(400, 401, 404),
          }),
          parameters: [{ name: "require", in: "query", required: false, description: "`ready`: answer 412 instead of 200 unless the service is ready", schema: { type: "string", enum: ["ready"] } }],
        },
      },
      "/api/v1/services/{slug}/reviews": {
        parameters: [slugParam],
        get: op("The service's production-readiness reviews, newest first", { 200: { description: "OK", content: json(r.reviews) }, ...errors(401, 404) }),
        post: op("Ask for a review (editors, owners); 409 while one is open", { 201: { description: "Created", content: json(r.review) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/services/{slug}/reviews/{id}/decision": {
        parameters: [slugParam, idParam("id")],
        post: op(
          "Approve or request changes (owners, reviewers; not the person who asked). `comment` is required to request changes; \"changes requested\" blocks readiness until a new review is asked for. Approving a service that is not ready needs `acknowledgeBlockers: true` and a `comment`; the decision keeps the level and the open blockers (`levelAtDecision`, `blockersAtDecision`)",
          {
            200: { description: "Decided", content: json(r.review) },
            422: {
              description: "Invalid input; `issues` names each field. An approval of a service that is not ready without `acknowledgeBlockers: true` or without a `comment` is refused, with `openBlockers` and `level` beside the message; nothing is written",
              content: json(errorSchema.extend({ error: errorSchema.shape.error.extend({ openBlockers: z.number().int().optional(), level: z.enum(["not-ready", "at-risk"]).optional() }) })),
            },
            ...errors(400, 401, 403, 404, 409),
          },
          decideReviewSchema,
        ),
      },
      "/api/v1/services/{slug}/reviews/{id}/withdraw": {
        parameters: [slugParam, idParam("id")],
        post: op("Withdraw an open request (editors, owners); an earlier decision counts again", { 200: { description: "Withdrawn", content: json(r.review) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/services/{slug}/uptime": {
        parameters: [slugParam],
        get: {
          ...op(
            "Uptime %, latency p50/p95/p99 (from rollup histograms), a series of points, status-code and error-class breakdown, and incidents over a range",
            { 200: { description: "OK", content: json(r.uptime) }, ...errors(400, 401, 404) },
          ),
          parameters: [
            { name: "range", in: "query", required: false, schema: { type: "string", enum: [...UPTIME_RANGES], default: "24h" } },
            { name: "check", in: "query", required: false, description: "one check's id (default: all enabled checks)", schema: { type: "string" } },
            { name: "location", in: "query", required: false, description: 'one location\'s probes ("central" or a probe agent\'s location); default: every location combined (incidents are always the combined ones)', schema: { type: "string" } },
          ],
        },
      },
      "/api/v1/services/{slug}/history": {
        parameters: [slugParam],
        get: {
          ...op(
            "The service's readiness per UTC day (score, level, blockers, waivers), oldest first; a day no background round observed has no point, and rebuilt days say `source: backfill` (decision 0043)",
            { 200: { description: "OK", content: json(r.serviceHistory) }, ...errors(400, 401, 404) },
          ),
          parameters: [daysParam],
        },
      },
      "/api/v1/services/{slug}/checklist": {
        parameters: [slugParam],
        get: op("The service's checklist", { 200: { description: "OK", content: json(r.checklist) }, ...errors(401, 404) }),
        post: op(
          "Add a custom item to this service only (editors)",
          { 201: { description: "Created", content: json(r.item) }, ...errors(400, 401, 403, 404, 409, 422) },
          customItemSchema,
        ),
      },
      "/api/v1/services/{slug}/templates": {
        parameters: [slugParam],
        post: op(
          "Apply a template to the service (editors): its items are added to the checklist",
          { 200: { description: "OK", content: json(r.applyTemplate) }, ...errors(400, 401, 403, 404, 422) },
          applyTemplateSchema,
        ),
      },
      "/api/v1/services/{slug}/templates/resync": {
        parameters: [slugParam],
        post: op("Bring the checklist up to date with its templates (editors); ticks are kept", { 200: { description: "OK", content: json(r.resync) }, ...errors(401, 403, 404) }),
      },
      "/api/v1/templates": {
        get: op("The checklist templates", { 200: { description: "OK", content: json(r.templates) }, ...errors(401) }),
        post: {
          summary: "Import a template file (owners): YAML, or JSON with a JSON content type, as in templates/*.yaml; services using it are re-synced",
          requestBody: { required: true, content: { "application/yaml": { schema: { type: "string" } }, "application/json": { schema: { type: "object" } } } },
          responses: {
            200: { description: "Replaced", content: json(r.templateImport) },
            201: { description: "Created", content: json(r.templateImport) },
            ...errors(400, 401, 403, 409, 422),
          },
        },
      },
      "/api/v1/templates/{key}": {
        parameters: [idParam("key")],
        get: {
          summary: "Export a template as a file (YAML by default)",
          parameters: [{ name: "format", in: "query", required: false, schema: { type: "string", enum: ["yaml", "json"], default: "yaml" } }],
          responses: {
            200: { description: "The template file, as an attachment", content: { "application/yaml": { schema: { type: "string" } }, "application/json": { schema: { type: "object" } } } },
            ...errors(400, 401, 404),
          },
        },
      },
      "/api/v1/services/{slug}/checklist/{itemKey}": {
        parameters: [slugParam, idParam("itemKey")],
        patch: op(
          "Tick, reopen or mark N/A (with a reason); `version` must be the one you read. N/A on a required item asks for a waiver (`expiresAt`: default 90 days, at most 365): it counts as open until another owner or reviewer approves it. `reverify: true` on a done item keeps its evidence and starts its re-verification clock again",
          {
            200: { description: "OK", content: json(r.item) },
            409: { description: "Stale version: `error.current` is the item as it is now", content: json(errorSchema.extend({ error: errorSchema.shape.error.extend({ current: itemOutput }) })) },
            ...errors(400, 401, 403, 404, 422),
          },
          updateItemSchema,
        ),
      },
      "/api/v1/services/{slug}/checklist/{itemKey}/history": {
        parameters: [slugParam, idParam("itemKey")],
        get: {
          ...op("The item's changes from the audit log, newest first, in words (everyone who can read the service); `before` and `limit` page through them", {
            200: { description: "OK", content: json(r.itemHistory) },
            ...errors(400, 401, 404),
          }),
          parameters: [
            { name: "before", in: "query", required: false, schema: { type: "string" }, description: "`nextBefore` of the previous page" },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } },
          ],
        },
      },
      "/api/v1/services/{slug}/checklist/bulk": {
        parameters: [slugParam],
        post: op(
          "Mark several items done, or N/A with `note` as the reason, in one go (editors). Each item names the `version` you read; all or nothing: when any is stale, nothing is written. One audit entry per item",
          {
            200: { description: "OK", content: json(r.bulkItems) },
            409: {
              description: "Stale versions, nothing written: `error.conflicts` holds each item someone else changed, as it is now (an archived service answers the plain error shape)",
              content: json(r.bulkConflict),
            },
            ...errors(400, 401, 403, 404, 422),
          },
          bulkUpdateSchema,
        ),
      },
      "/api/v1/services/{slug}/checklist/{itemKey}/comments": {
        parameters: [slugParam, idParam("itemKey")],
        get: op("The item's comments, oldest first", { 200: { description: "OK", content: json(r.itemComments) }, ...errors(401, 404) }),
        post: op(
          "Comment on the item (owners, editors, reviewers); its state is not changed. Audited as `checklist.comment`; 409 while the service is archived",
          { 201: { description: "Created", content: json(r.itemComment) }, ...errors(400, 401, 403, 404, 409, 422) },
          itemCommentSchema,
        ),
      },
      "/api/v1/services/{slug}/checklist/{itemKey}/waiver/decision": {
        parameters: [slugParam, idParam("itemKey")],
        post: op(
          "Approve or reject a required item's pending waiver (owners and reviewers other than whoever asked for it: 403 for the requester). Audited as `waiver.approve` / `waiver.reject`; 409 when no waiver awaits a decision",
          { 200: { description: "OK", content: json(r.item) }, ...errors(400, 401, 403, 404, 409, 422) },
          waiverDecisionSchema,
        ),
      },
      "/api/v1/services/{slug}/checks": {
        parameters: [slugParam],
        get: op("The service's health checks with their last probe", { 200: { description: "OK", content: json(r.checks) }, ...errors(401, 404) }),
        post: op(
          "Add a health check (editors); only `url` is required. Header values are sealed or read from PROBE_SECRET_* variables, never returned. A service has at most 50 checks (409 beyond)",
          { 201: { description: "Created", content: json(r.check) }, ...errors(400, 401, 403, 404, 409, 422) },
          createCheckSchema,
        ),
      },
      "/api/v1/services/{slug}/checks/{id}": {
        parameters: [slugParam, idParam("id")],
        get: op("One health check", { 200: { description: "OK", content: json(r.check) }, ...errors(401, 404) }),
        patch: op(
          "Change a health check (editors): any subset of the fields, `null` clears one, `headers` replaces the list (`{name, keep: true}` keeps a stored value); the check is probed again at once",
          { 200: { description: "OK", content: json(r.check) }, ...errors(400, 401, 403, 404, 422) },
          patchCheckSchema,
        ),
        delete: op("Delete a health check with its probe history (editors)", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/thresholds": {
        parameters: [slugParam],
        get: op("The service's metric thresholds, each evaluated now (status ok / pending / breached / no-data, value, since)", { 200: { description: "OK", content: json(r.thresholds) }, ...errors(401, 404) }),
        post: op("Add a threshold (editors)", { 201: { description: "Created", content: json(r.threshold) }, ...errors(400, 401, 403, 404, 409, 422) }, createThresholdSchema),
      },
      "/api/v1/services/{slug}/thresholds/{id}": {
        parameters: [slugParam, idParam("id")],
        patch: op("Change a threshold (editors)", { 200: { description: "OK", content: json(r.threshold) }, ...errors(400, 401, 403, 404, 409, 422) }, updateThresholdSchema),
        delete: op("Delete a threshold (editors)", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/maintenance": {
        parameters: [slugParam],
        get: op(
          "The service's maintenance windows: the open one, the upcoming ones, then those ended in the last 30 days (at most 10). While one is open the service's check alerts are suppressed and its probes are left out of uptime",
          { 200: { description: "OK", content: json(r.maintenanceWindows) }, ...errors(401, 404) },
        ),
        post: op(
          `Schedule a maintenance window (editors): \`startsAt\` (default now; not in the past), \`endsAt\` (later than now and the start, at most ${MAX_WINDOW_DAYS} days after it), \`reason\`. 409 when it overlaps another window of the service`,
          { 201: { description: "Created", content: json(r.maintenanceWindow) }, ...errors(400, 401, 403, 404, 409, 422) },
          scheduleWindowSchema,
        ),
      },
      "/api/v1/services/{slug}/maintenance/{id}": {
        parameters: [slugParam, idParam("id")],
        patch: op(
          "Change a window's end (editors): an `endsAt` at or before now ends an open window now (and raises check.down for outages that outlived it); a later one shortens or lengthens it. 409 for an ended window",
          { 200: { description: "OK", content: json(r.maintenanceWindow) }, ...errors(400, 401, 403, 404, 409, 422) },
          updateWindowSchema,
        ),
        delete: op("Delete a window that has not started yet (editors); 409 for an open or ended one", { 204: { description: "Deleted" }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/services/{slug}/metrics": {
        parameters: [slugParam],
        post: op(
          "Push metric samples (editors; up to 1,000 a call, all or nothing). `unit` converts within a kind (s ↔ ms, ratio ↔ %); names no threshold reads are stored and listed in `unknownMetrics`",
          {
            201: {
              description: "Stored; the thresholds the samples feed, evaluated",
              content: json(r.metricsPush),
            },
            ...errors(400, 401, 403, 404, 422),
          },
          pushMetricsSchema,
        ),
      },
      "/api/v1/services/{slug}/metrics/source": {
        parameters: [slugParam],
        get: op("The Prometheus text-format page scraped for this service, and the last scrape", { 200: { description: "OK", content: json(r.metricsSource) }, ...errors(401, 404) }),
        put: op("Set (`{url}`) or clear (`{url: null}`) the page to scrape (editors)", { 200: { description: "OK", content: json(r.metricsSource) }, ...errors(400, 401, 403, 404, 422) }, metricsSourceSchema),
      },
      "/api/v1/services/{slug}/rto-targets": {
        parameters: [slugParam],
        get: op("RTO/RPO targets, each with its newest drill and `met` / `missed` / `never` / `overdue`", { 200: { description: "OK", content: json(r.rtoTargets) }, ...errors(401, 404) }),
        post: op(
          "Create a target, or replace the one of the same component (editors)",
          { 200: { description: "Replaced", content: json(r.rtoTarget) }, 201: { description: "Created", content: json(r.rtoTarget) }, ...errors(400, 401, 403, 404, 422) },
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
            { 200: { description: "OK", content: json(r.recoveryEvents) }, ...errors(400, 401, 404) },
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
          { 201: { description: "Created", content: json(r.recoveryEvent) }, ...errors(400, 401, 403, 404, 422) },
          recoveryEventSchema,
        ),
      },
      "/api/v1/services/{slug}/backup-monitors": {
        parameters: [slugParam],
        get: op("Backup monitors with their status; `pingUrl` for editors and owners only", { 200: { description: "OK", content: json(r.backupMonitors) }, ...errors(401, 404) }),
        post: op(
          "Add a backup monitor (editors); the answer carries its ping URL",
          { 201: { description: "Created", content: json(r.backupMonitor) }, ...errors(400, 401, 403, 404, 409, 422) },
          backupMonitorSchema,
        ),
      },
      "/api/v1/services/{slug}/backup-monitors/{component}": {
        parameters: [slugParam, idParam("component")],
        delete: op("Remove a component's backup monitor (editors); its ping URL stops working, its backups stay in the log", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/services/{slug}/backup-monitors/{component}/rotate": {
        parameters: [slugParam, idParam("component")],
        post: op("A new ping URL for the monitor (editors); the old one stops working at once", { 200: { description: "OK", content: json(r.rotatedPingUrl) }, ...errors(401, 403, 404) }),
      },
      "/api/badge/{team}/{service}/readiness.svg": badgePath("readiness: its level in words and its score", false),
      "/api/badge/{team}/{service}/health.svg": badgePath("health: the state of its health checks (\"Up\", \"1 of 3 down\")", false),
      "/api/badge/{team}/{service}/uptime.svg": badgePath("uptime over `range` (default 30d), or \"Not enough data yet\" under the coverage minimum", true),
      "/api/ping/{token}": {
        parameters: [idParam("token")],
        get: pingOp("the backup succeeded"),
        post: pingOp("the backup succeeded; the body is kept as the log excerpt"),
        head: pingHead,
      },
      "/api/ping/{token}/{signal}": {
        parameters: [idParam("token"), { name: "signal", in: "path", required: true, schema: { type: "string", enum: [...PING_SIGNALS] } }],
        get: pingOp("`start` opens a run (for its duration), `fail` records a failed backup"),
        post: pingOp("`start` opens a run, `fail` records a failed backup; the body is kept as the log excerpt"),
        head: pingHead,
      },
      "/api/v1/teams/{team}/invitations": {
        parameters: [teamParam],
        get: op("Invitations of the team (owners, editors)", { 200: { description: "OK", content: json(r.invitations) }, ...errors(401, 403, 404) }),
        post: op("Invite someone by email (owners: any role; editors: reviewer, viewer)", { 201: { description: "Created", content: json(r.invitation) }, ...errors(400, 401, 403, 404, 409, 422, 429) }, createInvitationSchema),
      },
      "/api/v1/teams/{team}/invitations/{id}": {
        parameters: [teamParam, idParam("id")],
        delete: op("Revoke an invitation (owners)", { 200: { description: "OK", content: json(r.invitation) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/invitations/{id}/resend": {
        parameters: [teamParam, idParam("id")],
        post: op("Send an invitation again with a new link (owners)", { 200: { description: "OK", content: json(r.invitation) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/tokens": {
        parameters: [teamParam],
        get: op("Your tokens (owners: all of the team's)", { 200: { description: "OK", content: json(r.tokens) }, ...errors(401, 404) }),
        post: op("Create a personal token; the secret is in this response only", { 201: { description: "Created", content: json(r.createdToken) }, ...errors(400, 401, 403, 404, 422) }, createTokenSchema),
      },
      "/api/v1/teams/{team}/agent-tokens": {
        parameters: [teamParam],
        get: op("Probe agent tokens of the team, with each agent's online status (owners)", { 200: { description: "OK", content: json(r.agentTokens) }, ...errors(401, 403, 404) }),
        post: op("Create a probe agent token for one location (owners); the secret is in this response only", { 201: { description: "Created", content: json(r.createdAgentToken) }, ...errors(400, 401, 403, 404, 422) }, createAgentTokenSchema),
      },
      "/api/v1/teams/{team}/agent-tokens/{id}": {
        parameters: [teamParam, idParam("id")],
        delete: op("Revoke a probe agent token (owners); its leases return to the pool", { 200: { description: "OK", content: json(r.agentToken) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/agent/claims": {
        post: op("Probe agents (bearer: an agent token): wait up to 25 s for checks due at the agent's location and lease them to it", { 200: { description: "OK", content: json(r.agentClaims) }, ...errors(400, 401, 422) }, agentClaimsInput),
      },
      "/api/v1/agent/results": {
        post: op("Probe agents: a batch of results; results without a lease held by this agent are rejected and not written", { 200: { description: "OK", content: json(r.agentResults) }, ...errors(400, 401, 422) }, agentResultsInput),
      },
      "/api/v1/teams/{team}/tokens/{id}": {
        parameters: [teamParam, idParam("id")],
        delete: op("Revoke a token (yours, or any as owner)", { 200: { description: "OK", content: json(r.token) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams": {
        get: op("Your teams (a token: its own team); every team for an instance admin, with `role` null where they are not a member", { 200: { description: "OK", content: json(r.teams) }, ...errors(401) }),
        post: op(
          "Create a team (instance admins, signed in; not through an API token); the creator becomes its owner. The slug is derived from the name when omitted",
          { 201: { description: "Created", content: json(r.team) }, ...errors(400, 401, 403, 409, 422) },
          createTeamSchema,
        ),
      },
      "/api/v1/teams/{team}": {
        parameters: [teamParam],
        patch: op("Rename the team (owners; instance admins any team)", { 200: { description: "OK", content: json(r.renamedTeam) }, ...errors(400, 401, 403, 404, 422) }, renameTeamSchema),
        delete: op(
          "Delete the team (instance admins). A team with services answers 409 unless `confirm` is the team's name; then it is archived with its services (kept, seen by nobody; its tokens and invitations revoked, health checks paused)",
          { 200: { description: "Deleted or archived", content: json(r.teamDeletion) }, ...errors(400, 401, 403, 404, 409, 422) },
          deleteTeamSchema,
        ),
      },
      "/api/v1/teams/{team}/review-teams": {
        parameters: [teamParam],
        get: op("The teams whose owners and reviewers may decide this team's reviews, and up to which tier a current approval is needed for Ready", { 200: { description: "OK", content: json(r.reviewSettings) }, ...errors(401, 404) }),
        post: op("Name a review team (owners): its owners and reviewers may then decide this team's reviews", { 201: { description: "Named", content: json(r.reviewSettings) }, ...errors(400, 401, 403, 404, 409, 422) }, addReviewTeamSchema),
        patch: op("Set up to which tier an approved, current review is needed for Ready (owners; 0: no tier)", { 200: { description: "OK", content: json(r.reviewSettings) }, ...errors(400, 401, 403, 404, 422) }, reviewTierSchema),
        delete: op("Remove a review team (owners)", { 200: { description: "Removed", content: json(r.reviewSettings) }, ...errors(400, 401, 403, 404, 422) }, addReviewTeamSchema),
      },
      "/api/v1/teams/{team}/members": {
        parameters: [teamParam],
        get: op("Members and roles", { 200: { description: "OK", content: json(r.members) }, ...errors(401, 404) }),
      },
      "/api/v1/teams/{team}/members/{userId}": {
        parameters: [teamParam, idParam("userId")],
        patch: op("Change a member's role (owners)", { 200: { description: "OK", content: json(r.member) }, ...errors(400, 401, 403, 404, 409, 422) }, changeRoleSchema),
        delete: op("Remove a member (owners); their tokens are revoked", { 204: { description: "Removed" }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/channels": {
        parameters: [teamParam],
        get: op("Alert channels of the team with their status (owners, editors); URLs are shown as their hint only", { 200: { description: "OK", content: json(r.channels) }, ...errors(401, 403, 404) }),
        post: op(
          "Add an alert channel (owners): `url` for slack, teams and webhook (https; http only to localhost), `emails` or `memberRoles` for email. `events` and `services` (slugs) default to every one (null). A webhook's `signingSecret` is in this answer only",
          { 201: { description: "Created", content: json(r.createdChannel) }, ...errors(400, 401, 403, 404, 422) },
          createChannelSchema,
        ),
      },
      "/api/v1/teams/{team}/channels/{id}": {
        parameters: [teamParam, idParam("id")],
        get: op("One alert channel with its newest 20 deliveries (owners, editors)", { 200: { description: "OK", content: json(r.channelWithDeliveries) }, ...errors(401, 403, 404) }),
        patch: op(
          "Change a channel (owners): any subset of the fields; `url` replaces the stored URL, `null` sets events, services, minTier or reminderMinutes back to every one / none; the type stays",
          { 200: { description: "OK", content: json(r.channel) }, ...errors(400, 401, 403, 404, 422) },
          patchChannelSchema,
        ),
        delete: op("Delete a channel with its deliveries (owners); pending ones are not sent", { 204: { description: "Deleted" }, ...errors(401, 403, 404) }),
      },
      "/api/v1/teams/{team}/channels/{id}/test": {
        parameters: [teamParam, idParam("id")],
        post: op(
          "Send a test message to this channel only (owners), disabled or not, at once (one attempt, up to 10 s): 200 with the delivery once delivered or failed, 202 when the attempt failed and the delivery waits for a retry (its lastStatus and lastError say why)",
          { 200: { description: "Attempted", content: json(r.testDelivery) }, 202: { description: "Not delivered yet: retried later", content: json(r.testDelivery) }, ...errors(401, 403, 404) },
        ),
      },
      "/api/v1/teams/{team}/channels/{id}/rotate-secret": {
        parameters: [teamParam, idParam("id")],
        post: op("A new signing secret for a webhook channel (owners), in this answer only; the old one stops signing at once. 409 for other types", { 200: { description: "OK", content: json(r.rotatedChannel) }, ...errors(401, 403, 404, 409) }),
      },
      "/api/v1/teams/{team}/history": {
        parameters: [teamParam],
        get: {
          ...op("The team's readiness per UTC day (mean score, services by level, blockers, waivers, stale approvals), oldest first (any member)", {
            200: { description: "OK", content: json(r.teamHistory) },
            ...errors(400, 401, 404),
          }),
          parameters: [daysParam],
        },
      },
      "/api/v1/teams/{team}/history/export": {
        parameters: [teamParam],
        get: {
          ...op("Every service's daily points of the team as CSV (streamed; one line per service and day, by date then slug; any member)", {
            200: {
              description: `CSV with the header \`${HISTORY_CSV_COLUMNS.join(",")}\``,
              content: { "text/csv": { schema: { type: "string" } } },
            },
            ...errors(400, 401, 404),
          }),
          parameters: [daysParam],
        },
      },
      "/api/v1/teams/{team}/audit": {
        parameters: [teamParam],
        get: op("The audit log, newest first (owners); filters: action, actor, via, service (a slug), from, to, before, limit", { 200: { description: "OK", content: json(r.audit) }, ...errors(400, 401, 403, 404) }),
      },
      "/api/health": {
        get: { summary: "Liveness: answers without touching the database", security: [], responses: { 200: { description: "OK", content: json(r.health) } } },
      },
      "/api/ready": {
        get: {
          summary: "Readiness: 200 when the database answers (within 2 s), 503 with the reason when not",
          security: [],
          responses: {
            200: { description: "Ready", content: json(r.ready) },
            503: { description: "Not ready; see Retry-After", content: json(r.notReady) },
          },
        },
      },
      "/api/v1/openapi.json": {
        get: { summary: "This document", security: [], responses: { 200: { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } } },
      },
      "/api/metrics": {
        get: {
          summary: "Prometheus export (bearer METRICS_TOKEN, not an API token): readiness, checks, thresholds, backups and drills of every service, and Preflight's own health (docs/metrics.md)",
          responses: {
            200: { description: "Prometheus text format 0.0.4", content: { "text/plain; version=0.0.4; charset=utf-8": { schema: { type: "string" } } } },
            401: { description: "No valid metrics token", content: json(errorSchema) },
            404: { description: "METRICS_TOKEN is not set: the export is off", content: json(errorSchema) },
          },
        },
      },
      "/api/cron/probe": {
        post: {
          summary: "Run one probing round (for external schedulers; bearer CRON_SECRET, not an API token)",
          responses: {
            200: { description: "OK", content: json(r.cronProbe) },
            ...errors(401),
            503: { description: "CRON_SECRET is not configured", content: json(errorSchema) },
          },
        },
      },
    },
  };
}
