/** The sender of each channel type; the delivery round picks the one for the channel it delivers to. */
import type { AlertChannelType } from "@/lib/generated/prisma/enums";
import { email } from "./email";
import { slack } from "./slack";
import { teams } from "./teams";
import type { AlertSender } from "./types";
import { webhook } from "./webhook";

export const ALERT_SENDERS: Partial<Record<AlertChannelType, AlertSender>> = { slack, teams, email, webhook };
