/**
 * The deploy gate, one implementation for `npm run preflight -- gate` and for the single-file script
 * `dist/preflight-gate.mjs` (`npm run build:gate`, docs/ci-gate.md). It asks
 * `GET /api/v1/services/{slug}/readiness?require=ready` and exits
 *   0 when the service is ready,
 *   1 when it is not (the blockers printed),
 *   2 on a usage, connection, authentication or any other error (so a broken gate never reads as "not ready").
 * Node's built-ins only (fetch, util.parseArgs): the bundle runs on plain Node 20 without an install.
 */
import { parseArgs } from "node:util";

export const GATE_EXIT = { ready: 0, notReady: 1, error: 2 } as const;

export const gateUsage = (program = "node preflight-gate.mjs") =>
  `usage: ${program} <service-slug> --url <preflight-url> [--token <api-token>] [--timeout <seconds>]\n  the token may also come from PREFLIGHT_TOKEN`;

export interface GateIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
  fetch?: typeof fetch;
  /** how the usage line names the command */
  program?: string;
}

interface ReadinessAnswer {
  slug?: string;
  score?: number;
  level?: string;
  ready?: boolean;
  blockers?: { kind: string; message: string }[];
}

interface ErrorAnswer {
  error?: { code?: string; message?: string; readiness?: ReadinessAnswer };
}

class GateError extends Error {}

function parse(argv: string[], env: GateIo["env"], usage: string) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { url: { type: "string" }, token: { type: "string" }, timeout: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    throw new GateError(`${(err as Error).message.split("\n")[0]}\n${usage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  const slug = positionals[0];
  const token = values.token ?? env.PREFLIGHT_TOKEN;
  if (!slug || positionals.length > 1 || !values.url || !token) {
    throw new GateError(`a service slug, --url and --token (or PREFLIGHT_TOKEN) are required\n${usage}`);
  }
  let base: URL;
  try {
    base = new URL(values.url);
  } catch {
    throw new GateError(`--url is not a URL: ${values.url}`);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new GateError(`--url must be http or https: ${values.url}`);
  const timeoutSeconds = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new GateError(`--timeout must be a number of seconds: ${values.timeout}`);
  return { slug, token, base, timeoutMs: timeoutSeconds * 1000 };
}

function printNotReady(slug: string, r: ReadinessAnswer, out: GateIo["out"]) {
  out(`✗ ${slug} is not ready (${r.level ?? "unknown level"}, score ${r.score ?? "?"}). Blockers:`);
  for (const b of r.blockers ?? []) out(`  - [${b.kind}] ${b.message}`);
}

async function ask(argv: string[], io: GateIo): Promise<number> {
  const usage = gateUsage(io.program);
  const args = parse(argv, io.env, usage);
  if (!args) {
    // Not 0: a pipeline that runs the gate with --help by mistake must not pass it.
    io.err(usage);
    return GATE_EXIT.error;
  }
  const { slug, token, base, timeoutMs } = args;
  const url = new URL(`${base.pathname.replace(/\/$/, "")}/api/v1/services/${encodeURIComponent(slug)}/readiness?require=ready`, base);
  const res = await (io.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: Error) => {
    const cause = (err.cause as Error | undefined)?.message;
    throw new GateError(`could not reach ${base.origin}: ${err.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (cause ?? err.message)}`);
  });
  const body = (await res.json().catch(() => null)) as (ReadinessAnswer & ErrorAnswer) | null;
  if (res.status === 412 && body?.error?.readiness) {
    printNotReady(slug, body.error.readiness, io.out);
    return GATE_EXIT.notReady;
  }
  if (!res.ok || !body) {
    const why = body?.error?.message ?? (body ? "unexpected answer" : "the answer is not JSON (is --url Preflight's address?)");
    throw new GateError(`Preflight answered ${res.status}: ${why}`);
  }
  // A server from before ?require=ready answers 200 either way: `ready` decides.
  if (body.ready === true) {
    io.out(`✓ ${slug} is ready for production (score ${body.score}).`);
    return GATE_EXIT.ready;
  }
  if (body.ready === false) {
    printNotReady(slug, body, io.out);
    return GATE_EXIT.notReady;
  }
  throw new GateError(`Preflight answered ${res.status} without a readiness answer`);
}

export async function runGate(argv: string[], io: GateIo): Promise<number> {
  try {
    return await ask(argv, io);
  } catch (err) {
    io.err(`error: ${err instanceof GateError ? err.message : String(err)}`);
    return GATE_EXIT.error;
  }
}
