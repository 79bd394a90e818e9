/**
 * The one wording of audit entries: a sentence per action, naming who did what to which thing of which
 * service ("Olive Owner marked “TLS everywhere” done on CryptoPulse", with the item and the service as
 * links), and the fields that changed in words and units ("RTO: 10 min → 15 min"). Version counters,
 * internal ids and unchanged fields are left out. An action this file does not know reads in a generic
 * form built from its name and its changed fields.
 *
 * Pure: names of users, services, items and the like come in an `AuditNames` the caller loads once
 * for a whole page (lib/audit/names.ts); what a snapshot recorded is the fallback when a thing is gone.
 */
import { formatDate, formatDuration } from "@/lib/format/time";
import { kindWords, recoveryEntryName, type RecoveryEntryName } from "@/lib/recovery/entry-name";
import { comparatorSymbol, type Comparator } from "@/lib/thresholds/evaluate";
import { formatMeasure } from "@/lib/format/amount";
import { changeDetail, changedDetails, detailText, formatField, snapshot, snapshotDetails, type AuditDetail, type Snapshot } from "./fields";

export type { AuditDetail } from "./fields";

/** A piece of the sentence: plain text, or the name of a thing with where it lives. */
export type AuditPart = string | { text: string; href: string };

export interface AuditDescription {
  sentence: AuditPart[];
  details: AuditDetail[];
}

/** What the describer reads of an entry (a row of AuditEvent). */
export interface AuditEntryView {
  action: string;
  actorEmail: string | null;
  actorUserId: string | null;
  via: string;
  serviceId: string | null;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

/** Current names of the things entries point at, loaded in one batch for a page of entries. */
export interface AuditNames {
  /** user id → name (or email) */
  users: ReadonlyMap<string, string>;
  /** service id → name and slug */
  services: ReadonlyMap<string, { name: string; slug: string }>;
  /** `${serviceId}/${itemKey}` → title */
  items: ReadonlyMap<string, string>;
  /** health check id → name */
  checks: ReadonlyMap<string, string>;
  /** API token id → name */
  tokens: ReadonlyMap<string, string>;
  /** invitation id → email */
  invitations: ReadonlyMap<string, string>;
  /** recovery log entry id → what it was (for "corrects the backup of 12 Nov 2026, 14:02 UTC") */
  recoveryEvents: ReadonlyMap<string, RecoveryEntryName>;
  /** template key → name */
  templates: ReadonlyMap<string, string>;
}

export const NO_NAMES: AuditNames = {
  users: new Map(),
  services: new Map(),
  items: new Map(),
  checks: new Map(),
  tokens: new Map(),
  invitations: new Map(),
  recoveryEvents: new Map(),
  templates: new Map(),
};

/** The ids a page of entries needs names for (lib/audit/names.ts loads them). */
export interface AuditReferences {
  users: Set<string>;
  services: Set<string>;
  /** service id → item keys */
  items: Map<string, Set<string>>;
  checks: Set<string>;
  tokens: Set<string>;
  invitations: Set<string>;
  recoveryEvents: Set<string>;
  templates: Set<string>;
}

/** The item key of a checklist entry's target (`<slug at the time>/<key>`). */
export function itemKeyOf(targetId: string | null): string | null {
  if (!targetId) return null;
  const slash = targetId.indexOf("/");
  return slash >= 0 ? targetId.slice(slash + 1) : null;
}

export function auditReferences(entries: readonly AuditEntryView[]): AuditReferences {
  const refs: AuditReferences = { users: new Set(), services: new Set(), items: new Map(), checks: new Set(), tokens: new Set(), invitations: new Set(), recoveryEvents: new Set(), templates: new Set() };
  for (const e of entries) {
    if (e.actorUserId) refs.users.add(e.actorUserId);
    if (e.serviceId) refs.services.add(e.serviceId);
    const key = e.targetType === "checklist_item" ? itemKeyOf(e.targetId) : null;
    if (key && e.serviceId) {
      const keys = refs.items.get(e.serviceId) ?? new Set<string>();
      keys.add(key);
      refs.items.set(e.serviceId, keys);
    }
    if (e.targetId && e.targetType === "check") refs.checks.add(e.targetId);
    if (e.targetId && e.targetType === "api_token") refs.tokens.add(e.targetId);
    if (e.targetId && e.targetType === "invitation") refs.invitations.add(e.targetId);
    const corrects = snapshot(e.after).correctsId;
    if (typeof corrects === "string") refs.recoveryEvents.add(corrects);
    for (const s of [snapshot(e.before), snapshot(e.after)]) if (typeof s.template === "string") refs.templates.add(s.template);
    if (e.targetId && e.targetType === "template") refs.templates.add(e.targetId);
  }
  return refs;
}

/** Where the sentence is read: the team's log names service and item; an item's own history says "it". */
export type AuditWithin = "team" | "item";

interface Ctx {
  e: AuditEntryView;
  names: AuditNames;
  within: AuditWithin;
  b: Snapshot;
  a: Snapshot;
  actor: string;
}

const quoted = (text: string) => `“${text}”`;

/** Who acted, for people: the user's name (their email without one), or what acted ("Health probes"). */
export function auditActorName(e: AuditEntryView, names: AuditNames = NO_NAMES): string {
  if (e.via === "system") {
    if (e.actorEmail === "probes") return "Health probes";
    if (e.actorEmail?.startsWith("ping:")) return `The ping URL of ${e.actorEmail.slice("ping:".length)}`;
    if (e.actorEmail === "cli") return "The command line";
    return e.actorEmail || "The system";
  }
  return (e.actorUserId ? names.users.get(e.actorUserId) : undefined) ?? e.actorEmail ?? "Someone";
}

function serviceInfo(c: Ctx): { name: string; slug: string } | null {
  return c.e.serviceId ? (c.names.services.get(c.e.serviceId) ?? null) : null;
}

/** The service as a link; a deleted one by the name its entries kept. */
function service(c: Ctx, path = ""): AuditPart {
  const s = serviceInfo(c);
  if (s) return { text: s.name, href: `/services/${s.slug}${path}` };
  const kept = c.e.targetType === "service" ? (str(c.b.name) ?? str(c.a.name)) : null;
  return kept ?? "a deleted service";
}

/** " on CryptoPulse" (nothing inside an item's history: the service is the page's). */
function on(c: Ctx, word = "on", path = ""): AuditPart[] {
  return c.within === "item" ? [] : [` ${word} `, service(c, path)];
}

/** The checklist item as a link, “TLS everywhere”; inside its own history, "it". */
function item(c: Ctx): AuditPart {
  if (c.within === "item") return "it";
  const key = itemKeyOf(c.e.targetId);
  const title = (key && c.e.serviceId ? c.names.items.get(`${c.e.serviceId}/${key}`) : undefined) ?? (typeof c.a.title === "string" ? c.a.title : key ?? "an item");
  const s = serviceInfo(c);
  return s && key ? { text: quoted(title), href: `/services/${s.slug}#item-${encodeURIComponent(key)}` } : quoted(title);
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" ? v : null);
const details = (...list: (AuditDetail | null | false | undefined)[]): AuditDetail[] => list.filter((d): d is AuditDetail => Boolean(d));
const fact = (label: string, value: unknown, field = ""): AuditDetail | null => (value === undefined || value === null || value === "" ? null : { label, to: formatField(field, value) });

// ---- checklist --------------------------------------------------------------------------------------

const STATE_WORDS: Record<string, string> = { done: "done", na: "not applicable", open: "open" };

function checklistUpdate(c: Ctx): AuditDescription {
  const { a, b } = c;
  const state = str(a.state);
  const was = str(b.state);
  const note = changeDetail("note", b.note, a.note, "Note");
  const evidence = changeDetail("evidenceUrl", b.evidenceUrl, a.evidenceUrl, "Evidence link");
  const reason = state === "na" ? changeDetail("naReason", state === was ? b.naReason : null, a.naReason, "Reason") : null;
  let verb: AuditPart[];
  const waiverAsked = a.waiver === "pending" && (was !== "na" || b.waiver !== "pending" || b.naReason !== a.naReason || b.waiverExpiresAt !== a.waiverExpiresAt);
  if (waiverAsked) {
    const expiry = typeof a.waiverExpiresAt === "string" ? { label: "Waiver expires", to: formatDate(a.waiverExpiresAt) } : null;
    return { sentence: [c.actor, " marked ", item(c), " not applicable and asked for a waiver", ...on(c)], details: details(reason, expiry, note, evidence) };
  }
  if (a.reverified === true) {
    return { sentence: [c.actor, " re-verified ", item(c), ...on(c)], details: details(note, evidence) };
  }
  if (state !== was && state) {
    verb = state === "open" ? ["reopened ", item(c)] : ["marked ", item(c), ` ${STATE_WORDS[state] ?? state}`];
  } else {
    const what = [note && "the note", evidence && "the evidence link", reason && "the reason"].filter(Boolean).join(" and ");
    verb = what ? [`changed ${what}`, ...(c.within === "item" ? [] : [" of ", item(c)])] : ["saved ", item(c), " without changes"];
  }
  return { sentence: [c.actor, " ", ...verb, ...on(c)], details: details(reason, note, evidence) };
}

function waiverStep(c: Ctx, verb: string): AuditDescription {
  const expiry = typeof c.a.expiresAt === "string" ? { label: c.e.action === "waiver.expire" ? "Expired" : "Expires", to: formatDate(c.a.expiresAt) } : null;
  const subject: AuditPart[] = c.within === "item" ? ["its waiver"] : ["the waiver for ", item(c), ...on(c)];
  return { sentence: c.e.action === "waiver.expire" ? [...(c.within === "item" ? ["Its waiver"] : ["The waiver for ", item(c), ...on(c)]), " expired"] : [c.actor, ` ${verb} `, ...subject], details: details(expiry, fact("Comment", c.a.comment)) };
}

function checklistAuto(c: Ctx, verified: boolean): AuditDescription {
  const verb: AuditPart[] = verified ? ["marked ", item(c), " done"] : ["reopened ", item(c)];
  return { sentence: [c.actor, " ", ...verb, ...on(c)], details: details(fact(verified ? "Evidence" : "Why", c.a.evidence)) };
}

function checklistAdd(c: Ctx): AuditDescription {
  const sentence: AuditPart[] = c.within === "item" ? [c.actor, " added it as a custom item"] : [c.actor, " added the custom item ", item(c), ...on(c, "to")];
  return { sentence, details: details(fact("Severity", c.a.severity), typeof c.a.required === "boolean" ? { label: "Required", to: c.a.required ? "yes" : "no" } : null) };
}

/** A reviewer's (or anyone's) note on an item, kept with it; the item's state is unchanged. */
function checklistComment(c: Ctx): AuditDescription {
  const sentence: AuditPart[] = c.within === "item" ? [c.actor, " commented on it"] : [c.actor, " commented on ", item(c), ...on(c, "on")];
  return { sentence, details: details(fact("Comment", c.a.comment)) };
}

// ---- services ---------------------------------------------------------------------------------------

const templateName = (c: Ctx, key: unknown) => (typeof key === "string" ? quoted(c.names.templates.get(key) ?? key) : "a template");

function serviceChange(c: Ctx): AuditDescription {
  const [base] = c.e.action.split("+");
  const verb = base === "service.archive" ? "archived " : base === "service.restore" ? "restored " : null;
  const changed = changedDetails(c.b, c.a, { skip: ["archived"] });
  if (verb) return { sentence: [c.actor, ` ${verb}`, service(c)], details: changed };
  return { sentence: [c.actor, " changed the settings of ", service(c)], details: changed };
}

function serviceCreate(c: Ctx): AuditDescription {
  const templates = Array.isArray(c.a.templates) ? c.a.templates.map((t) => templateName(c, t)) : [];
  return {
    sentence: [c.actor, " created the service ", service(c)],
    details: details(fact("Environment", c.a.environment), fact("Owner", c.a.owner), templates.length ? { label: "Templates", to: templates.join(", ") } : null),
  };
}

function serviceMove(c: Ctx): AuditDescription {
  return {
    sentence: [c.actor, " moved ", service(c), ` from the team ${str(c.b.team) ?? "?"} to ${str(c.a.team) ?? "?"}`],
    details: details(changeDetail("owner", c.b.owner, c.a.owner, "Owner")),
  };
}

function templateApply(c: Ctx): AuditDescription {
  return { sentence: [c.actor, ` applied the template ${templateName(c, c.a.template)} to `, service(c)], details: details(fact("Items added", num(c.a.itemsAdded))) };
}

function templateRemove(c: Ctx): AuditDescription {
  const kept = Array.isArray(c.a.itemsKept) ? c.a.itemsKept.length : null;
  return {
    sentence: [c.actor, ` removed the template ${templateName(c, c.b.template)} from `, service(c)],
    details: details(fact("Items removed", num(c.a.itemsRemoved)), kept ? { label: "Items kept (they had a tick, note or evidence)", to: String(kept) } : null),
  };
}

function templateResync(c: Ctx): AuditDescription {
  return {
    sentence: [c.actor, " brought the checklist of ", service(c), " up to date with its templates"],
    details: details(fact("Items added", num(c.a.added) || null), fact("Items updated", num(c.a.updated) || null), fact("Items archived", num(c.a.archived) || null)),
  };
}

function metricsSource(c: Ctx): AuditDescription {
  const url = str(c.a.metricsUrl);
  return url
    ? { sentence: [c.actor, " set the metrics source of ", service(c, "/thresholds")], details: details(changeDetail("metricsUrl", c.b.metricsUrl, c.a.metricsUrl, "Metrics URL")) }
    : { sentence: [c.actor, " removed the metrics source of ", service(c, "/thresholds")], details: details(fact("Was", c.b.metricsUrl)) };
}

// ---- health checks ----------------------------------------------------------------------------------

function checkName(c: Ctx): string {
  const current = c.e.targetId ? c.names.checks.get(c.e.targetId) : undefined;
  return quoted(current ?? str(c.a.name) ?? str(c.b.name) ?? "a health check");
}

function checkCreate(c: Ctx): AuditDescription {
  const what = [str(c.a.method), str(c.a.url)].filter(Boolean).join(" ");
  const every = num(c.a.intervalSeconds);
  return { sentence: [c.actor, ` added the health check ${checkName(c)} to `, service(c)], details: details(what ? { label: "Probes", to: every ? `${what} every ${formatDuration(every)}` : what } : null) };
}

function checkUpdate(c: Ctx): AuditDescription {
  const changed = changedDetails(c.b, c.a);
  const onlyEnabled = changed.length === 1 && c.b.enabled !== c.a.enabled;
  if (onlyEnabled) return { sentence: [c.actor, c.a.enabled ? " resumed" : " paused", ` the health check ${checkName(c)} on `, service(c)], details: [] };
  return { sentence: [c.actor, ` changed the health check ${checkName(c)} on `, service(c)], details: changed };
}

// ---- thresholds -------------------------------------------------------------------------------------

const isComparator = (v: unknown): v is Comparator => v === "gt" || v === "gte" || v === "lt" || v === "lte";

function rule(s: Snapshot): string | null {
  const limit = num(s.limit);
  if (limit === null || !isComparator(s.comparator)) return null;
  const sustained = num(s.sustainedSeconds);
  return `${comparatorSymbol(s.comparator)} ${formatMeasure(limit, str(s.unit) ?? "")}${sustained ? ` for ${formatDuration(sustained)}` : ""}`;
}

const thresholdName = (c: Ctx) => quoted(str(c.a.label) ?? str(c.b.label) ?? str(c.a.metric) ?? str(c.b.metric) ?? "a threshold");

function thresholdCreate(c: Ctx): AuditDescription {
  if (Array.isArray(c.a.metrics)) {
    const n = c.a.metrics.length;
    return { sentence: [c.actor, ` added ${n} recommended ${n === 1 ? "threshold" : "thresholds"} to `, service(c, "/thresholds")], details: details({ label: "Metrics", to: c.a.metrics.map(String).join(", ") }) };
  }
  return { sentence: [c.actor, ` added the threshold ${thresholdName(c)} to `, service(c, "/thresholds")], details: details(fact("Rule", rule(c.a)), fact("Severity", c.a.severity)) };
}

function thresholdUpdate(c: Ctx): AuditDescription {
  const before = rule(c.b);
  const after = rule(c.a);
  const ruleChanged = before !== after;
  const rest = changedDetails(c.b, c.a, { skip: ruleChanged ? ["limit", "comparator", "sustainedSeconds", "unit"] : [] });
  return {
    sentence: [c.actor, ` changed the threshold ${thresholdName(c)} on `, service(c, "/thresholds")],
    details: [...(ruleChanged && after ? [before ? { label: "Rule", from: before, to: after } : { label: "Rule", to: after }] : []), ...rest],
  };
}

// ---- recovery ---------------------------------------------------------------------------------------

const component = (s: Snapshot) => str(s.component) ?? "a component";

function targetSet(c: Ctx, created: boolean): AuditDescription {
  const name = component(c.a);
  if (created) {
    return {
      sentence: [c.actor, ` set an RTO target for ${name} on `, service(c, "/recovery")],
      details: details(fact("RTO", num(c.a.rtoSeconds), "rtoSeconds"), { label: "RPO", to: formatField("rpoSeconds", c.a.rpoSeconds) }, fact("Drill every", num(c.a.drillIntervalDays), "drillIntervalDays")),
    };
  }
  return { sentence: [c.actor, ` changed the RTO target of ${name} on `, service(c, "/recovery")], details: changedDetails(c.b, c.a, { skip: ["component"] }) };
}

function recoveryEvent(c: Ctx): AuditDescription {
  const kind = str(c.a.kind) ? kindWords(str(c.a.kind)!) : "entry";
  const outcome = c.a.status === "failed" ? "failed" : "successful";
  const verb = c.e.via === "system" ? "recorded" : "logged";
  const corrects = str(c.a.correctsId);
  const corrected = corrects ? c.names.recoveryEvents.get(corrects) : undefined;
  return {
    sentence: [c.actor, ` ${verb} a ${outcome} ${kind} of ${component(c.a)} on `, service(c, "/recovery")],
    details: details(fact("Finished", c.a.finishedAt), corrects ? { label: "Corrects", to: corrected ? recoveryEntryName(corrected) : "an earlier entry" } : null),
  };
}

function monitorCreate(c: Ctx): AuditDescription {
  const every = num(c.a.intervalSeconds);
  const grace = num(c.a.graceSeconds);
  return {
    sentence: [c.actor, ` added a backup monitor for ${component(c.a)} on `, service(c, "/recovery")],
    details: details(every ? { label: "Expected", to: `every ${formatDuration(every)}${grace !== null ? `, grace ${formatDuration(grace)}` : ""}` } : null),
  };
}

// ---- reviews ----------------------------------------------------------------------------------------

function reviewDecide(c: Ctx): AuditDescription {
  const approved = c.a.status === "approved";
  const known = new Set(["status", "comment", "scoreAtDecision"]);
  return {
    sentence: approved ? [c.actor, " approved ", service(c), " for production"] : [c.actor, " requested changes to ", service(c)],
    details: [...details(fact("Comment", c.a.comment), fact("Readiness score", num(c.a.scoreAtDecision))), ...snapshotDetails(c.a, { skip: [...known] })],
  };
}

// ---- teams, members, invitations, tokens, templates -------------------------------------------------

const invitee = (c: Ctx) => str(c.a.email) ?? str(c.b.email) ?? (c.e.targetId ? c.names.invitations.get(c.e.targetId) : undefined) ?? "someone";
const tokenName = (c: Ctx) => {
  const name = (c.e.targetId ? c.names.tokens.get(c.e.targetId) : undefined) ?? str(c.a.name);
  return name ? `the API token ${quoted(name)}` : `the API token ${str(c.a.prefix) ? `${str(c.a.prefix)}…` : ""}`.trim();
};

type Describer = (c: Ctx) => AuditDescription;
const plain = (f: (c: Ctx) => AuditPart[], d: (c: Ctx) => AuditDetail[] = () => []): Describer => (c) => ({ sentence: [c.actor, " ", ...f(c)], details: d(c) });

const DESCRIBERS: Record<string, Describer> = {
  "checklist.update": checklistUpdate,
  "checklist.auto_verified": (c) => checklistAuto(c, true),
  "checklist.auto_unverified": (c) => checklistAuto(c, false),
  "checklist.add": checklistAdd,
  "checklist.comment": checklistComment,
  "waiver.approve": (c) => waiverStep(c, "approved"),
  "waiver.reject": (c) => waiverStep(c, "rejected"),
  "waiver.expire": (c) => waiverStep(c, "expired"),
  "service.create": serviceCreate,
  "service.update": serviceChange,
  "service.archive": serviceChange,
  "service.restore": serviceChange,
  "service.archive+update": serviceChange,
  "service.restore+update": serviceChange,
  "service.delete": plain((c) => [`deleted the service ${quoted(str(c.b.name) ?? str(c.b.slug) ?? c.e.targetId ?? "?")}`]),
  "service.move": serviceMove,
  "service.template.apply": templateApply,
  "service.template.remove": templateRemove,
  "service.template.resync": templateResync,
  "service.metrics_source": metricsSource,
  "check.create": checkCreate,
  "check.update": checkUpdate,
  "check.delete": plain((c) => [`removed the health check ${checkName(c)} from `, service(c)]),
  "threshold.create": thresholdCreate,
  "threshold.update": thresholdUpdate,
  "threshold.delete": plain((c) => [`removed the threshold ${thresholdName(c)} from `, service(c, "/thresholds")], (c) => details(fact("Rule", rule(c.b)))),
  "recovery.target.create": (c) => targetSet(c, true),
  "recovery.target.update": (c) => targetSet(c, false),
  "recovery.target.delete": plain((c) => [`removed the RTO target of ${component(c.b)} from `, service(c, "/recovery")], (c) => details(fact("RTO", num(c.b.rtoSeconds), "rtoSeconds"))),
  "recovery.event.create": recoveryEvent,
  "recovery.monitor.create": monitorCreate,
  "recovery.monitor.delete": plain((c) => [`removed the backup monitor of ${component(c.b)} from `, service(c, "/recovery")]),
  "recovery.monitor.rotate": plain((c) => [str(c.a.component) ? `replaced the ping URL of ${component(c.a)} on ` : "replaced a ping URL on ", service(c, "/recovery")]),
  "review.request": plain((c) => ["asked for a review of ", service(c)]),
  "review.decide": reviewDecide,
  "review.withdraw": plain((c) => ["withdrew the review request of ", service(c)]),
  "team.create": plain((c) => [`created the team ${quoted(str(c.a.name) ?? "?")}`], (c) => details(fact("Owner", c.a.owner))),
  "team.rename": plain((c) => [`renamed the team ${quoted(str(c.b.name) ?? "?")} to ${quoted(str(c.a.name) ?? "?")}`]),
  "team.delete": plain((c) => [`deleted the team ${quoted(str(c.b.name) ?? "?")}`]),
  "team.archive": plain(
    (c) => {
      const n = Array.isArray(c.a.services) ? c.a.services.length : 0;
      return [`archived the team ${quoted(str(c.b.name) ?? "?")}${n ? ` with its ${n} ${n === 1 ? "service" : "services"}` : ""}`];
    },
    (c) => details(Array.isArray(c.a.services) && c.a.services.length ? { label: "Services", to: c.a.services.map(String).join(", ") } : null),
  ),
  "team.badges": plain((c) => [c.a.publicBadges === true ? "turned public badges on (anyone with a badge URL sees a service's readiness, health and uptime)" : "turned public badges off"]),
  "team.status-page": plain(
    (c) => [c.a.published === true ? (c.b.published === true ? "changed the public status page" : "published the status page") : c.b.published === true ? "unpublished the status page" : "changed the unpublished status page"],
    (c) => details(fact("Title", c.a.title), Array.isArray(c.a.serviceIds) ? { label: "Services", to: String(c.a.serviceIds.length) } : null),
  ),
  "member.role": plain((c) => [`changed the role of ${str(c.a.email) ?? str(c.b.email) ?? "a member"} from ${str(c.b.role) ?? "?"} to ${str(c.a.role) ?? "?"}`]),
  "member.remove": plain((c) => [`removed ${str(c.b.email) ?? "a member"}${str(c.b.role) ? ` (${str(c.b.role)})` : ""} from the team`]),
  "invitation.create": plain((c) => [`invited ${invitee(c)} as ${str(c.a.role) ?? "a member"}`], (c) => details(fact("Expires", c.a.expiresAt))),
  "invitation.revoke": plain((c) => [`revoked the invitation of ${invitee(c)}`], (c) => details(fact("Why", c.a.reason))),
  "invitation.resend": plain((c) => [`sent the invitation of ${invitee(c)} again`], (c) => details(fact("Now expires", c.a.expiresAt))),
  "invitation.accept": plain((c) => (c.a.membership === "already a member" ? ["accepted an invitation (already a member)"] : [`accepted the invitation and joined as ${str(c.a.role) ?? "a member"}`])),
  "token.create": plain((c) => [`created ${tokenName(c)}${str(c.a.role) ? ` (${str(c.a.role)})` : ""}`], (c) => details({ label: "Expires", to: c.a.expiresAt ? formatField("expiresAt", c.a.expiresAt) : "never" })),
  "token.revoke": plain((c) => [`revoked ${tokenName(c)}`]),
  "template.import": plain((c) => [`imported the template ${templateName(c, c.e.targetId)}`], (c) => snapshotDetails(c.a)),
  "template.update": plain((c) => [`updated the template ${templateName(c, c.e.targetId)}`], (c) => snapshotDetails(c.a)),
};

/** The actions this file words (the rest read in the generic form). */
export const DESCRIBED_ACTIONS = Object.keys(DESCRIBERS);

/** "checklist.bulk_update" → "checklist bulk update". */
function actionWords(action: string): string {
  return action.replace(/[._+]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase().trim();
}

/** An action nobody taught this file: its name in words, its target, and what changed. */
function generic(c: Ctx): AuditDescription {
  const target: AuditPart[] = c.e.targetType === "checklist_item" && c.within !== "item" ? [" for ", item(c)] : [];
  const where: AuditPart[] = c.e.serviceId ? on(c) : [];
  const hasBoth = Object.keys(c.b).length > 0 && Object.keys(c.a).length > 0;
  return {
    sentence: [c.actor, ` recorded ${quoted(actionWords(c.e.action))}`, ...target, ...where],
    details: hasBoth ? changedDetails(c.b, c.a) : snapshotDetails(Object.keys(c.a).length ? c.a : c.b),
  };
}

/** Adjacent text pieces joined, so a sentence is as few nodes as it has links. */
function compact(parts: AuditPart[]): AuditPart[] {
  const out: AuditPart[] = [];
  for (const p of parts) {
    const last = out.at(-1);
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + p;
    else if (p !== "") out.push(p);
  }
  return out;
}

export function describeAuditEntry(e: AuditEntryView, names: AuditNames = NO_NAMES, within: AuditWithin = "team"): AuditDescription {
  const c: Ctx = { e, names, within, b: snapshot(e.before), a: snapshot(e.after), actor: auditActorName(e, names) };
  const d = (DESCRIBERS[e.action] ?? generic)(c);
  return { sentence: compact(d.sentence), details: d.details };
}

/** The sentence as plain text ("Olive Owner marked “TLS everywhere” done on CryptoPulse"). */
export function sentenceText(parts: readonly AuditPart[]): string {
  return parts.map((p) => (typeof p === "string" ? p : p.text)).join("");
}

/** The whole description as text: the sentence, then "; " and each detail. */
export function descriptionText(d: AuditDescription): string {
  return [sentenceText(d.sentence), ...d.details.map(detailText)].join("; ");
}
