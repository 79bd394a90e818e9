import { z } from "zod";

/**
 * The one place that reads process.env. Validated once, at start-up (scripts/launch.ts and
 * instrumentation.ts), so a bad variable fails the start with a message naming it.
 */
const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const emailList = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Optional: without it, Preflight starts an embedded PostgreSQL under .data/. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Public URL of the app; used in sign-in, invitation and ping links. */
    NEXTAUTH_URL: z.url().optional(),
    /** Signs sessions and seals stored secrets. Required in production (32+ characters). */
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** smtp(s)://user:pass@host:port — without it, sign-in and invitation emails are logged instead. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    EMAIL_FROM: z.string().default("Preflight <preflight@localhost>"),
    /** Bearer secret for POST /api/cron/* when an external scheduler drives background rounds. */
    CRON_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Comma-separated emails allowed to sign in without an invitation (bootstrap owners). */
    PREFLIGHT_ADMIN_EMAILS: emailList,
    /** Seed the demo data on first run: auto = only for the embedded database or `npm run dev`. */
    PREFLIGHT_DEMO_DATA: z.enum(["auto", "true", "false"]).default("auto"),
    /** Where local state (embedded PostgreSQL, dev secrets) lives; default .data/ in the working folder. */
    PREFLIGHT_DATA_DIR: z.string().optional(),
    /**
     * Reverse proxies in front of Preflight that append to X-Forwarded-For: the client IP (per-IP rate
     * limits, audit entries) is the entry that many places from the right; what the client wrote is ignored.
     */
    PREFLIGHT_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
    /** Sign-in emails per address and per client IP within the window (429 with Retry-After beyond). */
    RATE_LIMIT_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_SIGNIN_PER_IP: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Invitations sent per inviter and per client IP within an hour. */
    RATE_LIMIT_INVITES_PER_HOUR: z.coerce.number().int().min(1).default(30),
    /** Optional sign-in providers, each enabled only when all its variables are set. */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    GITHUB_ID: z.string().optional(),
    GITHUB_SECRET: z.string().optional(),
    /** Run probe rounds inside the server process (off for serverless hosting). */
    PROBES_IN_PROCESS: booleanish.default(true),
    /** Probe targets: comma-separated hosts (exact, or *.suffix) and CIDRs. With an allow list, only those. */
    PROBE_ALLOW: z.string().default(""),
    /** Added to the built-in deny list (link-local and cloud-metadata addresses, always refused). */
    PROBE_DENY: z.string().default(""),
    /** PEM file of extra CA certificates trusted by probes (internal CAs), added to Node's bundled roots. */
    PROBE_CA_FILE: z.string().optional(),
    /** Probes in flight at once in one round. */
    PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(100),
    /** Raw probe results are kept this many days; older ones live on only in the rollups. */
    PROBE_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      if (!env.NEXTAUTH_SECRET) {
        ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production" });
      }
      if (!env.CRON_SECRET) {
        ctx.addIssue({ code: "custom", path: ["CRON_SECRET"], message: "is required in production" });
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
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"} ${i.message}`));
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
