import type { NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError, zodIssues, type ErrorIssue } from "./errors";

const MAX_BODY_BYTES = 1_000_000;

/**
 * The body as text, read no further than `maxBytes`: a declared Content-Length over the limit is refused
 * unread, and a body without one (chunked) is cut off as soon as it passes the limit, so a caller cannot
 * make the server buffer an unbounded body.
 */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES, tooLarge = "The request body is too large."): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await req.body?.cancel().catch(() => undefined);
    throw new ApiError("bad_request", tooLarge);
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ApiError("bad_request", tooLarge);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

const pathOf = (visit: Visit, last?: string): string => {
  const parts: (string | number)[] = last === undefined ? [] : [last];
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) parts.unshift(v.key);
  return parts.join(".") || "(body)";
};

/**
 * One rule for all text input: text is Unicode as UTF-8 can
 * carry it. Ill-formed bytes already become U+FFFD when a body, a form or a query is decoded; a lone
 * surrogate written as a JSON escape ("\ud800") becomes U+FFFD the same way, so it is stored as the same
 * replacement character rather than refused by PostgreSQL (jsonb cannot hold it: the audit row failed).
 */
const wellFormed = (text: string): string => (text.isWellFormed() ? text : text.toWellFormed());

/**
 * Makes every string of a parsed body (value or key) well-formed in place, and returns the path of the
 * first one holding a NUL character, which PostgreSQL cannot store as text. Walked with a stack of its own
 * and parent links (no path copies): a body nested 400,000 deep must neither overflow the call stack nor
 * take quadratic time.
 */
function cleanText(root: unknown): { value: unknown; nul: string | null } {
  if (typeof root === "string") return { value: wellFormed(root), nul: root.includes("\u0000") ? "(body)" : null };
  const stack: Visit[] = [{ value: root, key: null, parent: null }];
  while (stack.length) {
    const visit = stack.pop()!;
    const { value } = visit;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return { value: root, nul: pathOf(visit) };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        if (typeof value[i] === "string") value[i] = wellFormed(value[i] as string);
        stack.push({ value: value[i], key: i, parent: visit });
      }
    } else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      const entries = Object.entries(record);
      if (entries.some(([key]) => !key.isWellFormed())) {
        for (const [key] of entries) delete record[key];
        for (const [key, item] of entries) record[wellFormed(key)] = item;
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const key = wellFormed(entries[i]![0]);
        if (key.includes("\u0000")) return { value: root, nul: pathOf(visit, key) };
        if (typeof record[key] === "string") record[key] = wellFormed(record[key] as string);
        stack.push({ value: record[key], key, parent: visit });
      }
    }
  }
  return { value: root, nul: null };
}

/** Parse a JSON body against a schema: 400 for unreadable JSON, 422 with issues for invalid content. */
export async function parseJsonBody<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.output<S>> {
  const text = await readBodyText(req);
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
  const { value, nul } = cleanText(data);
  if (nul !== null) {
    const issue: ErrorIssue = { path: nul, message: "This text contains a NUL character (\\u0000), which cannot be stored: remove it." };
    throw new ApiError("unprocessable", "The request is not valid.", [issue]);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError("unprocessable", "The request is not valid.", zodIssues(result.error));
  return result.data;
}
