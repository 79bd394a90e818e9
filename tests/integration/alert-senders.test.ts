/**
 * The Slack, Teams and email senders against real local targets: an HTTP receiver started here gets the
 * Slack and Teams payloads, which must pass zod schemas of the documented shapes; a local SMTP server
 * (smtp-server: a real SMTP conversation, with authentication) gets the emails. Failures of a target come
 * back as a short readable error, never as a throw.

 * The documented shapes are in tests/helpers/alert-shapes.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmailSender, NO_SMTP_ERROR } from "@/lib/alerts/senders/email";
import { ALERT_SENDERS } from "@/lib/alerts/senders/index";
import { createSlackSender } from "@/lib/alerts/senders/slack";
import type { AlertChannelForSending, SendResult } from "@/lib/alerts/senders/types";
import { createTargetPolicy } from "@/lib/probes/target-policy";
import { SAMPLE_DETAILS, sendingEvent } from "../helpers/alert-samples";
import { SlackMessage, TeamsMessage } from "../helpers/alert-shapes";
import { httpTarget, type TestTarget } from "../helpers/probe-targets";
import { parseMail, smtpSink, type SmtpSink } from "../helpers/smtp-sink";

// ---- a receiver that records each POST and answers as the test says ----
interface Received {
  method: string;
  contentType: string | undefined;
  body: unknown;
}
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end("ok");
const received: Received[] = [];
let receiver: TestTarget;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString("utf8")));
    req.on("end", () => resolve(data));
  });
}

let smtp: SmtpSink;
let smtpUrl: string;

const channel = (type: AlertChannelForSending["type"], more: Partial<AlertChannelForSending> = {}): AlertChannelForSending => ({
  id: `ch_${type}`,
  type,
  name: type,
  url: receiver.url,
  emails: [],
  signingSecret: null,
  ...more,
});
const options = () => ({ signal: AbortSignal.timeout(10_000), now: new Date() });
const down = (more: Parameters<typeof sendingEvent<"check.down">>[1] = {}) => sendingEvent("check.down", more);
/** n check events of one service: downs and recoveries of different checks. */
const many = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    i % 2
      ? sendingEvent("check.up", { id: `evt_${i}`, details: { ...SAMPLE_DETAILS["check.up"], checkName: `check ${i}` } })
      : sendingEvent("check.down", { id: `evt_${i}`, details: { ...SAMPLE_DETAILS["check.down"], checkName: `check ${i}` } }),
  );

beforeAll(async () => {
  receiver = await httpTarget("/hook", (req, res) => {
    void readBody(req).then((text) => {
      received.push({ method: req.method ?? "", contentType: req.headers["content-type"], body: text ? JSON.parse(text) : null });
      answer(req, res);
    });
  });
  smtp = await smtpSink();
  smtpUrl = smtp.url;
  // The default email sender reads SMTP_URL and EMAIL_FROM from the environment, as in production.
  process.env.SMTP_URL = smtpUrl;
  process.env.EMAIL_FROM = "Preflight Alerts <alerts@preflight.example.com>";
});

afterAll(async () => {
  await receiver.close();
  await smtp.close();
});

async function sendOne(send: () => Promise<SendResult>): Promise<{ result: SendResult; body: unknown }> {
  const before = received.length;
  const result = await send();
  return { result, body: received.length > before ? received[received.length - 1]!.body : undefined };
}

/** Every mrkdwn text of a Slack message, where &, < and > must be escaped. */
const mrkdwnTexts = (m: SlackMessage) =>
  m.blocks.flatMap((b) => {
    if (b.type === "section") return [b.text, ...(b.fields ?? [])].filter((t) => t?.type === "mrkdwn").map((t) => t!.text);
    if (b.type === "context") return b.elements.filter((e) => e.type === "mrkdwn").map((e) => e.text);
    return [];
  });
/** Slack's own control sequences (a date token) are the only "<…>" allowed in mrkdwn. */
const withoutDateTokens = (s: string) => s.replace(/<!date\^\d+\^[^|>]+\|[^>]*>/g, "");

describe("Slack sender", () => {
  it("posts a Block Kit message of the documented shape: header, facts, time and team, a button to the service", async () => {
    answer = (_req, res) => res.end("ok");
    const { result, body } = await sendOne(() => ALERT_SENDERS.slack!(channel("slack"), [down()], options()));
    expect(result).toEqual({ ok: true, status: 200 });
    expect(received.at(-1)).toMatchObject({ method: "POST", contentType: "application/json; charset=utf-8" });
    const message = SlackMessage.parse(body);
    expect(message.text).toContain("CryptoPulse: health check down");
    expect(message.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "CryptoPulse: health check down", emoji: true } });
    const texts = mrkdwnTexts(message).join("\n");
    expect(texts).toContain("*Error*\nHTTP 503, expected 200-299");
    expect(texts).toContain("*Down since*\n26 Nov 2026, 19:25 UTC");
    expect(texts).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|26 Nov 2026, 19:25 UTC> · Payments/);
    const actions = message.blocks.find((b) => b.type === "actions");
    expect(actions?.elements[0]).toMatchObject({ type: "button", text: { text: "Open CryptoPulse in Preflight" }, url: "https://preflight.example.com/services/cryptopulse" });
  });

  it("lists several events of one service in one message, capped with “and N more”", async () => {
    const { result, body } = await sendOne(() => ALERT_SENDERS.slack!(channel("slack"), many(13), options()));
    expect(result.ok).toBe(true);
    const message = SlackMessage.parse(body);
    expect(message.blocks[0]).toMatchObject({ type: "header", text: { text: "CryptoPulse: 13 alerts" } });
    const listed = message.blocks.filter((b) => b.type === "section");
    expect(listed).toHaveLength(10);
    expect(mrkdwnTexts(message)).toContain("and 3 more");
    expect(mrkdwnTexts(message).join("\n")).toContain("*CryptoPulse: check “check 0” down*");
  });

  it("escapes &, < and > in mrkdwn, keeps plain text as it is, and stays within the limits for long text", async () => {
    const service = { slug: "rnd", name: "R&D <Ops>", tier: 1, url: "https://preflight.example.com/services/rnd" };
    const event = down({ service, details: { ...SAMPLE_DETAILS["check.down"], error: `<script>alert(1)</script> & ${"x".repeat(5000)}` } });
    const { body } = await sendOne(() => ALERT_SENDERS.slack!(channel("slack"), [event], options()));
    const message = SlackMessage.parse(body);
    expect(message.blocks[0]).toMatchObject({ text: { type: "plain_text", text: "R&D <Ops>: health check down" } });
    for (const text of mrkdwnTexts(message)) {
      expect(withoutDateTokens(text)).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    }
    expect(mrkdwnTexts(message).join("\n")).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; xxx");
  });

  it("answers a target's error with its status and the start of its answer", async () => {
    answer = (_req, res) => {
      res.statusCode = 404;
      res.end("no_service");
    };
    const { result } = await sendOne(() => ALERT_SENDERS.slack!(channel("slack"), [down()], options()));
    expect(result).toEqual({ ok: false, status: 404, error: "HTTP 404: no_service" });
  });

  it("never follows a redirect", async () => {
    const elsewhere = await httpTarget("/stolen", (_req, res) => res.end("ok"));
    try {
      answer = (_req, res) => {
        res.writeHead(307, { location: `${elsewhere.url}?token=secret` });
        res.end();
      };
      const { result } = await sendOne(() => ALERT_SENDERS.slack!(channel("slack"), [down()], options()));
      expect(result.ok).toBe(false);
      expect(result).toMatchObject({ status: 307, error: expect.stringMatching(/^HTTP 307: redirects are not followed \(to 127\.0\.0\.1:\d+\)/) });
      expect(JSON.stringify(result)).not.toContain("secret");
      expect(elsewhere.hits.size).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("refuses targets the probe target policy refuses, before connecting", async () => {
    const metadata = await ALERT_SENDERS.slack!(channel("slack", { url: "http://169.254.169.254/latest/meta-data/" }), [down()], options());
    expect(metadata).toEqual({ ok: false, status: null, error: expect.stringMatching(/^refused: address 169\.254\.169\.254 is link-local or a cloud metadata address/) });
    const before = received.length;
    const denied = await createSlackSender({ policy: createTargetPolicy({ deny: "127.0.0.1" }) })(channel("slack"), [down()], options());
    expect(denied).toEqual({ ok: false, status: null, error: expect.stringMatching(/^refused: address 127\.0\.0\.1 is on the deny list \(PROBE_DENY\)/) });
    // By name too: the check is made on the address "localhost" resolves to.
    const byName = await createSlackSender({ policy: createTargetPolicy({ deny: "127.0.0.1, ::1" }) })(channel("slack", { url: receiver.url.replace("127.0.0.1", "localhost") }), [down()], options());
    expect(byName).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/^refused: /) });
    expect(received.length).toBe(before);
  });

  it("gives up when the attempt's signal aborts (the 10 s deadline), and names an unreachable target", async () => {
    const controller = new AbortController();
    answer = () => controller.abort(new DOMException("deadline", "TimeoutError")); // never answers
    const timedOut = await ALERT_SENDERS.slack!(channel("slack"), [down()], { signal: controller.signal, now: new Date() });
    expect(timedOut).toEqual({ ok: false, status: null, error: expect.stringMatching(/^no answer from 127\.0\.0\.1:\d+ in time$/) });

    const closed = await httpTarget("/gone", (_req, res) => res.end());
    const url = closed.url;
    await closed.close();
    const refused = await ALERT_SENDERS.slack!(channel("slack", { url }), [down()], options());
    expect(refused).toEqual({ ok: false, status: null, error: expect.stringMatching(/^connection to 127\.0\.0\.1:\d+ refused$/) });
  });
});

describe("Teams sender", () => {
  it("posts an Adaptive Card in the documented message envelope: title, facts, time and team, a link to the service", async () => {
    answer = (_req, res) => {
      res.statusCode = 202; // what Workflows answers
      res.end();
    };
    const { result, body } = await sendOne(() => ALERT_SENDERS.teams!(channel("teams"), [down()], options()));
    expect(result).toEqual({ ok: true, status: 202 });
    const card = TeamsMessage.parse(body).attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ type: "TextBlock", text: "CryptoPulse: health check down", weight: "Bolder", color: "Attention" });
    expect(card.body).toContainEqual({
      type: "FactSet",
      facts: expect.arrayContaining([
        { title: "Error", value: "HTTP 503, expected 200-299" },
        { title: "Down since", value: "26 Nov 2026, 19:25 UTC" },
      ]),
    });
    expect(card.body.at(-1)).toMatchObject({ type: "TextBlock", text: "26 Nov 2026, 19:25 UTC · Payments" });
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open CryptoPulse in Preflight", url: "https://preflight.example.com/services/cryptopulse" }]);
  });

  it("lists several events, capped with “and N more”; a team-wide test links to the team", async () => {
    answer = (_req, res) => res.end("1");
    const { body } = await sendOne(() => ALERT_SENDERS.teams!(channel("teams"), many(12), options()));
    const card = (TeamsMessage.parse(body) as TeamsMessage).attachments[0]!.content;
    expect(card.body[0]).toMatchObject({ text: "CryptoPulse: 12 alerts" });
    expect(card.body.filter((e) => e.type === "TextBlock" && e.weight === "Bolder")).toHaveLength(11); // the title and 10 events
    expect(card.body).toContainEqual(expect.objectContaining({ text: "and 2 more" }));

    const test = await sendOne(() => ALERT_SENDERS.teams!(channel("teams"), [sendingEvent("test")], options()));
    const testCard = TeamsMessage.parse(test.body).attachments[0]!.content;
    expect(testCard.body[0]).toMatchObject({ text: "Payments: test message", color: "Accent" });
    expect(testCard.actions?.[0]).toMatchObject({ title: "Open Payments in Preflight", url: expect.stringMatching(/\/teams\/payments$/) });
  });

  it("does not count a throttled connector answer (200 with the real status in the body) as delivered", async () => {
    answer = (_req, res) => res.end("Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0");
    const { result } = await sendOne(() => ALERT_SENDERS.teams!(channel("teams"), [down()], options()));
    expect(result).toEqual({ ok: false, status: 429, error: expect.stringMatching(/^HTTP 429: Microsoft Teams endpoint returned HTTP error 429/) });
  });
});

/** The decoded text/plain and text/html parts and the unfolded headers of a raw message. */
describe("email sender", () => {
  const recipients = ["oncall@example.com", "ada@example.com"];

  it("sends through SMTP_URL from EMAIL_FROM to the channel's addresses: the title as subject, the facts and a link to the service", async () => {
    const before = smtp.mails.length;
    const result = await ALERT_SENDERS.email!(channel("email", { url: null, emails: recipients }), [down()], options());
    expect(result).toEqual({ ok: true, status: null });
    expect(smtp.mails).toHaveLength(before + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail).toMatchObject({ from: "alerts@preflight.example.com", to: recipients, user: "alerts" });
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe("CryptoPulse: health check down");
    expect(parsed.from).toBe("Preflight Alerts <alerts@preflight.example.com>");
    expect(parsed.to).toBe(recipients.join(", "));
    expect(parsed.autoSubmitted).toBe("auto-generated");
    expect(parsed.text).toContain("Error: HTTP 503, expected 200-299");
    expect(parsed.text).toContain("Open CryptoPulse in Preflight: https://preflight.example.com/services/cryptopulse");
    expect(parsed.html).toContain('<a href="https://preflight.example.com/services/cryptopulse">Open CryptoPulse in Preflight</a>');
    expect(parsed.html).toContain("26 Nov 2026, 19:25 UTC · Payments");
  });

  it("names several events in the subject and lists them; HTML is escaped", async () => {
    const hostile = down({ details: { ...SAMPLE_DETAILS["check.down"], error: '<img src=x onerror="alert(1)"> & co' } });
    await ALERT_SENDERS.email!(channel("email", { url: null, emails: recipients }), [hostile, ...many(2)], options());
    const parsed = parseMail(smtp.mails.at(-1)!.raw);
    expect(parsed.subject).toBe("CryptoPulse: 3 alerts");
    expect(parsed.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co");
    expect(parsed.html).not.toContain("<img");
    expect(parsed.text).toContain("- CryptoPulse: check “check 1” recovered");
  });

  it("fails with a clear error, and sends nothing, without SMTP_URL", async () => {
    const before = smtp.mails.length;
    const send = createEmailSender(() => ({ smtpUrl: undefined, from: "x@example.com" }));
    expect(await send(channel("email", { url: null, emails: recipients }), [down()], options())).toEqual({ ok: false, status: null, error: NO_SMTP_ERROR });
    expect(NO_SMTP_ERROR).toBe("SMTP_URL is not set: email alerts cannot be sent");
    expect(smtp.mails.length).toBe(before);
  });

  it("reports the mail server's refusal with its SMTP code, and a channel without recipients", async () => {
    smtp.refuseRecipients = true;
    try {
      const result = await ALERT_SENDERS.email!(channel("email", { url: null, emails: recipients }), [down()], options());
      expect(result).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/550/) });
      expect(JSON.stringify(result)).not.toContain("p@ss");
    } finally {
      smtp.refuseRecipients = false;
    }
    expect(await ALERT_SENDERS.email!(channel("email", { url: null, emails: [] }), [down()], options())).toEqual({ ok: false, status: null, error: "the channel has no recipients" });
    const wrongPassword = createEmailSender(() => ({ smtpUrl: smtpUrl.replace("p%40ss%20word", "nope"), from: "x@example.com" }));
    const denied = await wrongPassword(channel("email", { url: null, emails: recipients }), [down()], options());
    expect(denied).toMatchObject({ ok: false, error: expect.stringMatching(/^SMTP 535: /) });
    expect(JSON.stringify(denied)).not.toContain("nope");
  });
});
