/**
 * One HTTP(S) probe, following up to 5 redirects, with per-phase timings. Built on node:http/https
 * rather than fetch because a probe needs what fetch hides: the resolved address (checked against the
 * target policy before the socket connects to exactly that address), DNS/connect/TLS/first-byte times,
 * the peer certificate, and a hard cap on how much body is read.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import tls, { type TLSSocket } from "node:tls";
import type { ProbeErrorClass } from "./evaluate";
import { policyLookup, refuseUrlHost, TargetRefusedError, type TargetPolicy } from "./target-policy";

export const BODY_CAP_BYTES = 64 * 1024;
export const MAX_REDIRECTS = 5;
const USER_AGENT = "Preflight-Probe/1 (+https://github.com/preflight)";

export interface ProbeRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** body kept at most (default BODY_CAP_BYTES); beyond it the body is cut and `bodyTruncated` set */
  maxBodyBytes?: number;
}

export interface SecurityHeaders {
  hsts: string | null;
  contentTypeOptions: string | null;
  frameOptions: string | null;
  frameAncestors: string | null;
}

export interface HttpProbeResult {
  finalUrl: string;
  httpStatus: number | null;
  latencyMs: number;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number | null;
  body: Buffer;
  bodyTruncated: boolean;
  tlsExpiresAt: Date | null;
  securityHeaders: SecurityHeaders | null;
  error: { errorClass: ProbeErrorClass; message: string } | null;
  /** Set when the target policy refused an address or host (also reported as error class "blocked"). */
  refusedReason: string | null;
}

export interface ProbeOptions {
  policy: TargetPolicy;
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  extraCa?: string[];
}

class ProbeError extends Error {
  constructor(
    readonly errorClass: ProbeErrorClass,
    message: string,
  ) {
    super(message);
  }
}

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  firstByteMs: number;
  tlsExpiresAt: Date | null;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME|EPROTO/i;

function classify(err: unknown): ProbeError {
  if (err instanceof ProbeError) return err;
  if (err instanceof TargetRefusedError) return new ProbeError("blocked", err.message);
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? "";
  const text = `${code ? `${code}: ` : ""}${e?.message ?? String(err)}`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA" || code === "ESERVFAIL") return new ProbeError("dns", `DNS lookup failed (${code})`);
  if (code === "ECONNREFUSED") return new ProbeError("refused", "connection refused");
  if (TLS_CODES.test(code)) return new ProbeError("tls", `TLS error: ${text}`);
  return new ProbeError("other", text);
}

function certificateExpiry(socket: TLSSocket): Date | null {
  const cert = socket.getPeerCertificate();
  return cert && cert.valid_to ? new Date(cert.valid_to) : null;
}

function requestOnce(url: URL, req: ProbeRequest, method: string, headers: Record<string, string>, deadline: number, opts: ProbeOptions): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const secure = url.protocol === "https:";
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const hostRefused = refuseUrlHost(opts.policy, url);
    if (hostRefused) return reject(new ProbeError("blocked", hostRefused));

    const started = performance.now();
    let dnsMs: number | null = null;
    let connectMs: number | null = null;
    let tlsMs: number | null = null;
    let tlsExpiresAt: Date | null = null;
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(classify(err));
    };
    let timer: NodeJS.Timeout;
    // A timer can fire a fraction of a millisecond before performance.now() reaches the deadline (libuv's loop
    // clock is coarser), so check and re-arm: a probe is never called a timeout before its timeout has passed.
    const armTimeout = () => {
      timer = setTimeout(() => {
        if (performance.now() < deadline) armTimeout();
        else fail(new ProbeError("timeout", `no complete answer within ${req.timeoutMs} ms`));
      }, Math.max(1, Math.ceil(deadline - performance.now())));
    };
    armTimeout();

    const options: https.RequestOptions = {
      method,
      headers: { "user-agent": USER_AGENT, accept: "*/*", ...headers },
      agent: false,
      lookup: policyLookup(opts.policy, (ms) => (dnsMs = ms)),
      ...(secure ? { servername: isIP(host) ? undefined : host, ca: opts.extraCa?.length ? [...tls.rootCertificates, ...opts.extraCa] : undefined, rejectUnauthorized: true } : {}),
    };
    const request = (secure ? https : http).request(url, options);
    request.on("socket", (socket) => {
      socket.once("connect", () => (connectMs = performance.now() - started - (dnsMs ?? 0)));
      if (secure) {
        socket.once("secureConnect", () => {
          tlsMs = performance.now() - started - (dnsMs ?? 0) - (connectMs ?? 0);
          tlsExpiresAt = certificateExpiry(socket as TLSSocket);
        });
      }
    });
    request.on("error", fail);
    request.on("response", (res: IncomingMessage) => {
      const firstByteMs = performance.now() - started;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated, dnsMs, connectMs, tlsMs, firstByteMs, tlsExpiresAt });
      };
      const cap = req.maxBodyBytes ?? BODY_CAP_BYTES;
      res.on("data", (chunk: Buffer) => {
        if (truncated) return;
        const room = cap - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = cap;
          truncated = true;
          finish();
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", finish);
      res.on("error", fail);
      res.on("aborted", () => fail(new ProbeError("other", "connection closed before the body was complete")));
    });
    request.end();
  });
}

/** Certificate expiry of a target whose TLS verification failed: a bare handshake, no request sent. */
function peekCertificateExpiry(url: URL, opts: ProbeOptions, timeoutMs: number): Promise<Date | null> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const socket = tls.connect({
      host,
      port: Number(url.port || 443),
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      lookup: policyLookup(opts.policy, () => undefined),
    });
    const done = (v: Date | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.once("secureConnect", () => done(certificateExpiry(socket)));
    socket.once("error", () => done(null));
  });
}

function frameAncestors(csp: string | undefined): string | null {
  const directive = csp?.split(";").map((d) => d.trim()).find((d) => /^frame-ancestors\s/i.test(d));
  return directive ? directive.replace(/^frame-ancestors\s+/i, "") : null;
}

function securityHeadersOf(headers: IncomingHttpHeaders, secure: boolean): SecurityHeaders {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : (v ?? null));
  return {
    // Browsers ignore HSTS sent over plain HTTP, so only an https answer counts.
    hsts: secure ? one(headers["strict-transport-security"]) : null,
    contentTypeOptions: one(headers["x-content-type-options"]),
    frameOptions: one(headers["x-frame-options"]),
    frameAncestors: frameAncestors(one(headers["content-security-policy"]) ?? undefined),
  };
}

export async function httpProbe(req: ProbeRequest, opts: ProbeOptions): Promise<HttpProbeResult> {
  const started = performance.now();
  const deadline = started + req.timeoutMs;
  let url: URL;
  const empty = { httpStatus: null, dnsMs: null, connectMs: null, tlsMs: null, firstByteMs: null, body: Buffer.alloc(0), bodyTruncated: false, tlsExpiresAt: null, securityHeaders: null };
  try {
    url = new URL(req.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("only http and https URLs can be probed");
  } catch (err) {
    return { ...empty, finalUrl: req.url, latencyMs: 0, error: { errorClass: "other", message: (err as Error).message }, refusedReason: null };
  }
  const origin = url.origin;
  let method = req.method.toUpperCase();
  let headers = { ...req.headers };
  for (let hop = 0; ; hop++) {
    try {
      const res = await requestOnce(url, req, method, headers, deadline, opts);
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(res.status) && location) {
        if (hop >= MAX_REDIRECTS) throw new ProbeError("other", `more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        if (next.protocol !== "http:" && next.protocol !== "https:") throw new ProbeError("other", `redirect to an unsupported URL scheme (${next.protocol})`);
        // Like browsers: 303, and 301/302 after a POST, continue as GET.
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) method = "GET";
        // Configured headers may hold credentials: they never follow a redirect to another origin.
        if (next.origin !== origin) headers = {};
        url = next;
        continue;
      }
      return {
        finalUrl: url.toString(),
        httpStatus: res.status,
        latencyMs: performance.now() - started,
        dnsMs: res.dnsMs,
        connectMs: res.connectMs,
        tlsMs: res.tlsMs,
        firstByteMs: res.firstByteMs,
        body: res.body,
        bodyTruncated: res.truncated,
        tlsExpiresAt: res.tlsExpiresAt,
        securityHeaders: securityHeadersOf(res.headers, url.protocol === "https:"),
        error: null,
        refusedReason: null,
      };
    } catch (err) {
      const e = classify(err);
      const tlsExpiresAt = e.errorClass === "tls" && url.protocol === "https:" ? await peekCertificateExpiry(url, opts, Math.max(500, deadline - performance.now())) : null;
      return {
        ...empty,
        finalUrl: url.toString(),
        latencyMs: performance.now() - started,
        tlsExpiresAt,
        error: { errorClass: e.errorClass, message: hop > 0 ? `${e.message} (after redirect to ${url.host})` : e.message },
        refusedReason: e.errorClass === "blocked" ? e.message : null,
      };
    }
  }
}
