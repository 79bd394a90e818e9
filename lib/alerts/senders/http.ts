/**
 * One HTTP POST of an alert message, for every sender that talks HTTP (webhook, Slack, Teams). It
 * connects only to addresses the probe target policy allows (never link-local or cloud-metadata
 * addresses, nor PROBE_DENY; PROBE_ALLOW is for probe targets and does not apply), follows no redirect,
 * and reads at most a small part of the answer: a 2xx counts as delivered as soon as its status line
 * arrives. The caller's signal bounds the whole request (10 s in the delivery round).
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import tls from "node:tls";
import { env } from "@/lib/env";
import { guardedLookup, requestErrorMessage, type ProbeOptions } from "@/lib/probes/http-probe";
import { probeOptionsFromEnv } from "@/lib/probes/round";
import { createTargetPolicy, refuseUrlHost } from "@/lib/probes/target-policy";
import type { SendResult } from "./types";

/** Bytes of a non-2xx answer read for the error message; the rest is never read. */
export const ANSWER_CAP_BYTES = 1024;
const USER_AGENT = "Preflight-Alerts/1";

let defaultOptions: ProbeOptions | undefined;

/** The probe policy without PROBE_ALLOW (alert targets are chat services and receivers, not probed hosts). */
export function alertTargetOptions(): ProbeOptions {
  defaultOptions ??= { policy: createTargetPolicy({ deny: env().PROBE_DENY }), extraCa: probeOptionsFromEnv().extraCa };
  return defaultOptions;
}

export interface PostOptions {
  signal: AbortSignal;
  /** default: alertTargetOptions() */
  target?: ProbeOptions;
}

const snippet = (body: Buffer) => body.toString("utf8").replace(/\s+/g, " ").trim().slice(0, 200);

export function postMessage(rawUrl: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<SendResult> {
  const target = options.target ?? alertTargetOptions();
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.resolve({ ok: false, status: null, error: "the channel's URL is not a valid URL" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.resolve({ ok: false, status: null, error: `only http and https URLs can be used (${url.protocol})` });
  const refused = refuseUrlHost(target.policy, url);
  if (refused) return Promise.resolve({ ok: false, status: null, error: `refused: ${refused}` });
  if (options.signal.aborted) return Promise.resolve({ ok: false, status: null, error: "aborted before it was sent" });

  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const settle = (result: SendResult) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener("abort", onAbort);
      request.destroy();
      resolve(result);
    };
    const onAbort = () => settle({ ok: false, status: null, error: "no answer in time" });
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const secure = url.protocol === "https:";
    const request = (secure ? https : http).request(url, {
      method: "POST",
      headers: { "user-agent": USER_AGENT, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers },
      agent: false,
      lookup: guardedLookup(target.policy, () => undefined),
      ...(secure ? { servername: isIP(host) ? undefined : host, ca: target.extraCa?.length ? [...tls.rootCertificates, ...target.extraCa] : undefined, rejectUnauthorized: true } : {}),
    });
    options.signal.addEventListener("abort", onAbort);
    request.on("error", (err) => settle({ ok: false, status: null, error: requestErrorMessage(err) }));
    request.on("response", (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return settle({ ok: true, status });
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const text = snippet(Buffer.concat(chunks));
        const redirect = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
        settle({ ok: false, status, error: `HTTP ${status}${redirect}${text ? `: ${text}` : ""}` });
      };
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, ANSWER_CAP_BYTES - size));
        size = Math.min(ANSWER_CAP_BYTES, size + chunk.length);
        if (size >= ANSWER_CAP_BYTES) finish();
      });
      res.on("end", finish);
      res.on("error", finish);
      res.on("aborted", finish);
    });
    request.end(body);
  });
}
