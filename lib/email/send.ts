/**
 * Outgoing email. With SMTP_URL, nodemailer sends it; without (development), nothing is sent and the
 * link is logged as one line, so a developer or a test can follow it.
 */
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export interface LinkEmail {
  to: string;
  subject: string;
  /** The one link the email is about (sign-in, invitation, the service to review). */
  url: string;
  kind: "sign-in" | "invitation" | "review";
  intro: string;
}

let transport: nodemailer.Transporter | undefined;

/**
 * nodemailer waits up to 2 minutes for a mail server that does not answer, and a sign-in or an invitation
 * waits with it. These bounds apply unless SMTP_URL sets its own (`?connectionTimeout=…`): a dead server
 * then fails the request within seconds, with a clear message.
 */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** SMTP_URL with the default timeouts added as query parameters (nodemailer reads options from them). */
export function smtpUrlWithTimeouts(smtpUrl: string): string {
  const [base, hash] = smtpUrl.split("#", 2) as [string, string | undefined];
  const missing = Object.entries(SMTP_TIMEOUTS_MS).filter(([key]) => !new RegExp(`[?&]${key}=`).test(base));
  if (missing.length === 0) return smtpUrl;
  const query = missing.map(([key, ms]) => `${key}=${ms}`).join("&");
  return `${base}${base.includes("?") ? "&" : "?"}${query}${hash === undefined ? "" : `#${hash}`}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export async function sendLinkEmail(mail: LinkEmail): Promise<void> {
  const e = env();
  if (!e.SMTP_URL) {
    log.info({ emailKind: mail.kind, to: mail.to, subject: mail.subject, url: mail.url }, `${mail.kind} link for ${mail.to} (SMTP_URL not set, email not sent): ${mail.url}`);
    return;
  }
  transport ??= nodemailer.createTransport(smtpUrlWithTimeouts(e.SMTP_URL));
  await transport.sendMail({
    to: mail.to,
    from: e.EMAIL_FROM,
    subject: mail.subject,
    text: `${mail.intro}\n\n${mail.url}\n\nIf you did not expect this email, you can ignore it.\n`,
    html: `<p>${escapeHtml(mail.intro)}</p><p><a href="${escapeHtml(mail.url)}">${escapeHtml(mail.subject)}</a></p><p>If you did not expect this email, you can ignore it.</p>`,
  });
  log.info({ emailKind: mail.kind, to: mail.to }, "email sent");
}
