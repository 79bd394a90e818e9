/**
 * Outgoing email. With SMTP_URL, nodemailer sends it; without (development), nothing is sent and the
 * link is logged as one line, so a developer or a test can follow it.
 */
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { escapeHtml, smtpTransport } from "./transport";

export interface LinkEmail {
  to: string;
  subject: string;
  /** The one link the email is about (sign-in, invitation, the service to review). */
  url: string;
  kind: "sign-in" | "invitation" | "review";
  intro: string;
}

export async function sendLinkEmail(mail: LinkEmail): Promise<void> {
  const e = env();
  if (!e.SMTP_URL) {
    log.info({ emailKind: mail.kind, to: mail.to, subject: mail.subject, url: mail.url }, `${mail.kind} link for ${mail.to} (SMTP_URL not set, email not sent): ${mail.url}`);
    return;
  }
  await smtpTransport(e.SMTP_URL).sendMail({
    to: mail.to,
    from: e.EMAIL_FROM,
    subject: mail.subject,
    text: `${mail.intro}\n\n${mail.url}\n\nIf you did not expect this email, you can ignore it.\n`,
    html: `<p>${escapeHtml(mail.intro)}</p><p><a href="${escapeHtml(mail.url)}">${escapeHtml(mail.subject)}</a></p><p>If you did not expect this email, you can ignore it.</p>`,
  });
  log.info({ emailKind: mail.kind, to: mail.to }, "email sent");
}
