/**
 * The wording of audit entries (lib/audit/describe.ts): one sentence per action the code records, with
 * the service and the item named (and linked), human units, only what changed, and a readable generic
 * form for an action nobody taught it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DESCRIBED_ACTIONS, NO_NAMES, describeAuditEntry, descriptionText, sentenceText, type AuditEntryView, type AuditNames } from "@/lib/audit/describe";
import { detailText, fieldLabel, formatField } from "@/lib/audit/fields";
import { formatBytes } from "@/lib/format/bytes";

const SERVICE = "svc_1";
const names: AuditNames = {
  ...NO_NAMES,
  users: new Map([["u_olive", "Olive Owner"]]),
  services: new Map([[SERVICE, { name: "CryptoPulse", slug: "cryptopulse" }]]),
  items: new Map([[`${SERVICE}/tls-everywhere`, "TLS everywhere"]]),
  checks: new Map([["chk_1", "api"]]),
  tokens: new Map([["tok_1", "ci"]]),
  invitations: new Map([["inv_1", "new@example.org"]]),
  recoveryEvents: new Map([["rev_1", { kind: "backup", component: "Redis", finishedAt: "2026-11-12T14:02:00.000Z" }]]),
  templates: new Map([["cryptopulse", "CryptoPulse — Production checklist"]]),
};

function entry(action: string, fields: Partial<AuditEntryView> = {}): AuditEntryView {
  return { action, actorEmail: "owner@example.com", actorUserId: "u_olive", via: "ui", serviceId: SERVICE, targetType: "service", targetId: "cryptopulse", before: null, after: null, ...fields };
}

const text = (e: AuditEntryView, within: "team" | "item" = "team") => descriptionText(describeAuditEntry(e, names, within));
const item = (before: unknown, after: unknown) => entry("checklist.update", { targetType: "checklist_item", targetId: "cryptopulse/tls-everywhere", before, after });
const itemSnapshot = (state: string, extra: Record<string, unknown> = {}) => ({ state, note: null, naReason: null, evidenceUrl: null, version: 1, ...extra });

describe("checklist entries", () => {
  it("name the item and the service, as links, in words; the version counter is left out", () => {
    const d = describeAuditEntry(item(itemSnapshot("open"), itemSnapshot("done", { version: 2 })), names);
    expect(sentenceText(d.sentence)).toBe("Olive Owner marked “TLS everywhere” done on CryptoPulse");
    expect(d.sentence).toEqual([
      "Olive Owner marked ",
      { text: "“TLS everywhere”", href: "/services/cryptopulse#item-tls-everywhere" },
      " done on ",
      { text: "CryptoPulse", href: "/services/cryptopulse" },
    ]);
    expect(d.details).toEqual([]);
  });

  it("say N/A with its reason, reopening, and changes of note and evidence only when they changed", () => {
    expect(text(item(itemSnapshot("open"), itemSnapshot("na", { naReason: "No public endpoint" })))).toBe("Olive Owner marked “TLS everywhere” not applicable on CryptoPulse; Reason: No public endpoint");
    expect(text(item(itemSnapshot("done"), itemSnapshot("open")))).toBe("Olive Owner reopened “TLS everywhere” on CryptoPulse");
    expect(text(item(itemSnapshot("done", { note: "old" }), itemSnapshot("done", { note: "Runbook linked", evidenceUrl: "https://wiki.example.org/tls" })))).toBe(
      "Olive Owner changed the note and the evidence link of “TLS everywhere” on CryptoPulse; Note: old → Runbook linked; Evidence link: https://wiki.example.org/tls",
    );
    expect(text(item(itemSnapshot("done", { note: "old" }), itemSnapshot("done")))).toBe("Olive Owner changed the note of “TLS everywhere” on CryptoPulse; Note: old → none");
    expect(text(item(itemSnapshot("done"), itemSnapshot("done")))).toBe("Olive Owner saved “TLS everywhere” without changes on CryptoPulse");
  });

  it("say “it” inside the item's own history, without the service", () => {
    expect(text(item(itemSnapshot("open"), itemSnapshot("done")), "item")).toBe("Olive Owner marked it done");
    expect(text(item(itemSnapshot("done"), itemSnapshot("done", { note: "n" })), "item")).toBe("Olive Owner changed the note; Note: n");
    expect(text(entry("checklist.add", { targetType: "checklist_item", targetId: "cryptopulse/tls-everywhere", after: { title: "TLS everywhere", severity: "high", required: false } }), "item")).toBe(
      "Olive Owner added it as a custom item; Severity: high; Required: no",
    );
  });

  it("word the probes' changes, a custom item, and an item whose service was renamed or is gone", () => {
    const probes = { actorEmail: "probes", actorUserId: null, via: "system", targetType: "checklist_item", targetId: "cryptopulse/tls-everywhere" };
    expect(text(entry("checklist.auto_verified", { ...probes, before: { state: "open", version: 1 }, after: { state: "done", version: 2, evidence: "TLS 1.3 on every check" } }))).toBe(
      "Health probes marked “TLS everywhere” done on CryptoPulse; Evidence: TLS 1.3 on every check",
    );
    expect(text(entry("checklist.auto_unverified", { ...probes, after: { state: "open", evidence: "api answers over http" } }))).toBe("Health probes reopened “TLS everywhere” on CryptoPulse; Why: api answers over http");
    expect(text(entry("checklist.add", { targetType: "checklist_item", targetId: "old-slug/custom-x", after: { title: "Runbook reviewed", severity: "medium", required: true } }))).toBe(
      "Olive Owner added the custom item “Runbook reviewed” to CryptoPulse; Severity: medium; Required: yes",
    );
    expect(text(entry("checklist.update", { serviceId: "gone", targetType: "checklist_item", targetId: "x/y", before: { state: "open" }, after: { state: "done" } }))).toBe("Olive Owner marked “y” done on a deleted service");
  });
});

describe("recovery entries", () => {
  it("show durations in human units and only the fields that changed", () => {
    const target = { targetType: "rto-target", targetId: "t1" };
    expect(text(entry("recovery.target.create", { ...target, after: { component: "Database", rtoSeconds: 900, rpoSeconds: null, drillIntervalDays: 90 } }))).toBe(
      "Olive Owner set an RTO target for Database on CryptoPulse; RTO: 15 min; RPO: none; Drill every: 90 days",
    );
    const d = describeAuditEntry(
      entry("recovery.target.update", { ...target, before: { component: "Database", rtoSeconds: 600, rpoSeconds: 3600, drillIntervalDays: 90 }, after: { component: "Database", rtoSeconds: 900, rpoSeconds: 3600, drillIntervalDays: 90 } }),
      names,
    );
    expect(descriptionText(d)).toBe("Olive Owner changed the RTO target of Database on CryptoPulse; RTO: 10 min → 15 min");
    expect(d.sentence.at(-1)).toEqual({ text: "CryptoPulse", href: "/services/cryptopulse/recovery" });
    expect(text(entry("recovery.target.delete", { ...target, before: { component: "Database", rtoSeconds: 900 } }))).toBe("Olive Owner removed the RTO target of Database from CryptoPulse; RTO: 15 min");
  });

  it("word log entries, pings and corrections (naming the corrected entry, never its id)", () => {
    const ev = { targetType: "recovery-event", targetId: "rev_2" };
    expect(text(entry("recovery.event.create", { ...ev, after: { kind: "drill", component: "Redis", status: "success", finishedAt: "2026-11-26T19:25:00.000Z" } }))).toBe(
      "Olive Owner logged a successful drill of Redis on CryptoPulse; Finished: 26 Nov 2026, 19:25 UTC",
    );
    expect(text(entry("recovery.event.create", { ...ev, after: { kind: "restore-test", component: "Database", status: "failed", finishedAt: "2026-11-26T19:25:00.000Z", correctsId: "rev_1" } }))).toBe(
      "Olive Owner logged a failed restore test of Database on CryptoPulse; Finished: 26 Nov 2026, 19:25 UTC; Corrects: the Redis backup of 12 Nov 2026, 14:02 UTC",
    );
    expect(text(entry("recovery.event.create", { ...ev, actorEmail: "ping:Redis", actorUserId: null, via: "system", after: { kind: "backup", component: "Redis", status: "success", via: "ping" } }))).toBe(
      "The ping URL of Redis recorded a successful backup of Redis on CryptoPulse",
    );
    expect(text(entry("recovery.event.create", { ...ev, after: { kind: "backup", component: "Redis", status: "success", correctsId: "unknown" } }))).toBe(
      "Olive Owner logged a successful backup of Redis on CryptoPulse; Corrects: an earlier entry",
    );
  });

  it("word backup monitors", () => {
    const m = { targetType: "backup-monitor", targetId: "m1" };
    expect(text(entry("recovery.monitor.create", { ...m, after: { component: "Redis", intervalSeconds: 86400, graceSeconds: 3600 } }))).toBe("Olive Owner added a backup monitor for Redis on CryptoPulse; Expected: every 1 d, grace 1 h");
    expect(text(entry("recovery.monitor.delete", { ...m, before: { component: "Redis", intervalSeconds: 86400, graceSeconds: 3600 } }))).toBe("Olive Owner removed the backup monitor of Redis from CryptoPulse");
    expect(text(entry("recovery.monitor.rotate", { ...m, after: { component: "Redis" } }))).toBe("Olive Owner replaced the ping URL of Redis on CryptoPulse");
    expect(text(entry("recovery.monitor.rotate", m))).toBe("Olive Owner replaced a ping URL on CryptoPulse");
  });
});

describe("services, checks and thresholds", () => {
  it("word a service's life, with only the settings that changed", () => {
    const fields = { name: "CryptoPulse", description: null, environment: "production", tier: "tier-1", tags: ["api"], owner: "owner@example.com", onCall: null, runbookUrl: null, repositoryUrl: null, archived: false };
    expect(text(entry("service.create", { after: { ...fields, slug: "cryptopulse", templates: ["cryptopulse"] } }))).toBe(
      "Olive Owner created the service CryptoPulse; Environment: production; Owner: owner@example.com; Templates: “CryptoPulse — Production checklist”",
    );
    expect(text(entry("service.update", { before: fields, after: { ...fields, tags: ["api", "payments"], runbookUrl: "https://wiki/run" } }))).toBe(
      "Olive Owner changed the settings of CryptoPulse; Tags: api → api, payments; Runbook: https://wiki/run",
    );
    expect(text(entry("service.archive", { before: fields, after: { ...fields, archived: true } }))).toBe("Olive Owner archived CryptoPulse");
    expect(text(entry("service.restore+update", { before: { ...fields, archived: true }, after: { ...fields, name: "CryptoPulse 2" } }))).toBe("Olive Owner restored CryptoPulse; Name: CryptoPulse → CryptoPulse 2");
    expect(text(entry("service.archive+update", { before: fields, after: { ...fields, archived: true, tier: "tier-2" } }))).toBe("Olive Owner archived CryptoPulse; Tier: tier-1 → tier-2");
    expect(text(entry("service.delete", { serviceId: "gone", before: { name: "Old API", slug: "old-api", archived: true } }))).toBe("Olive Owner deleted the service “Old API”");
    expect(text(entry("service.move", { before: { team: "platform", owner: "a@example.com" }, after: { team: "payments", owner: "b@example.com" } }))).toBe(
      "Olive Owner moved CryptoPulse from the team platform to payments; Owner: a@example.com → b@example.com",
    );
    expect(text(entry("service.template.apply", { after: { template: "cryptopulse", itemsAdded: 12 } }))).toBe("Olive Owner applied the template “CryptoPulse — Production checklist” to CryptoPulse; Items added: 12");
    expect(text(entry("service.template.remove", { before: { template: "trailbase" }, after: { itemsRemoved: 30, itemsKept: ["a", "b"] } }))).toBe(
      "Olive Owner removed the template “trailbase” from CryptoPulse; Items removed: 30; Items kept (they had a tick, note or evidence): 2",
    );
    expect(text(entry("service.template.resync", { after: { added: 2, updated: 0, archived: 1 } }))).toBe("Olive Owner brought the checklist of CryptoPulse up to date with its templates; Items added: 2; Items archived: 1");
    expect(text(entry("service.metrics_source", { before: { metricsUrl: null }, after: { metricsUrl: "https://api/metrics" } }))).toBe("Olive Owner set the metrics source of CryptoPulse; Metrics URL: https://api/metrics");
    expect(text(entry("service.metrics_source", { before: { metricsUrl: "https://api/metrics" }, after: { metricsUrl: null } }))).toBe("Olive Owner removed the metrics source of CryptoPulse; Was: https://api/metrics");
  });

  it("word health checks: added, paused, changed in units, removed", () => {
    const config = { name: "api", url: "https://api.example.com/health", method: "GET", expectedStatus: 200, timeoutMs: 5000, intervalSeconds: 60, enabled: true, headers: [] };
    const c = { targetType: "check", targetId: "chk_1" };
    expect(text(entry("check.create", { ...c, after: config }))).toBe("Olive Owner added the health check “api” to CryptoPulse; Probes: GET https://api.example.com/health every 1 min");
    expect(text(entry("check.update", { ...c, before: config, after: { ...config, enabled: false } }))).toBe("Olive Owner paused the health check “api” on CryptoPulse");
    expect(text(entry("check.update", { ...c, before: config, after: { ...config, timeoutMs: 2500, intervalSeconds: 300 } }))).toBe(
      "Olive Owner changed the health check “api” on CryptoPulse; Timeout: 5,000 ms → 2,500 ms; Interval: 1 min → 5 min",
    );
    expect(text(entry("check.delete", { ...c, targetId: "gone", before: config }))).toBe("Olive Owner removed the health check “api” from CryptoPulse");
  });

  it("word thresholds as rules with their units", () => {
    const rule = { metric: "error_rate_percent", label: "Error rate", unit: "%", comparator: "gt", limit: 1, sustainedSeconds: 300, severity: "critical", action: "", source: "probe", scrapeSeries: null };
    const t = { targetType: "threshold", targetId: "cryptopulse/error_rate_percent" };
    expect(text(entry("threshold.create", { ...t, after: rule }))).toBe("Olive Owner added the threshold “Error rate” to CryptoPulse; Rule: > 1 % for 5 min; Severity: critical");
    expect(text(entry("threshold.update", { ...t, before: rule, after: { ...rule, limit: 2, severity: "high" } }))).toBe(
      "Olive Owner changed the threshold “Error rate” on CryptoPulse; Rule: > 1 % for 5 min → > 2 % for 5 min; Severity: critical → high",
    );
    expect(text(entry("threshold.delete", { ...t, before: rule }))).toBe("Olive Owner removed the threshold “Error rate” from CryptoPulse; Rule: > 1 % for 5 min");
    expect(text(entry("threshold.create", { after: { recommendedSet: "cryptopulse", metrics: ["cpu_percent", "disk_percent"] } }))).toBe(
      "Olive Owner added 2 recommended thresholds to CryptoPulse; Metrics: cpu_percent, disk_percent",
    );
  });
});

describe("reviews, teams, members, invitations, tokens and templates", () => {
  it("word reviews", () => {
    const r = { targetType: "review", targetId: "rv1" };
    expect(text(entry("review.request", r))).toBe("Olive Owner asked for a review of CryptoPulse");
    expect(text(entry("review.decide", { ...r, before: { status: "requested" }, after: { status: "approved", comment: "Ship it", scoreAtDecision: 92 } }))).toBe(
      "Olive Owner approved CryptoPulse for production; Comment: Ship it; Readiness score: 92",
    );
    expect(text(entry("review.decide", { ...r, after: { status: "changes_requested", comment: "Add backups", scoreAtDecision: 46, openBlockers: 14 } }))).toBe(
      "Olive Owner requested changes to CryptoPulse; Comment: Add backups; Readiness score: 46; Open blockers: 14",
    );
    expect(text(entry("review.withdraw", { ...r, before: { status: "requested" }, after: { status: "withdrawn" } }))).toBe("Olive Owner withdrew the review request of CryptoPulse");
  });

  it("word team entries", () => {
    const t = { serviceId: null, targetType: "team", targetId: "platform" };
    expect(text(entry("team.create", { ...t, after: { name: "Platform", slug: "platform", owner: "owner@example.com" } }))).toBe("Olive Owner created the team “Platform”; Owner: owner@example.com");
    expect(text(entry("team.rename", { ...t, before: { name: "Platform" }, after: { name: "Platform team" } }))).toBe("Olive Owner renamed the team “Platform” to “Platform team”");
    expect(text(entry("team.delete", { ...t, before: { name: "Platform", slug: "platform" } }))).toBe("Olive Owner deleted the team “Platform”");
    expect(text(entry("team.archive", { ...t, before: { name: "Platform" }, after: { archivedAt: "2026-12-01T10:00:00.000Z", services: ["a", "b"] } }))).toBe(
      "Olive Owner archived the team “Platform” with its 2 services; Services: a, b",
    );
    expect(text(entry("team.badges", { ...t, before: { publicBadges: false }, after: { publicBadges: true } }))).toBe(
      "Olive Owner turned public badges on (anyone with a badge URL sees a service's readiness, health and uptime)",
    );
    expect(text(entry("team.badges", { ...t, before: { publicBadges: true }, after: { publicBadges: false } }))).toBe("Olive Owner turned public badges off");
    const m = { serviceId: null, targetType: "membership", targetId: "m1" };
    expect(text(entry("member.role", { ...m, before: { email: "eddie@example.com", role: "editor" }, after: { email: "eddie@example.com", role: "owner" } }))).toBe(
      "Olive Owner changed the role of eddie@example.com from editor to owner",
    );
    expect(text(entry("member.remove", { ...m, before: { email: "eddie@example.com", role: "editor" } }))).toBe("Olive Owner removed eddie@example.com (editor) from the team");
  });

  it("word invitations and tokens, with dates in the one style", () => {
    const i = { serviceId: null, targetType: "invitation", targetId: "inv_1" };
    expect(text(entry("invitation.create", { ...i, after: { email: "new@example.org", role: "viewer", expiresAt: "2026-12-04T10:00:00.000Z" } }))).toBe(
      "Olive Owner invited new@example.org as viewer; Expires: 4 Dec 2026, 10:00 UTC",
    );
    expect(text(entry("invitation.revoke", { ...i, before: { status: "pending" }, after: { status: "revoked", email: "new@example.org", reason: "replaced by a new invitation" } }))).toBe(
      "Olive Owner revoked the invitation of new@example.org; Why: replaced by a new invitation",
    );
    expect(text(entry("invitation.resend", { ...i, before: { expiresAt: "2026-12-04T10:00:00.000Z" }, after: { expiresAt: "2026-12-08T10:00:00.000Z" } }))).toBe(
      "Olive Owner sent the invitation of new@example.org again; Now expires: 8 Dec 2026, 10:00 UTC",
    );
    expect(text(entry("invitation.accept", { ...i, actorUserId: null, actorEmail: "new@example.org", after: { email: "new@example.org", role: "viewer", membership: "created" } }))).toBe(
      "new@example.org accepted the invitation and joined as viewer",
    );
    const t = { serviceId: null, targetType: "api_token", targetId: "tok_1" };
    expect(text(entry("token.create", { ...t, after: { name: "ci", role: "editor", prefix: "pfa_abcd", expiresAt: null } }))).toBe("Olive Owner created the API token “ci” (editor); Expires: never");
    expect(text(entry("token.revoke", { ...t, actorEmail: "cli", actorUserId: null, via: "system", after: { prefix: "pfa_abcd", status: "revoked" } }))).toBe("The command line revoked the API token “ci”");
    expect(text(entry("token.revoke", { ...t, targetId: "gone", after: { prefix: "pfa_abcd", status: "revoked" } }))).toBe("Olive Owner revoked the API token pfa_abcd…");
  });

  it("word template imports", () => {
    const t = { serviceId: null, targetType: "template", targetId: "cryptopulse" };
    expect(text(entry("template.import", { ...t, after: { itemsAdded: 74, itemsUpdated: 0, itemsArchived: 0, servicesResynced: 0 } }))).toBe(
      "Olive Owner imported the template “CryptoPulse — Production checklist”; Items added: 74; Items updated: 0; Items archived: 0; Services resynced: 0",
    );
    expect(text(entry("template.update", { ...t, targetId: "other", after: { itemsAdded: 1 } }))).toBe("Olive Owner updated the template “other”; Items added: 1");
  });
});

describe("an action nobody taught the wording", () => {
  it("reads as its name in words, its item and service, and what changed in units", () => {
    expect(
      text(entry("checklist.bulk_update", { targetType: "checklist_item", targetId: "cryptopulse/tls-everywhere", before: { state: "open", version: 3, timeoutSeconds: 60 }, after: { state: "done", version: 4, timeoutSeconds: 900 } })),
    ).toBe("Olive Owner recorded “checklist bulk update” for “TLS everywhere” on CryptoPulse; State: open → done; Timeout: 1 min → 15 min");
    expect(text(entry("ui.test", { serviceId: null, targetType: "service", targetId: "x", after: { sizeBytes: 199_229_440, note: "" } }))).toBe("Olive Owner recorded “ui test”; Size: 190 MiB");
    expect(text(entry("something.new", { actorUserId: "unknown-user", actorEmail: "someone@example.com", serviceId: null }))).toBe("someone@example.com recorded “something new”");
  });
});

describe("every action the code records has its own wording", () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
      return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
    });
  }

  it("finds each action string of lib/, app/ and scripts/ among the described ones", () => {
    const literal = /["'`]((?:checklist|check|service|threshold|recovery|review|team|member|invitation|token|template)\.[a-z_.]+(?:\+update)?)["'`]/g;
    const recorded = new Set<string>();
    for (const file of ["lib", "app", "scripts"].flatMap((d) => sources(d))) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!/action|AuditEvent|checklist_item/.test(line)) continue;
        for (const m of line.matchAll(literal)) recorded.add(m[1]!);
      }
    }
    // lib/services/manage.ts adds "+update" to an archive or restore that also edits fields.
    for (const a of ["service.archive", "service.restore"]) if (recorded.has(a)) recorded.add(`${a}+update`);
    expect(recorded.size).toBeGreaterThan(30);
    expect([...recorded].filter((a) => !DESCRIBED_ACTIONS.includes(a)).sort()).toEqual([]);
  });
});

describe("field labels and values", () => {
  it("read field names and values in words and units", () => {
    expect([fieldLabel("rtoSeconds"), fieldLabel("itemsAdded"), fieldLabel("evidenceUrl"), fieldLabel("drillIntervalDays"), fieldLabel("sizeBytes")]).toEqual(["RTO", "Items added", "Evidence link", "Drill every", "Size"]);
    expect(formatField("rtoSeconds", 900)).toBe("15 min");
    expect(formatField("sizeBytes", 1536)).toBe("1.5 KiB");
    expect(formatField("expiresAt", "2026-12-04T10:00:00.000Z")).toBe("4 Dec 2026, 10:00 UTC");
    expect(formatField("enabled", false)).toBe("no");
    expect(formatField("note", null)).toBe("none");
    expect(formatField("headers", [{ name: "X-Key", env: "PROBE_SECRET_KEY" }])).toBe("X-Key");
    expect(detailText({ label: "RTO", from: "10 min", to: "15 min" })).toBe("RTO: 10 min → 15 min");
  });

  it("sizes read in binary units with at most three significant digits", () => {
    expect([formatBytes(null), formatBytes(0), formatBytes(512), formatBytes(12_900), formatBytes(199_229_440), formatBytes(1.25 * 1024 ** 3), formatBytes(5 * 1024 ** 4)]).toEqual([
      "—",
      "0 B",
      "512 B",
      "12.6 KiB",
      "190 MiB",
      "1.3 GiB",
      "5.0 TiB",
    ]);
  });
});
