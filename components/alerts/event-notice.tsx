/** Who an alert event reached (the service page's incidents, the threshold and recovery pages). */
import Link from "next/link";
import { Status } from "@/components/ui/status";
import { DateTime } from "@/components/ui/time";
import { describeNotifiedCount, worstState } from "@/lib/alerts/channel-status";
import { EVENT_TYPE_LABELS } from "@/lib/alerts/describe";
import type { EventNotice } from "@/lib/alerts/notices";
import type { AnyAlertEventType } from "@/lib/alerts/types";
import { DELIVERY_STATUS } from "@/lib/status/present";

const muted = "text-zinc-600 dark:text-zinc-400";

/**
 * `label: ✓ Pager relay, delivered 7 Dec 2026, 08:02 UTC` per channel for readers of the channels;
 * `label: 2 channels notified: 2 delivered` for the others; "No channel was notified" (and why, in a
 * maintenance window) when nobody was told.
 */
export function EventNoticeLine({ label, notice }: { label: string; notice: EventNotice | undefined }) {
  const deliveries = notice?.deliveries ?? [];
  const head = <span className="font-medium">{label}:</span>;
  if (deliveries.length === 0) {
    return (
      <p className={`text-xs ${muted}`}>
        {head} No channel was notified{notice?.suppressed ? " (maintenance window)" : ""}.
      </p>
    );
  }
  if (deliveries[0]!.channelName === null) {
    const states = deliveries.map((d) => d.state);
    const latest = deliveries.reduce((a, b) => (b.at > a.at ? b : a));
    return (
      <p className="text-xs">
        {head}{" "}
        <Status status={{ tone: DELIVERY_STATUS[worstState(states)!].tone }} variant="text">
          <span>
            {describeNotifiedCount(states)}, <DateTime at={latest.at} />
          </span>
        </Status>
      </p>
    );
  }
  return (
    <div className="text-xs">
      {head}
      <ul className="space-y-0.5">
        {deliveries.map((d, i) => (
          <li key={`${d.channelName}-${i}`}>
            <Status status={{ tone: DELIVERY_STATUS[d.state].tone }} variant="text">
              <span className="break-words">
                {d.channelName}, {DELIVERY_STATUS[d.state].text.toLowerCase()} <DateTime at={d.at} />
                {d.error ? `: ${d.error}` : ""}
              </span>
            </Status>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A threshold's, backup monitor's or drill target's newest alert: what it was, when, and where it went. */
export function LastAlert({ notice }: { notice: EventNotice | undefined }) {
  if (!notice) return <p className={`text-xs ${muted}`}>No alert yet.</p>;
  return (
    <div className="space-y-0.5">
      <p className="text-xs">
        <DateTime at={notice.occurredAt} />
      </p>
      <EventNoticeLine label={EVENT_TYPE_LABELS[notice.type as AnyAlertEventType] ?? notice.type} notice={notice} />
    </div>
  );
}

/** "All deliveries about this service" on the Notifications page, for readers of the channels. */
export function DeliveriesLink({ href, serviceName }: { href: string | null; serviceName: string }) {
  if (!href) return null;
  return (
    <p className="text-sm">
      <Link href={href} className="text-sky-800 underline dark:text-sky-300">
        Notifications sent about {serviceName}
      </Link>
    </p>
  );
}
