/**
 * A local SMTP server for email tests (the smtp-server package: a real SMTP conversation with
 * authentication as alerts / "p@ss word"), keeping every message it accepts, and a small parser of the
 * messages our transport writes (headers, the text and HTML parts).
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export interface Mail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

export interface SmtpSink {
  /** smtp://alerts:p%40ss%20word@127.0.0.1:<port> */
  url: string;
  mails: Mail[];
  /** refuse every recipient with 550 while set */
  refuseRecipients: boolean;
  close(): Promise<void>;
}

export async function smtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: "", mails: [], refuseRecipients: false, close: () => new Promise<void>((resolve) => server.close(resolve)) };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "alerts" && auth.password === "p@ss word") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(_address: SMTPServerAddress, _session, callback) {
      if (sink.refuseRecipients) callback(Object.assign(new Error("5.1.1 mailbox unavailable"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        sink.mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.url = `smtp://alerts:${encodeURIComponent("p@ss word")}@127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return sink;
}

export function parseMail(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head!.replace(/\r?\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(headers)?.[1];
  const body = rest.join("\n\n");
  const part = (type: string) => {
    const m = new RegExp(`Content-Type: ${type}[^]*?Content-Transfer-Encoding: ([\\w-]+)\\r?\\n\\r?\\n([^]*?)\\r?\\n--`, "i").exec(body);
    if (!m) return "";
    const [, encoding, content] = m as unknown as [string, string, string];
    if (/quoted-printable/i.test(encoding)) {
      const latin1 = content.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(latin1, "latin1").toString("utf8");
    }
    if (/base64/i.test(encoding)) return Buffer.from(content, "base64").toString("utf8");
    return content;
  };
  return { subject: header("Subject"), from: header("From"), to: header("To"), autoSubmitted: header("Auto-Submitted"), text: part("text/plain"), html: part("text/html") };
}
