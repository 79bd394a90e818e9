import { z } from "zod";
import "@/lib/http/validation-messages";
import { proxyEntryProblem } from "@/lib/server/trusted-proxies";

/**
 * The one place that reads process.env. Validated once, at start-up (scripts/launch.ts and
 * instrumentation.ts), so a bad variable fails the start with a message naming it. Each problem is
 * printed as `NAME: message`, so the messages say what to set the variable to ("Set it to …").
 */
const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "Set it to true or false." })
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** A whole number from `min` (to `max`), one message for text, fractions and either bound. */
const wholeNumber = (min: number, max?: number) => {
  const message = `Set it to a whole number ${max === undefined ? `of ${min} or more` : `from ${min} to ${max}`}.`;
  const n = z.coerce.number({ error: message }).int(message).min(min, message);
  return max === undefined ? n : n.max(max, message);
};

const SECRET_HINT = {
  NEXTAUTH_SECRET: "at least 32 random characters (openssl rand -base64 48)",
  CRON_SECRET: "at least 16 random characters (openssl rand -base64 24)",
};

const emailList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address: list addresses separated by commas.` })));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Optional: without it, Preflight starts an embedded PostgreSQL under .data/. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "Set it to a postgres:// or postgresql:// URL, or leave it unset for the embedded database.")
      .optional(),
    /** Connections in each of the app's two pools (Prisma's and the raw pg pool, see lib/db.ts). */
    DATABASE_POOL_MAX: wholeNumber(1, 1000).default(10),
    /**
     * Longest a database statement may take (ms) before the request answers 503 (docs/decisions/0020);
     * also bounds the wait when the database hangs.
     */
    DATABASE_QUERY_TIMEOUT_MS: wholeNumber(100, 600_000).default(5_000),
    PORT: wholeNumber(1, 65535).default(3000),
    /** Public URL of the app; used in sign-in, invitation and ping links. */
    NEXTAUTH_URL: z.url({ error: "Set it to the public URL of Preflight, such as https://preflight.example.com." }).optional(),
    /** Signs sessions and seals stored secrets. Required in production (32+ characters). */
    NEXTAUTH_SECRET: z.string().min(32, `Set it to ${SECRET_HINT.NEXTAUTH_SECRET}.`).optional(),
    /** smtp(s)://user:pass@host:port — without it, sign-in and invitation emails are logged instead. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "Set it to an smtp:// or smtps:// URL, such as smtps://user:pass@smtp.example.com:465.").optional(),
    EMAIL_FROM: z.string().default("Preflight <preflight@localhost>"),
    /** Bearer secret for POST /api/cron/* when an external scheduler drives background rounds. */
    CRON_SECRET: z.string().min(16, `Set it to ${SECRET_HINT.CRON_SECRET}.`).optional(),
    /** Bearer token of GET /api/metrics (Prometheus); unset, the route answers 404 (docs/metrics.md). */
    METRICS_TOKEN: z.string().min(16, "Set it to at least 16 random characters (openssl rand -base64 24).").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Comma-separated emails allowed to sign in without an invitation (bootstrap owners). */
    PREFLIGHT_ADMIN_EMAILS: emailList,
    /** Seed the demo data on first run: auto = only for the embedded database or `npm run dev`. */
    PREFLIGHT_DEMO_DATA: z.enum(["auto", "true", "false"]).default("auto"),
    /** Where the launcher serves the demo health endpoints in development (127.0.0.1; default PORT + 1). */
    DEMO_TARGETS_PORT: wholeNumber(1, 65535).optional(),
    /** Where local state (embedded PostgreSQL, dev secrets) lives; default .data/ in the working folder. */
    PREFLIGHT_DATA_DIR: z.string().optional(),
    /**
     * Reverse proxies in front of Preflight that append to X-Forwarded-For: the client IP (per-IP rate
     * limits, audit entries) is the entry that many places from the right; what the client wrote is ignored.
     * 0 (default, nothing in front): no forwarded header is believed; the IP is the connection's (decision 0019).
     */
    PREFLIGHT_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /**
     * Comma-separated IPs or CIDR ranges of those proxies. When set, forwarded headers are believed only on
     * requests whose TCP peer is one of them; a client reaching the port directly is judged by its own address.
     */
    PREFLIGHT_TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((s) => s.split(",").map((e) => e.trim()).filter(Boolean))
      .superRefine((entries, ctx) => {
        for (const entry of entries) {
          const problem = proxyEntryProblem(entry);
          if (problem) ctx.addIssue({ code: "custom", message: `${problem}.` });
        }
      }),
    /**
     * How often open pages (the board, a service's page, uptime and thresholds) re-render their status
     * while the tab is visible, in seconds; 0 turns live updates off (decision 0023).
     */
    PREFLIGHT_REFRESH_SECONDS: wholeNumber(0, 3600).default(20),
    /** Sign-in emails per address and per client IP within the window (429 with Retry-After beyond). */
    RATE_LIMIT_SIGNIN_PER_EMAIL: wholeNumber(1).default(5),
    RATE_LIMIT_SIGNIN_PER_IP: wholeNumber(1).default(20),
    RATE_LIMIT_SIGNIN_WINDOW_SECONDS: wholeNumber(1).default(900),
    /** Invitations sent per inviter and per client IP within an hour. */
    RATE_LIMIT_INVITES_PER_HOUR: wholeNumber(1).default(30),
    /** Optional sign-in providers, each enabled only when all its variables are set. */
    OIDC_ISSUER: z.url({ error: "Set it to the issuer's URL, such as https://accounts.example.com." }).optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    GITHUB_ID: z.string().optional(),
    GITHUB_SECRET: z.string().optional(),
    /**
     * Run probe rounds in this instance: in the launcher under `npm start`, else in the standalone server
     * itself. false: a web-only instance (schedulers run `npm run scheduler`; serverless hosts call the cron route).
     */
    PROBES_IN_PROCESS: booleanish.default(true),
    /** Probe targets: comma-separated hosts (exact, or *.suffix) and CIDRs. With an allow list, only those. */
    PROBE_ALLOW: z.string().default(""),
    /** Added to the built-in deny list (link-local and cloud-metadata addresses, always refused). */
    PROBE_DENY: z.string().default(""),
    /** PEM file of extra CA certificates trusted by probes (internal CAs), added to Node's bundled roots. */
    PROBE_CA_FILE: z.string().optional(),
    /** Probes in flight at once in one round. */
    PROBE_CONCURRENCY: wholeNumber(1, 1000).default(100),
    /** Raw probe results are kept this many days; older ones live on only in the rollups. */
    PROBE_RAW_RETENTION_DAYS: wholeNumber(1, 3650).default(14),
    /** Set by scripts/launch.ts for the Next server it spawns: the server exits when the launcher dies. */
    PREFLIGHT_LAUNCHER_PID: wholeNumber(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      if (!env.NEXTAUTH_SECRET) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: `Required in production: set it to ${SECRET_HINT.NEXTAUTH_SECRET}.` });
      }
      if (!env.CRON_SECRET) {
        ctx.addIssue({ code: "custom", path: ["CRON_SECRET"], message: `Required in production: set it to ${SECRET_HINT.CRON_SECRET}.` });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parse an environment; empty strings count as unset, as in most .env tooling. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}


export function publicUrl(): string {
  const e = env();
  return (e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/**
 * The database settings alone, validated without the rest: lib/db.ts reads them when no URL was handed
 * to `configureDatabase`, and scripts and tests load it before (or without) the start-up check.
 */
export function databaseEnv(): Pick<Env, "DATABASE_URL" | "DATABASE_POOL_MAX" | "DATABASE_QUERY_TIMEOUT_MS"> {
  const { DATABASE_URL, DATABASE_POOL_MAX, DATABASE_QUERY_TIMEOUT_MS } = envSchema.shape;
  const result = z.object({ DATABASE_URL, DATABASE_POOL_MAX, DATABASE_QUERY_TIMEOUT_MS }).safeParse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX || undefined,
    DATABASE_QUERY_TIMEOUT_MS: process.env.DATABASE_QUERY_TIMEOUT_MS || undefined,
  });
  if (!result.success) throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  return result.data;
}

/**
 * The logger's level, read without validating the rest: the logger exists before the start-up check
 * runs (and in scripts that never run it). Silent under tests unless LOG_LEVEL says otherwise.
 */
export function logLevel(): string {
  return process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
}

/**
 * Where health-check headers find the PROBE_SECRET_* variables they name (read when a probe runs;
 * lib/checks/header-secrets.ts refuses any other name).
 */
export function probeSecretSource(): Record<string, string | undefined> {
  return process.env;
}
