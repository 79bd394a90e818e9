/**
 * The receiver's signature check exactly as docs/alerting.md shows it: the ```js block defining
 * verifyPreflightSignature is read from the document and run as written, so the documentation cannot
 * drift from what Preflight signs.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type DocumentedVerifier = (rawBody: string, header: string, secret: string) => boolean;

export const verifyPreflightSignature: DocumentedVerifier = (() => {
  const doc = readFileSync(path.join(import.meta.dirname, "../../docs/alerting.md"), "utf8");
  const snippet = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.includes("function verifyPreflightSignature"));
  if (!snippet) throw new Error("docs/alerting.md has no verifyPreflightSignature snippet");
  return new Function("require", `${snippet}\nreturn verifyPreflightSignature;`)(createRequire(import.meta.url)) as DocumentedVerifier;
})();
