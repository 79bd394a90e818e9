/** Local HTTP(S) servers for probe tests: each records its hits and answers as the test says. */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";

export interface TestTarget {
  url: string;
  hits: Map<string, number>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function track(server: http.Server, scheme: "http" | "https", path: string): Promise<TestTarget> {
  const hits = new Map<string, number>();
  server.prependListener("request", (req: IncomingMessage) => hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1));
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `${scheme}://${scheme === "https" ? "localhost" : "127.0.0.1"}:${port}${path}`,
        hits,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}

export function httpTarget(path: string, handler: Handler): Promise<TestTarget> {
  return track(http.createServer(handler), "http", path);
}

/** A self-signed certificate for localhost valid for `days` more days, and an https server using it. */
export async function selfSignedTarget(path: string, days: number, handler: Handler): Promise<TestTarget & { cert: string; notAfter: Date }> {
  const notAfter = new Date(Date.now() + days * 86_400_000);
  notAfter.setUTCMilliseconds(0);
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    notBeforeDate: new Date(Date.now() - 86_400_000),
    notAfterDate: notAfter,
    algorithm: "sha256",
    keyType: "ec",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }],
  });
  const target = await track(https.createServer({ key: pems.private, cert: pems.cert }, handler) as unknown as http.Server, "https", path);
  return { ...target, cert: pems.cert, notAfter };
}
