import { Status } from "@/components/ui/status";
import { Table } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import type { PublicDelivery } from "@/lib/alerts/channel-public";
import { deliveryState } from "@/lib/alerts/channel-status";
import { DELIVERY_STATUS } from "@/lib/status/present";

/** A channel's newest deliveries: what was sent, whether it arrived, and why not. */
export function DeliveryList({ channelName, deliveries, now, empty = "Nothing sent yet." }: { channelName: string; deliveries: PublicDelivery[]; now: Date; empty?: string }) {
  if (deliveries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <Table caption={`Last deliveries of ${channelName}, newest first`} columns={["When", "Status", "Event", "Attempts", "Last error"]} alignTop>
      {deliveries.map((d) => {
        const state = deliveryState(d);
        return (
          <tr key={d.id}>
            <td className="whitespace-nowrap py-2 pr-3">
              <RelativeTime at={d.deliveredAt ?? d.lastAttemptAt ?? d.createdAt} now={now} />
            </td>
            <td className="whitespace-nowrap py-2 pr-3">
              <Status status={DELIVERY_STATUS[state]}>
                {DELIVERY_STATUS[state].text}
                {d.lastStatus !== null ? ` (HTTP ${d.lastStatus})` : ""}
              </Status>
            </td>
            <td className="min-w-48 py-2 pr-3">{d.title}</td>
            <td className="py-2 pr-3 tabular-nums">{d.attempts}</td>
            <td className="min-w-40 break-words py-2 text-zinc-600 dark:text-zinc-400">{d.lastError ?? "—"}</td>
          </tr>
        );
      })}
    </Table>
  );
}
