/**
 * The HTTP side of ping URLs: tiny plain-text answers, GET or POST, the token kept out of the logs.
 * HEAD records nothing (docs/decisions/0010-recovery-log-and-ping-urls.md).
 */
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/auth/request";
import { log } from "@/lib/log";
import { allowPingFromIp, pingMetaFromQuery, readCappedBody, recordPing, PING_SIGNALS, type PingResult, type PingSignal } from "./ping";

const ANSWERS: Record<PingResult, [number, string]> = {
  ok: [200, "OK\n"],
  "not-found": [404, "Not found\n"],
  "rate-limited": [429, "Too many pings, slow down\n"],
};

function text(status: number, body: string, extra: Record<string, string> = {}) {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra } });
}

async function handle(req: NextRequest, token: string, signalName: string): Promise<Response> {
  const started = performance.now();
  let result: PingResult;
  // "/success" is accepted as a spelled-out alias of the bare URL.
  const signal = signalName === "" ? "success" : (PING_SIGNALS as readonly string[]).includes(signalName) ? (signalName as PingSignal) : null;
  if (!allowPingFromIp(clientIp(req.headers))) {
    result = "rate-limited";
  } else if (!signal) {
    result = "not-found";
  } else {
    const excerpt = req.method === "POST" ? await readCappedBody(req.body) : null;
    try {
      result = await recordPing(token, signal, { excerpt, ...pingMetaFromQuery(req.nextUrl.searchParams) });
    } catch (err) {
      log.error({ err, signal: signalName || "success" }, "ping failed");
      return text(500, "Error\n");
    }
  }
  const [status, body] = ANSWERS[result];
  // Never log the token: it is the monitor's only credential.
  log.info({ method: req.method, path: `/api/ping/${token.slice(0, 8)}…/${signalName}`, status, ms: Math.round(performance.now() - started) }, "ping");
  return text(status, body, result === "rate-limited" ? { "retry-after": "60" } : {});
}

/** The methods that record a ping. */
export const PING_METHODS = "GET, POST";

/**
 * HEAD writes nothing and reads nothing: link unfurlers and link checkers send it to a URL pasted into a
 * chat or a wiki, and Next would answer it by running GET, which logs a backup. 405 rather than 200, so
 * a script that pings with `curl -fI` fails at once instead of believing its backups are logged.
 */
export function headPing(): Response {
  return text(405, "", { allow: PING_METHODS });
}

type Segment<P> = { params: Promise<P> };

/** /api/ping/{token}: the backup succeeded. */
export function successPing(req: NextRequest, segment: Segment<{ token: string }>) {
  return segment.params.then(({ token }) => handle(req, token, ""));
}

/** /api/ping/{token}/{start|fail}. */
export function signalPing(req: NextRequest, segment: Segment<{ token: string; signal: string }>) {
  return segment.params.then(({ token, signal }) => handle(req, token, signal));
}
