/**
 * The SMTP transport every outgoing email uses (sign-in, invitation and review links, alert emails):
 * SMTP_URL with bounded timeouts, one transport per URL, and the HTML escaping the bodies share.
 */
import nodemailer from "nodemailer";

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

const transports = new Map<string, nodemailer.Transporter>();

/** The transport for an SMTP URL, made once (a test's local server gets its own). */
export function smtpTransport(smtpUrl: string): nodemailer.Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrlWithTimeouts(smtpUrl));
    transports.set(smtpUrl, transport);
  }
  return transport;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
