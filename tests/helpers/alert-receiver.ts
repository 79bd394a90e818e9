/** A local HTTP receiver for alert tests: records every request's headers and raw body, answers as told. */
import type { IncomingHttpHeaders } from "node:http";
import { httpTarget } from "./probe-targets";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
  /** the status this request was answered with */
  answered: number;
}

export interface AlertReceiver {
  url: string;
  received: ReceivedRequest[];
  /** status for the next requests (default 200) */
  answer(status: number, delayMs?: number): void;
  /** requests per Preflight-Event-Id header */
  countsByEventId(): Map<string, number>;
  close(): Promise<void>;
}

export async function alertReceiver(path = "/hook"): Promise<AlertReceiver> {
  const received: ReceivedRequest[] = [];
  let status = 200;
  let delayMs = 0;
  const target = await httpTarget(path, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const answered = status;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        // recorded as received; the test looks at `raw`
      }
      received.push({ headers: req.headers, raw, body, answered });
      setTimeout(() => {
        res.writeHead(answered, { "content-type": "text/plain" });
        res.end(answered < 300 ? "ok" : "receiver failing");
      }, delayMs);
    });
  });
  return {
    url: target.url,
    received,
    answer(s, d = 0) {
      status = s;
      delayMs = d;
    },
    countsByEventId() {
      const counts = new Map<string, number>();
      for (const r of received) {
        const id = String(r.headers["preflight-event-id"]);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    },
    close: target.close,
  };
}
