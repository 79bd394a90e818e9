import type { NextRequest } from "next/server";
import type { z } from "zod";
import { ApiError, zodIssues } from "./errors";

const MAX_BODY_BYTES = 1_000_000;

/** Parse a JSON body against a schema: 400 for unreadable JSON, 422 with issues for invalid content. */
export async function parseJsonBody<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.output<S>> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError("bad_request", "The request body is too large.");
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new ApiError("unprocessable", "The request is not valid.", zodIssues(result.error));
  return result.data;
}
