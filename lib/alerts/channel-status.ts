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
