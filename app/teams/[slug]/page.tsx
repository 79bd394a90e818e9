import type { Metadata } from "next";
import { teamTitle } from "@/lib/pages/titles";
import { Table } from "@/components/ui/table";
import { TeamNav } from "@/components/teams/team-nav";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Badge } from "@/components/ui/badge";
import { SelectField, TextField } from "@/components/ui/field";
import { Status } from "@/components/ui/status";
import { DateTime } from "@/components/ui/time";
import { can, invitableRolesOf } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/permissions";
import { invitationStatus, listInvitations } from "@/lib/teams/invitations";
import { listMembers } from "@/lib/teams/members";
import { INVITATION_STATUS } from "@/lib/status/present";
import { loadTeamPage } from "@/lib/teams/page-data";
import { renameTeamAction } from "../actions";
import { reviewSettings } from "@/lib/reviews/review-teams";
import { addReviewTeamAction, changeRoleAction, inviteAction, removeMemberAction, removeReviewTeamAction, resendInvitationAction, revokeInvitationAction, setPublicBadgesAction, setReviewTierAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: await teamTitle(slug) };
}

export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, team, role } = await loadTeamPage(slug, `/teams/${slug}`);
  const isOwner = can(actor, team.id, "members:manage");
  const canInvite = can(actor, team.id, "invitations:create");
  const canManageReviews = can(actor, team.id, "review-teams:manage");
  const [members, invitations, reviews] = await Promise.all([
    listMembers(team.id),
    canInvite ? listInvitations(team.id, { openOnly: true }) : Promise.resolve([]),
    reviewSettings(team.id),
  ]);
  const now = new Date();

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Team {team.name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Your role: <strong>{role}</strong>
        </p>
        <TeamNav slug={slug} current="members" isOwner={isOwner} canReadAlerts={can(actor, team.id, "alerts:read")} />
      </div>

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members ({members.length})
        </h2>
        <Table caption="Team members and their roles" stackOnPhone columns={["Member", "Role", ...(isOwner ? [{ label: "Remove", srOnly: true }] : [])]}>
          {members.map((m) => (
            <tr key={m.id}>
              <td className="py-2 pr-4">
                {m.user.name ? <span className="font-medium">{m.user.name} </span> : null}
                {/* Its own line on a phone, so an address breaks only when it is wider than the screen. */}
                <span className="break-words text-zinc-600 max-sm:block dark:text-zinc-400">{m.user.email}</span>
                {m.userId === actor.userId ? <span className="ml-2"><Badge>you</Badge></span> : null}
              </td>
              <td className="py-2 pr-4">
                {isOwner ? (
                  // The row already names the member: the label is for screen readers ("Role for a@b.c"),
                  // and the button says whose role it saves.
                  <ActionForm action={changeRoleAction.bind(null, slug, m.userId)} submitLabel="Save role" submitAriaLabel={`Save role for ${m.user.email}`} variant="secondary" inline resetOnRefusal>
                    <SelectField label={`Role for ${m.user.email}`} labelHidden name="role" id={`role-${m.id}`} defaultValue={m.role}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>{r}</option>
                      ))}
                    </SelectField>
                  </ActionForm>
                ) : (
                  m.role
                )}
              </td>
              {isOwner ? (
                <td className="py-2">
                  <ConfirmAction label={`Remove ${m.user.email}…`} action={removeMemberAction.bind(null, slug, m.userId)} confirmLabel={`Remove ${m.user.email}`}>
                    {m.user.email} loses access to the team and their API tokens are revoked.
                  </ConfirmAction>
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      </section>

      {canInvite ? (
        <section aria-labelledby="invite-heading" className="space-y-3">
          <h2 id="invite-heading" className="text-lg font-semibold">Invite someone</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The invitation link works once and expires after 7 days.
            {role === "editor" ? " As an editor you can invite reviewers and viewers." : ""}
          </p>
          <ActionForm action={inviteAction.bind(null, slug)} submitLabel="Send invitation" pendingLabel="Sending…" className="max-w-md">
            <TextField label="Email" name="email" id="invite-email" type="email" required autoComplete="off" />
            <SelectField label="Role" name="role" id="invite-role" defaultValue="reviewer">
              {invitableRolesOf(actor, team.id).map((r) => (
                <option key={r} value={r}>{r}</option>
              ))}
            </SelectField>
          </ActionForm>

          <h3 className="pt-2 font-semibold">Pending invitations</h3>
          {invitations.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No pending invitations.</p>
          ) : (
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {invitations.map((inv) => {
                const status = invitationStatus(inv, now);
                return (
                  <li key={inv.id} className="flex flex-wrap items-center gap-3 p-3 text-sm">
                    <span className="min-w-0 break-words font-medium">{inv.email}</span>
                    <Badge>{inv.role}</Badge>
                    {status === "expired" ? (
                      <Status status={INVITATION_STATUS.expired} />
                    ) : (
                      <Status status={INVITATION_STATUS.pending}>
                        <span>
                          Expires <DateTime at={inv.expiresAt} dateOnly />
                        </span>
                      </Status>
                    )}
                    {isOwner ? (
                      <span className="ml-auto flex min-w-0 flex-wrap items-start gap-2">
                        <ActionForm action={resendInvitationAction.bind(null, slug, inv.id)} submitLabel={`Resend to ${inv.email}`} variant="secondary" inline />
                        <ConfirmAction label={`Revoke invitation for ${inv.email}…`} action={revokeInvitationAction.bind(null, slug, inv.id)} confirmLabel={`Revoke ${inv.email}`}>
                          The link sent to {inv.email} stops working.
                        </ConfirmAction>
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
      <section aria-labelledby="history-heading" className="space-y-2">
        <h2 id="history-heading" className="text-lg font-semibold">Readiness history</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every service&apos;s score, level, blockers and waivers once a day (UTC).{" "}
          <a href={`/api/v1/teams/${team.slug}/history/export?days=90`} download className="text-sky-700 underline dark:text-sky-400">
            Download CSV, last 90 days
          </a>{" "}
          ·{" "}
          <a href={`/api/v1/teams/${team.slug}/history/export?days=400`} download className="text-sky-700 underline dark:text-sky-400">
            last 400 days
          </a>
        </p>
      </section>
      <section aria-labelledby="reviews-heading" className="space-y-3">
        <h2 id="reviews-heading" className="text-lg font-semibold">Reviews</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {reviews.reviewRequiredUpToTier === 0
            ? "No tier needs an approved review to be ready."
            : `Services of tier 1${reviews.reviewRequiredUpToTier > 1 ? `–${reviews.reviewRequiredUpToTier}` : ""} need an approved, current review to be ready; an approval goes stale when a required item is unticked, the tier becomes more critical or a critical threshold breaches.`}
        </p>
        {canManageReviews ? (
          <ActionForm action={setReviewTierAction.bind(null, slug)} submitLabel="Save review tier" variant="secondary" className="max-w-md">
            <SelectField label="An approved review is needed up to" name="reviewRequiredUpToTier" id="review-tier" defaultValue={String(reviews.reviewRequiredUpToTier)}>
              <option value="0">no tier</option>
              <option value="1">tier 1 (most critical)</option>
              <option value="2">tier 2</option>
              <option value="3">tier 3</option>
              <option value="4">tier 4 (every tier)</option>
            </SelectField>
          </ActionForm>
        ) : null}
        <h3 className="pt-2 font-semibold">Review teams</h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Owners and reviewers of these teams may decide this team&apos;s reviews, besides its own.</p>
        {reviews.reviewTeams.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No review teams.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {reviews.reviewTeams.map((t) => (
              <li key={t.slug} className="flex flex-wrap items-center gap-3 p-3 text-sm">
                <span className="min-w-0 break-all font-medium">{t.name}</span>
                <Badge>{t.slug}</Badge>
                {canManageReviews ? (
                  <span className="ml-auto">
                    <ConfirmAction label={`Remove review team ${t.name}…`} action={removeReviewTeamAction.bind(null, slug, t.slug)} confirmLabel={`Remove ${t.name}`}>
                      Members of {t.name} can no longer decide this team&apos;s reviews.
                    </ConfirmAction>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canManageReviews ? (
          <ActionForm action={addReviewTeamAction.bind(null, slug)} submitLabel="Add review team" variant="secondary" className="max-w-md">
            <TextField label="Team slug" name="team" id="review-team" required maxLength={100} hint="The slug of the team whose owners and reviewers should decide reviews, such as sre." />
          </ActionForm>
        ) : null}
      </section>
      <section aria-labelledby="badges-heading" className="space-y-3">
        <h2 id="badges-heading" className="scroll-mt-4 text-lg font-semibold">Public badges</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {team.publicBadges
            ? "On: anyone with a badge URL sees a service's readiness, health and uptime as an image for a README (no sign-in, nothing else). Each service page shows its Markdown."
            : "Off: badge URLs of this team's services answer 404, as for a service that does not exist."}
        </p>
        {can(actor, team.id, "badges:manage") ? (
          <ActionForm action={setPublicBadgesAction.bind(null, slug)} submitLabel={team.publicBadges ? "Turn public badges off" : "Turn public badges on"} variant="secondary" className="max-w-md">
            <input type="hidden" name="publicBadges" value={team.publicBadges ? "off" : "on"} />
          </ActionForm>
        ) : null}
      </section>
      {can(actor, team.id, "team:rename") ? (
        <section aria-labelledby="rename-heading" className="space-y-3">
          <h2 id="rename-heading" className="text-lg font-semibold">Team name</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Owners rename the team; its slug ({team.slug}) and URLs stay. Only an instance admin deletes a team.</p>
          <ActionForm action={renameTeamAction.bind(null, slug)} submitLabel="Rename team" variant="secondary" className="max-w-md">
            <TextField label="Name" name="name" id="team-name" required maxLength={100} defaultValue={team.name} />
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
