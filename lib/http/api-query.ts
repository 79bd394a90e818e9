/**
 * The query-string frame of the JSON API: every route reads its parameters through `parseQuery`, so a bad
 * query is the same answer everywhere: 400 `bad_request` with one issue per parameter in error. (Pages
 * stay lenient: a page shows its defaults for a parameter it cannot read.)
 *
 * Rules: an empty parameter (`?kind=`) means the same as none, as on the pages' filter forms; a parameter
 * given twice counts with its last value; parameters the schema does not name are ignored.
 */
import type { z } from "zod";
import { ApiError } from "./errors";

export function parseQuery<S extends z.ZodType>(search: URLSearchParams, schema: S): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of search) {
    if (value.trim() === "") delete raw[key];
    else raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new ApiError(
    "bad_request",
    "The query string is not valid.",
    result.error.issues.map((i) => ({ path: i.path.join(".") || "(query)", message: i.message })),
  );
}
