/**
 * The demo services' health endpoints on a small HTTP server of their own, started by the launcher in
 * development. They used to be routes of the Next dev server, so every dev compile stalled them and the
 * demo showed made-up slowness and breaches; here they answer on their schedule whatever Next is doing.
 * Bound to 127.0.0.1 only.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { demoHealthAnswer } from "./endpoints";

/** The path prefix of every demo endpoint on this server: /demo/<slug>/<the guide's health path>. */
export const DEMO_TARGETS_PREFIX = "/demo/";

export interface DemoTargets {
  /** http://127.0.0.1:<port>, without a trailing slash */
  url: string;
  close(): Promise<void>;
}

export function demoTargetUrl(targetsUrl: string, slug: string, healthPath: string): string {
  return `${targetsUrl}${DEMO_TARGETS_PREFIX}${slug}${healthPath}`;
}

function answer(server: Server) {
  server.on("request", (req, res) => {
    const path = new URL(req.url ?? "/", "http://demo").pathname;
    const rest = path.startsWith(DEMO_TARGETS_PREFIX) ? path.slice(DEMO_TARGETS_PREFIX.length) : "";
    const slash = rest.indexOf("/");
    const found = slash > 0 && (req.method === "GET" || req.method === "HEAD") ? demoHealthAnswer(rest.slice(0, slash), rest.slice(slash), new Date()) : null;
    if (!found) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "not_found", message: "No such demo endpoint." } }));
      return;
    }
    const timer = setTimeout(() => {
      res.writeHead(found.status, { "content-type": found.contentType, "cache-control": "no-store", ...found.headers });
      res.end(req.method === "HEAD" ? undefined : found.body);
    }, found.delayMs);
    res.on("close", () => clearTimeout(timer));
  });
}

/** Listen on 127.0.0.1:`port` (0 picks a free one). Rejects when the port is taken. */
export function startDemoTargets(port: number): Promise<DemoTargets> {
  const server = createServer();
  answer(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
