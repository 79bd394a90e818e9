/**
 * The documented shapes of Slack and Microsoft Teams webhook messages, as zod schemas, for the tests that
 * check what Preflight posts (tests/integration/alert-senders.test.ts, alert-round-channels.test.ts).
 *
 * Slack (docs.slack.dev, Block Kit reference): a message has up to 50 blocks; `text` is the fallback;
 * header: plain_text ≤ 150 characters; section: `text` ≤ 3,000 and/or up to 10 `fields` ≤ 2,000; context:
 * 1–10 text or image elements; actions: up to 25 elements; button: plain_text ≤ 75, url ≤ 3,000,
 * action_id ≤ 255. Text in mrkdwn escapes &, < and > as entities.
 * Teams (learn.microsoft.com, "Create and send messages" / Workflows): `{"type":"message","attachments":
 * [{"contentType":"application/vnd.microsoft.card.adaptive","content":{AdaptiveCard}}]}`; Teams renders
 * Adaptive Cards up to 1.5; webhooks support Action.OpenUrl, Action.ShowCard, Action.ToggleVisibility.
 */
import { z } from "zod";

// ---- Slack's documented shape ----
const slackText = (max: number) => z.strictObject({ type: z.enum(["plain_text", "mrkdwn"]), text: z.string().min(1).max(max), emoji: z.boolean().optional(), verbatim: z.boolean().optional() });
const plainText = (max: number) => slackText(max).extend({ type: z.literal("plain_text") });
const blockId = { block_id: z.string().max(255).optional() };
const slackButton = z.strictObject({
  type: z.literal("button"),
  text: plainText(75),
  url: z.url().max(3000).optional(),
  action_id: z.string().max(255).optional(),
  value: z.string().max(2000).optional(),
  style: z.enum(["primary", "danger"]).optional(),
});
const slackBlock = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("header"), text: plainText(150), ...blockId }),
  z
    .strictObject({ type: z.literal("section"), text: slackText(3000).optional(), fields: z.array(slackText(2000)).min(1).max(10).optional(), ...blockId })
    .refine((s) => s.text || s.fields, "a section needs text or fields"),
  z.strictObject({ type: z.literal("context"), elements: z.array(slackText(3000)).min(1).max(10), ...blockId }),
  z.strictObject({ type: z.literal("actions"), elements: z.array(slackButton).min(1).max(25), ...blockId }),
  z.strictObject({ type: z.literal("divider"), ...blockId }),
]);
export const SlackMessage = z.strictObject({ text: z.string().min(1), blocks: z.array(slackBlock).min(1).max(50) });
export type SlackMessage = z.infer<typeof SlackMessage>;

// ---- Teams' documented shape: the message envelope around an Adaptive Card (elements used here) ----
const textBlock = z.strictObject({
  type: z.literal("TextBlock"),
  text: z.string().min(1),
  wrap: z.boolean().optional(),
  size: z.enum(["Default", "Small", "Medium", "Large", "ExtraLarge"]).optional(),
  weight: z.enum(["Default", "Lighter", "Bolder"]).optional(),
  color: z.enum(["Default", "Dark", "Light", "Accent", "Good", "Warning", "Attention"]).optional(),
  isSubtle: z.boolean().optional(),
  spacing: z.enum(["None", "Small", "Default", "Medium", "Large", "ExtraLarge", "Padding"]).optional(),
  separator: z.boolean().optional(),
});
const factSet = z.strictObject({ type: z.literal("FactSet"), facts: z.array(z.strictObject({ title: z.string().min(1), value: z.string().min(1) })).min(1) });
const AdaptiveCard = z.strictObject({
  type: z.literal("AdaptiveCard"),
  $schema: z.literal("http://adaptivecards.io/schemas/adaptive-card.json"),
  version: z.string().regex(/^1\.[0-5]$/, "Teams renders Adaptive Cards up to 1.5"),
  fallbackText: z.string().optional(),
  body: z.array(z.discriminatedUnion("type", [textBlock, factSet])).min(1),
  actions: z.array(z.strictObject({ type: z.literal("Action.OpenUrl"), title: z.string().min(1), url: z.url() })).optional(),
});
export const TeamsMessage = z.strictObject({
  type: z.literal("message"),
  attachments: z.array(z.strictObject({ contentType: z.literal("application/vnd.microsoft.card.adaptive"), contentUrl: z.null().optional(), content: AdaptiveCard })).length(1),
});
export type TeamsMessage = z.infer<typeof TeamsMessage>;
