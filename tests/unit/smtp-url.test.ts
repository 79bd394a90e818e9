import nodemailer from "nodemailer";
import { describe, expect, it } from "vitest";
import { smtpUrlWithTimeouts } from "@/lib/email/transport";

/** The options nodemailer's SMTP transport ends up with for a URL. */
function transportOptions(url: string) {
  return (nodemailer.createTransport(url) as unknown as { transporter: { options: Record<string, unknown> } }).transporter.options;
}

describe("SMTP_URL with timeouts", () => {
  it("bounds how long a dead mail server can hold a request (nodemailer's own default is 2 minutes)", () => {
    const options = transportOptions(smtpUrlWithTimeouts("smtps://user:p%40ss@smtp.example.com:465"));
    expect(options).toMatchObject({ host: "smtp.example.com", port: 465, secure: true, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    expect(options.auth).toEqual({ user: "user", pass: "p@ss" });
  });

  it("keeps what the URL sets itself, and its other parameters", () => {
    const options = transportOptions(smtpUrlWithTimeouts("smtp://mail.internal:25?connectionTimeout=2000&ignoreTLS=true"));
    expect(options).toMatchObject({ connectionTimeout: 2000, greetingTimeout: 10_000, socketTimeout: 30_000, ignoreTLS: true });
  });
});
