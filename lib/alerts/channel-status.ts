/** How a channel and its deliveries are doing, in words (the Notifications page, the "Send test" answer). Pure. */
import { formatDateTime } from "@/lib/format/time";
import type { PublicDelivery } from "./channel-public";

export type DeliveryState = "queued" | "retrying" | "delivered" | "failed";

/** A pending delivery that was tried and failed is retrying; one never tried yet is queued. */
export function deliveryState(d: Pick<PublicDelivery, "status" | "attempts">): DeliveryState {
  if (d.status === "pending") return d.attempts > 0 ? "retrying" : "queued";
  return d.status;
}

/** The answer to "Send test", from its delivery as it stands after the attempt (or before it, when queued). */
export function describeTestOutcome(d: PublicDelivery): string {
  const http = d.lastStatus !== null ? ` (HTTP ${d.lastStatus})` : "";
  switch (deliveryState(d)) {
    case "delivered":
      return `Test message delivered${http}.`;
    case "failed":
      return `The test message failed${http}: ${d.lastError ?? "no answer"}.`;
    case "retrying":
      return `The test message did not get through${http}: ${d.lastError ?? "no answer"}. It is tried again${d.nextAttemptAt ? ` at ${formatDateTime(d.nextAttemptAt)}` : ""}.`;
    case "queued":
      return "Test message queued: the next delivery round sends it, within a few seconds.";
  }
}

const STATE_ORDER: readonly DeliveryState[] = ["failed", "retrying", "queued", "delivered"];

/** The worst state among an event's deliveries (failed, then retrying, queued, delivered): its tone on the page. */
export function worstState(states: readonly DeliveryState[]): DeliveryState | null {
  return STATE_ORDER.find((s) => states.includes(s)) ?? null;
}

/**
 * An event's deliveries in words without channel names (for readers who may not see the channels):
 * "2 channels notified: 1 delivered, 1 failed".
 */
export function describeNotifiedCount(states: readonly DeliveryState[]): string {
  if (states.length === 0) return "No channel was notified";
  const counts = [...STATE_ORDER].reverse().flatMap((s) => {
    const n = states.filter((x) => x === s).length;
    return n ? [`${n} ${s}`] : [];
  });
  return `${states.length} ${states.length === 1 ? "channel" : "channels"} notified: ${counts.join(", ")}`;
}
