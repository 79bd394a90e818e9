/**
 * The names a page of audit entries shows, loaded in one batch (one query per kind of thing, only for
 * the kinds the page refers to, all at once) rather than one lookup per row.
 */
import { db } from "@/lib/db";
import { auditReferences, type AuditEntryView, type AuditNames } from "./describe";

const none = <T>(): Promise<T[]> => Promise.resolve([]);

export async function loadAuditNames(entries: readonly AuditEntryView[]): Promise<AuditNames> {
  const refs = auditReferences(entries);
  const itemServices = [...refs.items.keys()];
  const itemKeys = [...new Set([...refs.items.values()].flatMap((keys) => [...keys]))];
  const [users, services, items, checks, tokens, invitations, recoveryEvents, templates] = await Promise.all([
    refs.users.size ? db.user.findMany({ where: { id: { in: [...refs.users] } }, select: { id: true, name: true, email: true } }) : none<{ id: string; name: string | null; email: string }>(),
    refs.services.size ? db.service.findMany({ where: { id: { in: [...refs.services] } }, select: { id: true, name: true, slug: true } }) : none<{ id: string; name: string; slug: string }>(),
    itemKeys.length
      ? db.serviceChecklistItem.findMany({ where: { serviceId: { in: itemServices }, key: { in: itemKeys } }, select: { serviceId: true, key: true, title: true } })
      : none<{ serviceId: string; key: string; title: string }>(),
    refs.checks.size ? db.healthCheck.findMany({ where: { id: { in: [...refs.checks] } }, select: { id: true, name: true } }) : none<{ id: string; name: string }>(),
    refs.tokens.size ? db.apiToken.findMany({ where: { id: { in: [...refs.tokens] } }, select: { id: true, name: true } }) : none<{ id: string; name: string }>(),
    refs.invitations.size ? db.invitation.findMany({ where: { id: { in: [...refs.invitations] } }, select: { id: true, email: true } }) : none<{ id: string; email: string }>(),
    refs.recoveryEvents.size
      ? db.recoveryEvent.findMany({ where: { id: { in: [...refs.recoveryEvents] } }, select: { id: true, kind: true, component: true, finishedAt: true } })
      : none<{ id: string; kind: string; component: string; finishedAt: Date | null }>(),
    refs.templates.size ? db.checklistTemplate.findMany({ where: { key: { in: [...refs.templates] } }, select: { key: true, name: true } }) : none<{ key: string; name: string }>(),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name ?? u.email])),
    services: new Map(services.map((s) => [s.id, { name: s.name, slug: s.slug }])),
    items: new Map(items.map((i) => [`${i.serviceId}/${i.key}`, i.title])),
    checks: new Map(checks.map((c) => [c.id, c.name])),
    tokens: new Map(tokens.map((t) => [t.id, t.name])),
    invitations: new Map(invitations.map((i) => [i.id, i.email])),
    recoveryEvents: new Map(recoveryEvents.map((r) => [r.id, { kind: r.kind, component: r.component, finishedAt: r.finishedAt }])),
    templates: new Map(templates.map((t) => [t.key, t.name])),
  };
}
