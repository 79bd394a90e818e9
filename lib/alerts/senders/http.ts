/**
 * One JSON POST to an alert target (Slack, Teams, generic webhooks), the only HTTP posting helper of the
 * senders; the delivery round bounds it with a 10 s signal. The probe target policy applies (PROBE_ALLOW,
 * PROBE_DENY and the always-refused link-local and cloud-metadata addresses), checked on the address the
 * socket connects to, so a channel URL cannot reach what a health check may not. Redirects are never
 * followed: a webhook that answers 3xx has moved, and following it could lead anywhere. The answer is
 * read up to a few KiB, enough for an error message; nothing here throws for the target's failure.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import tls from "node:tls";
import { probeOptionsFromEnv } from "@/lib/probes/round";
import { policyLookup, refuseUrlHost, TargetRefusedError, type TargetPolicy } from "@/lib/probes/target-policy";

const ANSWER_CAP_BYTES = 4096;
/** How much of an answer an error message quotes. */
const QUOTED_CHARS = 200;
const USER_AGENT = "Preflight-Alerts/1";

export interface PostOptions {
  signal: AbortSignal;
  /** default: the probes' policy and extra CA certificates from the environment (PROBE_*) */
  policy?: TargetPolicy;
  extraCa?: string[];
}

export type HttpAnswer = { ok: true; status: number; body: string } | { ok: false; status: number | null; error: string };

/** "HTTP 404: no_team" — the status and the start of the answer, on one line. */
export function statusError(status: number, body: string): string {
  const quoted = body.replace(/\s+/g, " ").trim();
  const cut = quoted.length > QUOTED_CHARS ? `${quoted.slice(0, QUOTED_CHARS)}…` : quoted;
  return cut ? `HTTP ${status}: ${cut}` : `HTTP ${status}`;
}

function networkError(err: unknown, url: URL, signal: AbortSignal): string {
  if (signal.aborted) {
    const reason = signal.reason as { name?: string } | undefined;
    return reason?.name === "TimeoutError" ? `no answer from ${url.host} in time` : `sending to ${url.host} was cancelled`;
  }
  if (err instanceof TargetRefusedError) return `refused: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `DNS lookup of ${url.hostname} failed (${code})`;
  if (code === "ECONNREFUSED") return `connection to ${url.host} refused`;
  if (code === "ECONNRESET") return `connection to ${url.host} reset`;
  if (code === "ETIMEDOUT") return `connection to ${url.host} timed out`;
  const text = e?.message ?? String(err);
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}

function readAnswer(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString("utf8"));
    res.on("data", (chunk: Buffer) => {
      if (size >= ANSWER_CAP_BYTES) return;
      chunks.push(chunk.subarray(0, ANSWER_CAP_BYTES - size));
      size += chunk.length;
    });
    res.on("end", done);
    res.on("error", done);
    res.on("close", done);
  });
}

export function postJson(target: string, payload: unknown, options: PostOptions): Promise<HttpAnswer> {
  return postBody(target, JSON.stringify(payload), {}, options);
}

/**
 * POST an already serialised JSON body with extra headers: the webhook signs the exact bytes it sends.
 */
export async function postBody(target: string, rawBody: string, headers: Record<string, string>, options: PostOptions): Promise<HttpAnswer> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, status: null, error: "the channel's URL is not a valid URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, status: null, error: `only http and https URLs can be sent to, not ${url.protocol}` };
  const fromEnv = options.policy ? null : probeOptionsFromEnv();
  const policy = options.policy ?? fromEnv!.policy;
  const extraCa = options.extraCa ?? fromEnv?.extraCa;
  const refused = refuseUrlHost(policy, url);
  if (refused) return { ok: false, status: null, error: `refused: ${refused}` };

  const body = Buffer.from(rawBody);
  const secure = url.protocol === "https:";
  return new Promise<HttpAnswer>((resolve) => {
    let settled = false;
    const settle = (answer: HttpAnswer) => {
      if (settled) return;
      settled = true;
      resolve(answer);
    };
    const request = (secure ? https : http).request(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json; charset=utf-8", "content-length": body.length, "user-agent": USER_AGENT },
      agent: false,
      signal: options.signal,
      lookup: policyLookup(policy),
      ...(secure && extraCa?.length ? { ca: [...tls.rootCertificates, ...extraCa] } : {}),
    });
    request.on("error", (err) => settle({ ok: false, status: null, error: networkError(err, url, options.signal) }));
    request.on("response", (res) => {
      const status = res.statusCode ?? 0;
      void readAnswer(res).then((text) => {
        if (options.signal.aborted) return settle({ ok: false, status, error: networkError(null, url, options.signal) });
        if (status >= 200 && status < 300) return settle({ ok: true, status, body: text });
        if (status >= 300 && status < 400) {
          const location = res.headers.location;
          return settle({ ok: false, status, error: `HTTP ${status}: redirects are not followed${location ? ` (to ${safeHost(location, url)})` : ""}; set the channel's URL to where it points` });
        }
        settle({ ok: false, status, error: statusError(status, text) });
      });
    });
    request.end(body);
  });
}

/** Only the host of a redirect target: its path may carry a token. */
function safeHost(location: string, base: URL): string {
  try {
    return new URL(location, base).host;
  } catch {
    return "an invalid URL";
  }
}
