import { NextResponse } from "next/server";
import { jsonResponse } from "./json";
import { z } from "zod";
import { log } from "@/lib/log";
import { databaseProbe } from "@/lib/db";
import { databaseUnavailable, noteDatabaseDown, OUTAGE_RETRY_AFTER_SECONDS } from "@/lib/db/outage";
import "@/lib/http/validation-messages";

/** The error codes of the one error shape of the API: {"error":{"code","message","issues?"}}. */
export const ERROR_CODES = [
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "precondition_failed",
  "unsupported_media_type",
  "unprocessable",
  "rate_limited",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly issues?: ErrorIssue[],
    public readonly headers?: Record<string, string>,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status() {
    return STATUS[this.code];
  }
}

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

/** PostgreSQL refuses a NUL byte (or a character its encoding lacks) in text: invalid input, not our fault. */
const UNSTORABLE_TEXT = new Set(["22021", "22P05"]);

/**
 * The refusal for input the database could not store (a NUL in a URL segment, a query or a form field),
 * or null when `err` is something else. Such a statement fails whole, so nothing was written.
 */
export function unstorableInput(err: unknown): ApiError | null {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } } } | null;
  const code = e?.meta?.driverAdapterError?.cause?.code ?? e?.code;
  if (typeof code !== "string" || !UNSTORABLE_TEXT.has(code)) return null;
  return new ApiError("bad_request", "The request contains a character that cannot be stored (a NUL character).");
}

/**
 * The refusal while the database cannot be reached or does not answer in time (docs/decisions/0020), or
 * null when `err` is something else. The outage is logged once, not once per request.
 */
export function databaseOutage(err: unknown): ApiError | null {
  if (!databaseUnavailable(err)) return null;
  noteDatabaseDown(err, databaseProbe);
  return new ApiError("unavailable", "The database is unreachable at the moment; try again in a few seconds.", undefined, {
    "retry-after": String(OUTAGE_RETRY_AFTER_SECONDS),
  });
}

export function errorResponse(err: unknown, requestId?: string): NextResponse {
  if (err instanceof ApiError) {
    return jsonResponse(
      { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}), ...err.details } },
      { status: err.status, headers: { ...err.headers, ...(requestId ? { "x-request-id": requestId } : {}) } },
    );
  }
  if (err instanceof z.ZodError) {
    return errorResponse(new ApiError("unprocessable", "The request is not valid.", zodIssues(err)), requestId);
  }
  const unstorable = unstorableInput(err);
  if (unstorable) return errorResponse(unstorable, requestId);
  const outage = databaseOutage(err);
  if (outage) return errorResponse(outage, requestId);
  // Unknown failure: log it with the request id, answer without internals.
  log.error({ err, requestId }, "unhandled error");
  return jsonResponse(
    { error: { code: "internal", message: "Something went wrong on our side.", ...(requestId ? { requestId } : {}) } },
    { status: 500, headers: requestId ? { "x-request-id": requestId } : {} },
  );
}
