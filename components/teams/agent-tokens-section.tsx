import { ActionForm } from "@/components/ui/action-form";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { TextField } from "@/components/ui/field";
import { Status } from "@/components/ui/status";
import { Table } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { publicAgentToken } from "@/lib/agents/tokens";
import type { AgentToken } from "@/lib/generated/prisma/client";
import type { FormState } from "@/lib/http/form-state";
import { AGENT_STATUS } from "@/lib/status/present";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** Probe agents of the team (owners): create a token per location, see which agents poll, revoke. */
export function AgentTokensSection({ tokens, now, create, revoke }: { tokens: AgentToken[]; now: Date; create: Action; revoke: (id: string) => Action }) {
  return (
    <section aria-labelledby="agent-tokens" className="space-y-3">
      <h2 id="agent-tokens" className="text-lg font-semibold">Probe agents</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        An agent probes this team&apos;s checks that list its location, from its own network. The token is shown once and stored hashed; an
        agent that has not polled for 75 seconds (three poll times) is shown offline.
      </p>
      <pre className="whitespace-pre-wrap break-words rounded border border-zinc-200 p-2 text-xs dark:border-zinc-800">
        <code>npm run agent -- --url &lt;this server&gt; --token &lt;token&gt; --location &lt;name&gt;</code>
      </pre>
      <ActionForm action={create} submitLabel="Create agent token" className="max-w-md">
        <TextField label="Location" name="location" id="agent-location" required placeholder="eu-west" />
        <TextField label="Name (optional)" name="name" id="agent-name" placeholder="Frankfurt rack 2" />
      </ActionForm>
      {tokens.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No probe agents yet: every check is probed from this server.</p>
      ) : (
        <Table caption="Probe agents of this team" columns={["Name", "Location", "Starts with", "Last poll", "Status", { label: "Revoke", srOnly: true }]}>
          {tokens.map((t) => {
            const p = publicAgentToken(t, now);
            return (
              <tr key={t.id}>
                <td className="py-2 pr-3 font-medium">{t.name}</td>
                <td className="py-2 pr-3 font-mono">{t.location}</td>
                <td className="py-2 pr-3 font-mono">{t.prefix}…</td>
                <td className="whitespace-nowrap py-2 pr-3">{p.lastSeenAt ? <RelativeTime at={p.lastSeenAt} now={now} /> : "Never"}</td>
                <td className="py-2 pr-3">
                  <Status status={AGENT_STATUS[p.status]} />
                </td>
                <td className="py-2">
                  {p.status !== "revoked" ? (
                    <ConfirmAction label={`Revoke agent ${t.name} (starts with ${t.prefix})…`} action={revoke(t.id)} confirmLabel={`Revoke agent ${t.name} (starts with ${t.prefix})`}>
                      The agent gets 401 from then on, and the checks it holds go back to the pool.
                    </ConfirmAction>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}
