/**
 * The sender of each channel type. The delivery round (lib/alerts/deliver.ts) looks a channel's type up
 * here; a type without a sender yet fails its deliveries with "no sender" and they are retried by the
 * backoff, so adding one later delivers what waited.
 */
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import type { AlertSender } from "./types";
import { sendWebhook } from "./webhook";

export const SENDERS: Partial<Record<AlertChannelType, AlertSender>> = {
  webhook: sendWebhook,
  // slack: sendSlack (./slack.ts, Block Kit), teams: sendTeams (./teams.ts, Adaptive Card) and
  // email: sendEmail (./email.ts, SMTP_URL) are added here by their modules. They may get several
  // events of one service in one message (grouping); postMessage (./http.ts) does the HTTP part.
};
