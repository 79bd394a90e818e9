import type { Metadata } from "next";
import { teamTitle } from "@/lib/pages/titles";
import { Table } from "@/components/ui/table";
import { TeamNav } from "@/components/teams/team-nav";
import { ActionForm } from "@/components/ui/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { SelectField, TextField } from "@/components/ui/field";
import { Status } from "@/components/ui/status";
import { DateTime, RelativeTime } from "@/components/ui/time";
import { can } from "@/lib/auth/actor";
import { tokenRolesFor } from "@/lib/auth/permissions";
import { TOKEN_STATUS } from "@/lib/status/present";
import { listApiTokens, publicToken } from "@/lib/teams/api-tokens";
import { loadTeamPage } from "@/lib/teams/page-data";
import { AgentTokensSection } from "@/components/teams/agent-tokens-section";
import { listAgentTokens } from "@/lib/agents/tokens";
import { createAgentTokenAction, createTokenAction, revokeAgentTokenAction, revokeTokenAction } from "../actions";

export const dynamic = "force-dynamic";
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  return { title: await teamTitle(slug, "API tokens") };
}

export default async function TokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { actor, team, role } = await loadTeamPage(slug, `/teams/${slug}/tokens`);
  const isOwner = can(actor, team.id, "members:manage");
  const tokens = await listApiTokens(actor, team.id);
  const agentTokens = can(actor, team.id, "tokens:manage") ? await listAgentTokens(actor, team.id) : null;
  const now = new Date();

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Team {team.name}</h1>
        <TeamNav slug={slug} current="tokens" isOwner={isOwner} canReadAlerts={can(actor, team.id, "alerts:read")} />
      </div>
      <section aria-labelledby="new-token" className="space-y-3">
        <h2 id="new-token" className="text-lg font-semibold">New API token</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Use it as <code>Authorization: Bearer &lt;token&gt;</code> against <code>/api/v1/</code>. It acts for you in team{" "}
          {team.name} only, with a role no higher than yours. It is shown once and stored hashed.
        </p>
        <ActionForm action={createTokenAction.bind(null, slug)} submitLabel="Create token" className="max-w-md">
          <TextField label="Name" name="name" id="token-name" required placeholder="CI deploy gate" />
          <SelectField label="Role" name="role" id="token-role" defaultValue={role === "owner" ? "editor" : role}>
            {tokenRolesFor(role).map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </SelectField>
          <TextField label="Expires after (days, optional)" name="expiresInDays" id="token-expiry" type="number" min={1} max={3650} />
        </ActionForm>
      </section>
      <section aria-labelledby="token-list" className="space-y-3">
        <h2 id="token-list" className="text-lg font-semibold">{isOwner ? "Tokens of this team" : "Your tokens"}</h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No tokens yet.</p>
        ) : (
          <Table caption={isOwner ? "API tokens of this team" : "Your API tokens"} columns={["Name", "Owner", "Role", "Starts with", "Last used", "Status", { label: "Revoke", srOnly: true }]}>
            {tokens.map((t) => {
              const p = publicToken(t, now);
              return (
                <tr key={t.id}>
                  <td className="py-2 pr-3 font-medium">{t.name}</td>
                  <td className="py-2 pr-3">{t.user.email}</td>
                  <td className="py-2 pr-3">{t.role}</td>
                  <td className="py-2 pr-3 font-mono">{t.prefix}…</td>
                  <td className="whitespace-nowrap py-2 pr-3">{p.lastUsedAt ? <RelativeTime at={p.lastUsedAt} now={now} /> : "Never"}</td>
                  <td className="py-2 pr-3">
                    <Status status={TOKEN_STATUS[p.status]}>
                      {p.status === "active" && p.expiresAt ? (
                        <span>
                          Active until <DateTime at={p.expiresAt} dateOnly />
                        </span>
                      ) : undefined}
                    </Status>
                  </td>
                  <td className="py-2">
                    {p.status === "active" ? (
                      // Names may repeat (two pipelines' "CI" tokens): the prefix tells the controls apart.
                      <ConfirmAction label={`Revoke ${t.name} (starts with ${t.prefix})…`} action={revokeTokenAction.bind(null, slug, t.id)} confirmLabel={`Revoke ${t.name} (starts with ${t.prefix})`}>
                        Anything using {t.name} gets 401 from then on.
                      </ConfirmAction>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </Table>
        )}
      </section>
      {agentTokens ? (
        <AgentTokensSection
          tokens={agentTokens}
          now={now}
          create={createAgentTokenAction.bind(null, slug)}
          revoke={(id) => revokeAgentTokenAction.bind(null, slug, id)}
        />
      ) : null}
    </div>
  );
}
