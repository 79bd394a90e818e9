/**
 * The Preflight probe agent: `npm run agent -- --url <preflight> --token <agent token> --location <name>`
 * (or `node dist/preflight-agent.mjs …`, built by `npm run build:agent`). It long-polls Preflight for the
 * checks due at its location, asking for as many as it has free workers so every lease covers a probe
 * that starts at once, probes them with the server's engine and target policy plus its own allow list,
 * and posts the results in batches. SIGTERM/SIGINT: stop claiming, finish the probes in flight, post.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { agentClaimsOutput, agentResultsOutput, type AgentProbeSpec, type AgentResult } from "../../lib/agents/protocol";
import { createTargetPolicy } from "../../lib/probes/target-policy";
import { probeSpec } from "./probe";

const USAGE = `usage: preflight-agent --url <preflight-url> --token <agent token> --location <name>
  [--allow <cidr or host,…>] [--deny <cidr or host,…>] [--concurrency <n>] [--ca-file <pem>] [--wait-seconds <n>]`;

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    location: { type: "string" },
    allow: { type: "string" },
    deny: { type: "string" },
    concurrency: { type: "string" },
    "ca-file": { type: "string" },
    "wait-seconds": { type: "string" },
    "batch-size": { type: "string" },
  },
});
const token = values.token ?? process.env.PREFLIGHT_AGENT_TOKEN;
if (!values.url || !token || !values.location) {
  console.error(USAGE);
  process.exit(2);
}
const base = values.url.replace(/\/$/, "");
const concurrency = Math.max(1, Number(values.concurrency ?? 20));
const waitSeconds = Number(values["wait-seconds"] ?? 25);
const batchSize = Math.max(1, Number(values["batch-size"] ?? 50));
const options = {
  policy: createTargetPolicy({ allow: values.allow, deny: values.deny }),
  extraCa: values["ca-file"] ? [readFileSync(values["ca-file"], "utf8")] : undefined,
};
const say = (m: string) => console.error(`[agent ${values.location}] ${m}`);

let stopping = false;
let pending: AgentResult[] = [];
let flushTimer: NodeJS.Timeout | undefined;
let posting: Promise<void> = Promise.resolve();
const inFlight = new Set<Promise<void>>();
let workerFreed: (() => void) | undefined;

async function call(path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${json.error?.message ?? "unexpected answer"}`);
  return json;
}

function flush() {
  clearTimeout(flushTimer);
  flushTimer = undefined;
  if (!pending.length) return;
  const batch = pending;
  pending = [];
  posting = posting.then(async () => {
    try {
      const answer = agentResultsOutput.parse(await call("/api/v1/agent/results", { results: batch }));
      if (answer.rejected.length) say(`${answer.rejected.length} result(s) refused: ${answer.rejected[0]!.reason}`);
    } catch (err) {
      // Lost results are probed again when their leases end.
      say(`could not post ${batch.length} result(s): ${(err as Error).message}`);
    }
  });
}

function start(spec: AgentProbeSpec) {
  const run = probeSpec(spec, options)
    .then((result) => {
      pending.push(result);
      if (pending.length >= batchSize) flush();
      else flushTimer ??= setTimeout(flush, 1000);
    })
    .catch((err: unknown) => say(`probe of ${spec.checkId} failed: ${(err as Error).message}`))
    .finally(() => {
      inFlight.delete(run);
      workerFreed?.();
    });
  inFlight.add(run);
}

const poll = new AbortController();
async function loop() {
  let announced = false;
  while (!stopping) {
    const free = concurrency - inFlight.size;
    if (free <= 0) {
      await new Promise<void>((resolve) => (workerFreed = resolve));
      workerFreed = undefined;
      continue;
    }
    try {
      const answer = agentClaimsOutput.parse(await call("/api/v1/agent/claims", { max: free, waitSeconds }, poll.signal));
      if (answer.location !== values.location) throw new Error(`this token is for location "${answer.location}", not "${values.location}"`);
      if (!announced) {
        say(`polling ${base} (${concurrency} workers)`);
        announced = true;
      }
      for (const spec of answer.checks) start(spec);
    } catch (err) {
      if (stopping) break;
      say((err as Error).message);
      if ((err as Error).message.includes("not \"")) process.exit(2);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  await Promise.all(inFlight);
  flush();
  await posting;
}

const stop = () => {
  stopping = true;
  poll.abort();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
loop().then(
  () => process.exit(0),
  (err: unknown) => {
    say(String(err));
    process.exit(1);
  },
);
