/**
 * Email alerts: one email to the channel's addresses through SMTP_URL (the transport and timeouts every
 * Preflight email uses, lib/email/transport.ts), from EMAIL_FROM. The subject is the message's title
 * ("CryptoPulse: health check down", several events: "CryptoPulse: 3 alerts"); the text and HTML bodies
 * carry the facts and the link to the service. Without SMTP_URL nothing can be delivered, and the send
 * fails with a message the channel shows: unlike sign-in links, an alert is never "sent" to the log.
 */
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";
import { escapeHtml, smtpTransport } from "@/lib/email/transport";
import { log } from "@/lib/log";
import type { AlertSeverity } from "../describe";
import { alertMessage, andMore, type AlertMessage } from "./message";
import type { AlertSender, SendResult } from "./types";

export const NO_SMTP_ERROR = "SMTP_URL is not set: email alerts cannot be sent";

export interface EmailSenderConfig {
  smtpUrl: string | undefined;
  from: string;
}

const fromEnv = (): EmailSenderConfig => ({ smtpUrl: env().SMTP_URL, from: env().EMAIL_FROM });

const SEVERITY_COLOR: Record<AlertSeverity, string> = { critical: "#b91c1c", warning: "#b45309", resolved: "#15803d", info: "#1d4ed8" };

export function alertEmailHtml(message: AlertMessage): string {
  const h = escapeHtml;
  const heading = `<h2 style="margin:0 0 12px;color:${SEVERITY_COLOR[message.severity]}">${h(message.title)}</h2>`;
  let main: string;
  if (message.items.length === 1) {
    const { wording } = message.items[0]!;
    const rows = wording.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0;vertical-align:top">${h(f.label)}</th><td style="padding:2px 0">${h(f.value)}</td></tr>`).join("");
    main = `<p>${h(wording.text)}</p>${rows ? `<table role="presentation" style="border-collapse:collapse">${rows}</table>` : ""}`;
  } else {
    const items = message.items.map(({ wording }) => `<li style="margin-bottom:8px"><strong style="color:${SEVERITY_COLOR[wording.severity]}">${h(wording.title)}</strong><br>${h(wording.text)}</li>`).join("");
    main = `<ul style="padding-left:20px">${items}</ul>${message.more ? `<p>${h(andMore(message.more))}</p>` : ""}`;
  }
  const link = `<p><a href="${h(message.link.url)}">${h(message.link.label)}</a></p>`;
  const context = `<p style="color:#6b7280;font-size:12px">${h(message.context)}</p>`;
  return `<div style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.5">${heading}${main}${link}${context}</div>`;
}

/** "SMTP 550: 5.1.1 mailbox unavailable", or the connection's error; never the URL (it holds the password). */
function smtpError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; response?: string; message?: string };
  if (e?.responseCode) return `SMTP ${e.responseCode}: ${(e.response ?? e.message ?? "").replace(/\s+/g, " ").slice(0, 200)}`;
  const text = e?.message ?? String(err);
  return e?.code && !text.includes(e.code) ? `${e.code}: ${text}` : text;
}

export function createEmailSender(config: () => EmailSenderConfig = fromEnv): AlertSender {
  return async (channel, events, { signal }): Promise<SendResult> => {
    const { smtpUrl, from } = config();
    if (!smtpUrl) return { ok: false, status: null, error: NO_SMTP_ERROR };
    if (channel.emails.length === 0) return { ok: false, status: null, error: "the channel has no recipients" };
    if (events.length === 0) return { ok: false, status: null, error: "no events to send" };
    if (signal.aborted) return { ok: false, status: null, error: "sending was cancelled before it began" };
    const message = alertMessage(events);
    const sending = smtpTransport(smtpUrl).sendMail({
      from,
      to: [...channel.emails],
      subject: message.title,
      text: `${message.plainText}\n`,
      html: alertEmailHtml(message),
      // RFC 3834: out-of-office replies and the like are not sent back to an automatic message.
      headers: { "Auto-Submitted": "auto-generated", "X-Preflight-Events": events.map((e) => e.id).join(", ") },
    }) as Promise<SMTPTransport.SentMessageInfo>;
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<SendResult>((resolve) => {
      onAbort = () => resolve({ ok: false, status: null, error: "the mail server did not accept the email in time" });
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([
        sending.then((info): SendResult => {
          // A partly rejected email was still delivered to the others: sending it again would repeat it for them.
          if (info.rejected.length) log.warn({ channelId: channel.id, rejected: info.rejected.map(String) }, "the mail server refused some alert recipients");
          return { ok: true, status: null };
        }),
        aborted,
      ]);
    } catch (err) {
      return { ok: false, status: null, error: smtpError(err) };
    } finally {
      signal.removeEventListener("abort", onAbort);
      // A send still running after the deadline settles on its own; its outcome no longer counts.
      sending.catch(() => undefined);
    }
  };
}

export const email: AlertSender = createEmailSender();
