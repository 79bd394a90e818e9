import pino from "pino";
import { logLevel } from "./env";

/**
 * The one logger: JSON lines on stdout. Child loggers carry a request id (see lib/http/).
 * Secrets never go through here: redact covers the usual suspects in case someone logs a request.
 */
export const log = pino({
  level: logLevel(),
  base: { app: "preflight" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "password",
      "token",
      "secret",
      "*.password",
      "*.token",
      "*.secret",
      "headers.authorization",
      "headers.cookie",
      "req.headers.authorization",
      "req.headers.cookie",
    ],
    censor: "[redacted]",
  },
});

export type Logger = typeof log;
