import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Status } from "@/components/ui/status";
import { RelativeTime } from "@/components/ui/time";
import { deleteChannelAction, rotateSecretAction, sendTestAction, setChannelEnabledAction } from "@/app/teams/[slug]/notifications/actions";
import type { PublicChannel, PublicDelivery } from "@/lib/alerts/channel-public";
import type { RuleLine } from "@/lib/alerts/channel-rules";
import { CHANNEL_TYPE_LABELS } from "@/lib/alerts/channel-schemas";
import { CHANNEL_ENABLED } from "@/lib/status/present";
import { DeliveryList } from "./delivery-list";

const SIGNING_SECRET_LABELS = { field: "New signing secret (shown once)", copy: "Copy signing secret" };

/** ✓ last delivered …, ✕ last error …, N queued; or that nothing was sent yet. */
function ChannelHealth({ channel, now }: { channel: PublicChannel; now: Date }) {
  const { lastSuccessAt, lastFailureAt, lastError, queued } = channel.status;
  if (!lastSuccessAt && !lastFailureAt && queued === 0) return <Status status={{ tone: "neutral", text: "Nothing sent yet" }} variant="text" />;
  return (
    <span className="flex flex-wrap gap-x-4 gap-y-1">
      {lastSuccessAt ? (
        <Status status={{ tone: "good" }} variant="text">
          <span>
            Last delivered <RelativeTime at={lastSuccessAt} now={now} />
          </span>
        </Status>
      ) : null}
      {lastFailureAt ? (
        <Status status={{ tone: "bad" }} variant="text">
          <span className="break-words">
            Last error <RelativeTime at={lastFailureAt} now={now} />
            {lastError ? `: ${lastError}` : ""}
          </span>
        </Status>
      ) : null}
      {queued > 0 ? (
        <Status status={{ tone: "neutral" }} variant="text">
          {queued} queued
        </Status>
      ) : null}
    </span>
  );
}

/** One channel: its rules in words, how its deliveries are going, its last deliveries, and (owners) its controls. */
/** `about`: the deliveries are those about this service only (the page's ?service= filter). */
export function ChannelCard({
  slug,
  channel,
  rules,
  deliveries,
  canManage,
  now,
  about,
}: {
  slug: string;
  channel: PublicChannel;
  rules: RuleLine[];
  deliveries: PublicDelivery[];
  canManage: boolean;
  now: Date;
  about?: string;
}) {
  const headingId = `channel-${channel.id}`;
  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="min-w-0 break-words text-base font-semibold">
            {channel.name}
          </h3>
          <Badge>{CHANNEL_TYPE_LABELS[channel.type]}</Badge>
          <Status status={CHANNEL_ENABLED[channel.enabled ? "enabled" : "disabled"]} />
        </div>
        <p className="text-sm">
          <ChannelHealth channel={channel} now={now} />
        </p>
      </header>
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {rules.map((r) => (
          <div key={r.term} className="contents">
            <dt className="font-medium text-zinc-600 dark:text-zinc-400">{r.term}</dt>
            <dd className="mb-1 min-w-0 break-words sm:mb-0">{r.text}</dd>
          </div>
        ))}
      </dl>
      {canManage ? (
        <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
          <ActionForm action={sendTestAction.bind(null, slug, channel.id)} submitLabel="Send test" submitAriaLabel={`Send test to ${channel.name}`} pendingLabel="Sending…" variant="secondary" inline />
          <Link href={`/teams/${slug}/notifications?edit=${channel.id}#edit-channel`} className="py-1.5 text-sm text-sky-700 underline dark:text-sky-400" aria-label={`Edit ${channel.name}`}>
            Edit
          </Link>
          <ActionForm
            action={setChannelEnabledAction.bind(null, slug, channel.id, !channel.enabled)}
            submitLabel={channel.enabled ? "Disable" : "Enable"}
            submitAriaLabel={`${channel.enabled ? "Disable" : "Enable"} ${channel.name}`}
            variant="secondary"
            inline
          />
        </div>
      ) : null}
      <section aria-labelledby={`${headingId}-deliveries`} className="space-y-2">
        <h4 id={`${headingId}-deliveries`} className="text-sm font-semibold">
          {about ? `Last deliveries about ${about}` : "Last deliveries"}
        </h4>
        <DeliveryList channelName={channel.name} deliveries={deliveries} now={now} empty={about ? `Nothing sent about ${about}.` : undefined} />
      </section>
      {canManage ? (
        <div className="flex flex-wrap gap-x-6 gap-y-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
          {channel.type === "webhook" ? (
            <ConfirmAction label={`Rotate the signing secret of ${channel.name}…`} action={rotateSecretAction.bind(null, slug, channel.id)} confirmLabel="Rotate secret" secretLabels={SIGNING_SECRET_LABELS}>
              A new secret signs every request from now on; receivers that check the old one refuse them until you give them the new one.
            </ConfirmAction>
          ) : null}
          <ConfirmAction label={`Delete ${channel.name}…`} action={deleteChannelAction.bind(null, slug, channel.id)} confirmLabel={`Delete ${channel.name}`}>
            {channel.name} gets no more alerts; its queued deliveries are dropped.
          </ConfirmAction>
        </div>
      ) : null}
    </article>
  );
}
