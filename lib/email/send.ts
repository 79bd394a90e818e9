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
    // The JSON line above is for log collectors and tests; a developer at `npm run dev` needs the link on a
    // line of its own that stands out among them.
    if (e.NODE_ENV === "development") process.stderr.write(devLinkBlock(mail));
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

const LINK_LABELS: Record<LinkEmail["kind"], string> = { "sign-in": "Sign-in link", invitation: "Invitation link", review: "Review link" };

/** The link as a developer reads it in the terminal: a rule, a label naming the address, the URL alone on its line. */
export function devLinkBlock(mail: Pick<LinkEmail, "kind" | "to" | "url">): string {
  const rule = "─".repeat(72);
  return `\n${rule}\n  ${LINK_LABELS[mail.kind]} for ${mail.to} (SMTP_URL is not set, so no email was sent):\n\n  ${mail.url}\n${rule}\n\n`;
}
