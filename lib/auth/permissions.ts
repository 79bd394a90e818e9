/**
 * The one permission module: role × action. Every server action, route handler and page asks here.
 * See docs/permissions.md for the table in prose.
 */
import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["owner", "editor", "reviewer", "viewer"] as const satisfies readonly Role[];

const ALL: readonly Role[] = ROLES;
const OWNER: readonly Role[] = ["owner"];
const EDITORS: readonly Role[] = ["owner", "editor"];

export const PERMISSIONS = {
  "team:read": ALL,
  // Creating and deleting teams is for instance admins only (isInstanceAdmin in lib/auth/actor.ts), not a role.
  "team:rename": OWNER,
  "service:create": EDITORS,
  "service:update": EDITORS,
  "service:delete": OWNER,
  /** archive and restore: hidden from everyone's board, so owners only */
  "service:archive": OWNER,
  /** move to another team: the owner role is needed in both teams */
  "service:move": OWNER,
  "checklist:edit": EDITORS,
  /** a note on an item that leaves its state alone: reviewers too, so they can say what they saw */
  "checklist:comment": ["owner", "editor", "reviewer"],
  "template:apply": EDITORS,
  "template:import": OWNER,
  "checks:manage": EDITORS,
  "thresholds:manage": EDITORS,
  "metrics:push": EDITORS,
  "recovery:write": EDITORS,
  "review:request": EDITORS,
  /**
   * Also across teams: a team may name review teams (lib/reviews/review-teams.ts); whoever may `review:decide`
   * in a review team may decide the named team's reviews — that one action only: every other read or write of
   * the named team's services stays with its own members (404 to anyone else).
   */
  "review:decide": ["owner", "reviewer"],
  /** name the teams whose owners and reviewers may decide this team's reviews, and the tiers that need one */
  "review-teams:manage": OWNER,
  /** a required item's waiver: never by whoever asked for it (lib/checklists/waivers.ts) */
  "waiver:decide": ["owner", "reviewer"],
  "members:manage": OWNER,
  /** public README badges of the team's services (no session needed to read them once on) */
  "badges:manage": OWNER,
  "invitations:create": EDITORS,
  "invitations:manage": OWNER,
  "tokens:create": ALL,
  "tokens:manage": OWNER,
  "audit:read": OWNER,
  /** alert channels: owners add, change and delete them; editors see them (never their URLs or secrets) */
  "alerts:manage": OWNER,
  "alerts:read": EDITORS,
  /** maintenance windows of a service: they silence its check alerts, so the editors who run it */
  "maintenance:manage": EDITORS,
  /** publish the team's public status page, its title and services: what the world sees, so owners */
  "status-page:manage": OWNER,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function roleCan(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** The roles that may do `action`, in words, for refusals: "owner or editor". */
export function rolesThatCan(action: Action): string {
  const roles = PERMISSIONS[action] as readonly Role[];
  return roles.length === 1 ? roles[0]! : `${roles.slice(0, -1).join(", ")} or ${roles.at(-1)}`;
}

/** Roles an inviter may hand out: owners any, editors only reviewer and viewer. */
export function invitableRoles(inviter: Role): Role[] {
  if (inviter === "owner") return [...ROLES];
  if (inviter === "editor") return ["reviewer", "viewer"];
  return [];
}

/** A token may carry a role only if it grants nothing its creator's role does not. */
export function tokenRolesFor(creator: Role): Role[] {
  return ROLES.filter((candidate) =>
    (Object.keys(PERMISSIONS) as Action[]).every((a) => !roleCan(candidate, a) || roleCan(creator, a)),
  );
}

export function describeRole(role: Role): string {
  return {
    owner: "Owner — everything, including members, tokens and deletion",
    editor: "Editor — services, checklists, checks, thresholds and the recovery log",
    reviewer: "Reviewer — reads everything, comments on checklist items, approves or requests changes",
    viewer: "Viewer — read only",
  }[role];
}
