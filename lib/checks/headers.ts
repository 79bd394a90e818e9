/**
 * Request headers of a health check as the API and the forms take them, and as they are shown back.
 *
 * Input, one of:
 *   { name, value }      a secret value, sealed at rest (lib/checks/header-secrets.ts)
 *   { name, env }        the name of an environment variable read at probe time; only PROBE_SECRET_*
 *                        variables, so an editor cannot send the server's own secrets (NEXTAUTH_SECRET,
 *                        DATABASE_URL) to a target of their choosing
 *   { name, keep: true } on PATCH only: keep the stored header of that name without re-sending its value
 * Output: { name, source: "sealed" | "env", env? } — never a value.
 */
import { z } from "zod";
import { HEADER_ENV_PREFIX, HEADER_NAME, isForbiddenHeader } from "./header-names";
import { sealSecret, storedHeaderSchema, type StoredHeader } from "./header-secrets";

export const MAX_HEADERS = 20;

const headerName = z
  .string()
  .trim()
  .min(1, "Give the header a name.")
  .max(100)
  .regex(HEADER_NAME, "A header name is letters, digits and dashes, such as X-Api-Key (no spaces or colons).")
  .refine((n) => !isForbiddenHeader(n), { message: "This header is set by the HTTP client and cannot be configured (host, content-length, cookie, connection, transfer-encoding, proxy-*, sec-* …)." });

const headerValue = z
  .string()
  .min(1, "Enter the header's value, or name an environment variable instead.")
  .max(4096)
  .refine((v) => !/[\r\n\0]/.test(v), "A header value cannot contain line breaks.");

const envName = z
  .string()
  .trim()
  .regex(new RegExp(`^${HEADER_ENV_PREFIX}[A-Z0-9_]+$`), `The variable name must start with ${HEADER_ENV_PREFIX} (upper-case letters, digits, _).`);

function headerInputSchema(allowKeep: boolean) {
  const fields = { name: headerName, value: headerValue.optional(), env: envName.optional() };
  return z
    .object(allowKeep ? { ...fields, keep: z.literal(true).optional() } : fields)
    .strict()
    .superRefine((h, ctx) => {
      const given = [h.value !== undefined, h.env !== undefined, "keep" in h && h.keep !== undefined].filter(Boolean).length;
      if (given !== 1) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: allowKeep ? "Give exactly one of value, env or keep:true." : "Give exactly one of value or env.",
        });
      }
    });
}

function headerListSchema(allowKeep: boolean) {
  return z
    .array(headerInputSchema(allowKeep))
    .max(MAX_HEADERS)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((h, i) => {
        const key = h.name.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `The header ${h.name} is listed twice.` });
        seen.add(key);
      });
    });
}

export const createHeadersSchema = headerListSchema(false);
export const patchHeadersSchema = headerListSchema(true);
export type HeaderInput = { name: string; value?: string; env?: string; keep?: true };

export type PublicHeader = { name: string; source: "sealed" } | { name: string; source: "env"; env: string };

/** Stored headers as the API shows them: names and where the value comes from, never the value. */
export function publicHeaders(stored: unknown): PublicHeader[] {
  const parsed = z.array(storedHeaderSchema).safeParse(stored ?? []);
  if (!parsed.success) return [];
  return parsed.data.map((h) => ("env" in h ? { name: h.name, source: "env", env: h.env } : { name: h.name, source: "sealed" }));
}

export function parseStoredHeaders(stored: unknown): StoredHeader[] {
  const parsed = z.array(storedHeaderSchema).safeParse(stored ?? []);
  return parsed.success ? parsed.data : [];
}

/**
 * The headers to store for an input list: values sealed, env references as they are, `keep` resolved
 * against the stored headers. Returns the issues (with their paths) when a kept header does not exist.
 */
export function toStoredHeaders(
  input: readonly HeaderInput[],
  current: readonly StoredHeader[],
): { headers: StoredHeader[]; issues: { path: string; message: string }[] } {
  const headers: StoredHeader[] = [];
  const issues: { path: string; message: string }[] = [];
  input.forEach((h, i) => {
    if (h.value !== undefined) headers.push({ name: h.name, sealed: sealSecret(h.value) });
    else if (h.env !== undefined) headers.push({ name: h.name, env: h.env });
    else if (h.keep) {
      const kept = current.find((c) => c.name.toLowerCase() === h.name.toLowerCase());
      if (kept) headers.push({ ...kept, name: h.name });
      else issues.push({ path: `headers.${i}.keep`, message: `There is no stored header ${h.name} to keep: enter its value.` });
    }
  });
  return { headers, issues };
}

/**
 * A sealed value was entered for one site. When a check's URL moves to another origin, each sealed header
 * must be entered again rather than kept: otherwise an editor could have a secret they were never shown
 * sent to a server of their choosing (the probe drops these headers on a cross-origin redirect too).
 * `input` is the patch's header list, or undefined when the patch leaves the headers as they are.
 */
export function sealedHeadersLeavingOrigin(input: readonly HeaderInput[] | undefined, current: readonly StoredHeader[]): { path: string; message: string }[] {
  const message = "The URL now points to another site: enter this secret value again (a stored value is only sent to the site it was entered for).";
  const sealed = (name: string) => current.some((c) => "sealed" in c && c.name.toLowerCase() === name.toLowerCase());
  if (input === undefined) return current.some((c) => "sealed" in c) ? [{ path: "headers", message }] : [];
  return input.flatMap((h, i) => (h.keep && sealed(h.name) ? [{ path: `headers.${i}.keep`, message }] : []));
}
