import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SEED_GUIDES } from "../../lib/templates/guides";
import { templateFileSchema, type TemplateFile } from "../../lib/templates/schema";

/**
 * Coverage of the built-in checklist templates against the four seed guides.
 *
 * For each guide, `checklist` holds the guide's explicit bullets (copied verbatim, only trimmed) and `prose` the
 * titles given to the actionable recommendations found in the guide's prose, config samples and tables. A title
 * that disappears from its template file makes the test fail and names the title.
 */
type GuideKey = "hyperterse" | "cryptopulse" | "trailbase" | "glasswork";

const EXPECTED: Record<GuideKey, { source: string; checklist: string[]; prose: string[] }> = {
  hyperterse: {
    source: "000_6489880ebff31306.txt",
    checklist: [
      "Environment variables for all credentials",
      "SSL/TLS enabled for database connections",
      "Database user has minimal permissions",
      "Hyperterse behind reverse proxy with TLS",
      "Authentication configured at proxy level",
      "Rate limiting enabled",
      "Error logging configured (not to clients)",
      "Regular secret rotation process",
      "Configure throttling at the gateway level",
      "Set per-client rate limits",
      "Use burst allowances for legitimate traffic spikes",
      "Request latency (p50, p95, p99)",
      "Error rate",
      "Database connection pool usage",
      "Memory and CPU usage",
      "Which queries are being called",
      "Who is calling them",
      "Whether least-privilege is maintained",
    ],
    prose: [
      "Place Hyperterse behind a reverse proxy (Nginx or Caddy) that terminates TLS",
      "Add authentication at the proxy layer (API key header or auth service)",
      "Rate-limit requests at the proxy (10 r/s per client, burst 20, status 429)",
      "Run with the WARN log level in production",
      "Send logs to a centralized system",
      "Implement health checks for load balancers (/heartbeat)",
      "Use typed inputs (e.g. type: int) instead of free-form strings",
      "Always limit query results",
      "Never template table names into statements; define separate queries per table",
      "Deploy a production bundle built with hyperterse export",
      "Keep Hyperterse updated",
      "Schedule regular credential rotation",
    ],
  },
  cryptopulse: {
    source: "001_5d9bb4209a8b55ef.txt",
    checklist: [
      "Change all default passwords and secrets",
      "Enable HTTPS with valid SSL certificates",
      "Configure firewall rules",
      "Set up automated database backups",
      "Enable Redis persistence",
      "Configure resource limits for containers",
      "Set appropriate log levels",
      "Set up health check monitoring",
      "Configure alerting for critical metrics",
      "Test backup restoration procedure",
      "Document incident response procedures",
      "Set up log aggregation",
      "Review and adjust rate limiting",
      "Test rolling update procedure",
      "Configure domain and DNS",
      "Set up CDN (if needed)",
    ],
    prose: [
      "Never commit .env files or expose secrets in logs, error messages, or version control",
      "Generate a strong JWT secret (minimum 32 characters)",
      "Use a strong admin password",
      "Consider using a password manager to generate and store credentials",
      "Change default PostgreSQL credentials",
      "Use a production-tier CoinGecko API key",
      "Only expose necessary ports (firewall)",
      "Restrict SSH to specific IPs",
      "Block direct access to PostgreSQL and Redis from external networks",
      "Always use HTTPS in production",
      "Redirect HTTP to HTTPS",
      "Restrict TLS protocols and ciphers (TLSv1.2/TLSv1.3)",
      "Send the Strict-Transport-Security (HSTS) header",
      "Send security headers (X-Frame-Options, X-Content-Type-Options, X-XSS-Protection)",
      "Set proxy timeouts",
      "Mount SSL certificates into the Nginx container read-only",
      "Adjust throttling limits based on expected traffic",
      "Set THROTTLE_LOGIN_LIMIT to a low value (3-5)",
      "Run as non-root user",
      "Limit container resources",
      "Automate database backups with a backup script",
      "Schedule daily backups with cron",
      "Regularly test backup restoration",
      "Configure the database connection pool per API instance",
      "Ensure PostgreSQL max_connections can handle all instance pools",
      "Always test migrations on staging before production",
      "Enable Redis persistence (appendonly) with a data volume",
      "Add a Redis container health check (redis-cli ping)",
      "Set a Redis maxmemory limit and eviction policy",
      "Use the warn or error log level in production",
      "Cap container log size (json-file max-size / max-file)",
      "Send logs to a centralized logging system",
      "Implement health check endpoints and monitor them (/health)",
      "Set up uptime and metrics monitoring",
      "Alert when API response time > 2s (p95)",
      "Alert when error rate > 1%",
      "Alert when CPU usage > 80% sustained",
      "Alert when memory usage > 85%",
      "Alert when PostgreSQL connections > 80% of max",
      "Alert when Redis memory > 90%",
      "Alert when disk usage > 85%",
      "Tune batching parameters based on traffic patterns",
      "Set a CoinGecko request timeout and use the Pro API for higher rate limits",
      "Add indexes for frequently queried columns",
      "Store backups in multiple locations",
      "Prepare the database recovery procedure",
      "Prepare the Redis recovery procedure",
      "Keep a backup of the .env file in a secure location",
      "Prepare the full system recovery procedure",
      "Meet the API recovery time objective (< 5 minutes)",
      "Meet the database recovery time objective (< 15 minutes)",
      "Meet the Redis recovery time objective (< 2 minutes)",
      "Meet the full system recovery time objective (< 30 minutes)",
      "Scale vertically by increasing instance resources",
      "Add more API instances as traffic grows",
      "Use read replicas to separate read and write operations",
      "Use PgBouncer for connection management",
      "Use a managed database service (AWS RDS, Google Cloud SQL, Azure Database)",
    ],
  },
  trailbase: {
    source: "002_1374269f4630c388.txt",
    checklist: [

    ],
    prose: [
      "Set up TLS termination behind a reverse proxy (NGinx, Caddy)",
      "Use automatic certificate renewal (Let's Encrypt)",
      "Use record API authorization primitives to tighten access to data",
      "Check _REQ_.<user_id> == _USER_.id on record creations and updates",
      "Expose admin APIs and UIs on a separate private port",
      "Mount the configuration directory read-only (keep the data directory writable)",
      "Set up an SMTP server that sends email from your domain",
      "Deploy in a container (e.g. Docker)",
      "Mount <data_dir>/secrets and <data_dir>/config.textproto read-only",
      "Probe the /api/healthcheck endpoint from container orchestration",
      "Consider setting up probers probing other endpoints",
      "Use periodic backups to another local or remote drive",
      "Continuously replicate the database with Litestream",
    ],
  },
  glasswork: {
    source: "003_51aecf67099b6b6e.txt",
    checklist: [
      "Disable public docs: openapi.serveSpecs = false, openapi.serveUI = false",
      "Turn on rate limiting: rateLimit.enabled = true, DynamoDB store in prod",
      "Lock down CORS: explicit origins + credentials only if required",
      "Secure headers: enable middleware.secureHeaders",
      "Authentication: implement middleware; never rely on public flag alone",
      "Secrets from env: load from SSM/Secrets Manager; never commit secrets",
      "Structured logging: Pino JSON with requestId + service names",
      "Exception tracking: CloudWatch tracker or Sentry/AppSignal",
      "TLS everywhere: HTTPS and HSTS at CDN/ALB/API Gateway",
      "Database hygiene: pool sizing, connection reuse, migrations applied",
      "Email: out of SES sandbox; verified sender identities",
      "Keep health/readiness endpoints enabled",
      "Size connection pools for pod concurrency (not Lambda)",
      "Replace Function URL/CORS guidance with your ingress settings",
      "Implement auth middleware; public: true only marks docs as unauthenticated.",
      "Document auth scheme in OpenAPI and verify 401/403 responses are present.",
      "Prefer short-lived access tokens and server-side sessions.",
      "Strip sensitive headers from logs.",
      "Set NODE_ENV=production; run with \"type\": \"module\" and strict TS build.",
      "Load secrets from env/SSM/Secrets Manager; never hardcode.",
      "Validate configuration via createConfig at startup.",
      "Default to least privilege IAM roles; restrict SES identities and S3 buckets.",
      "Add a cheap, dependency-light endpoint (e.g. /internal/health).",
      "Exclude it from OpenAPI with openapi: { exclude: true } on the route.",
      "Optionally add a deeper readiness check that touches DB/queues.",
      "Use pino with the provided lambdaPinoConfig.",
      "Prefer createContextAwarePinoLogger in services for consistent fields.",
      "Ship requestId + service name in every log line.",
      "Avoid logging secrets (tokens, passwords, PII).",
      "Rely on domain exceptions (NotFoundException, BadRequestException, etc.).",
      "Keep a default error handler; do not leak stack traces in production responses.",
      "Track 5xx errors at minimum. Consider including 404s for critical resources.",
      "Track latency, 4xx/5xx rates, rate-limit hits, cold starts.",
      "Enable CloudWatch alarms for error rate, latency, and cold start spikes.",
      "Validate all input via Valibot schemas.",
      "Enforce response validation for external-facing routes (prevents data leaks).",
      "Use strictTypes: true for sensitive responses.",
      "Back up production databases; enable RDS performance insights and error logs.",
      "Size connection pools for Lambda concurrency or server threads.",
      "Reuse clients across invocations; avoid creating clients per request.",
      "For Lambda + Postgres, use PgBouncer/RDS Proxy; set low pool size.",
      "Run migrations before deploy; block boot if pending migrations remain.",
      "Move SES out of sandbox before production; verify sender identities.",
      "Set configurationSet to emit bounces/complaints; alarm on high rates.",
      "For dev/staging, keep sandbox on and point to non-customer mailboxes.",
      "Immutable builds: use esbuild with format: 'esm', keepNames: true, external: ['@aws-sdk/*'].",
      "Infrastructure: prefer SAM/CDK/Terraform; pin runtime to nodejs20.x+; set memory + timeout per workload.",
      "Cold starts: minimize bundle size; use provisioned concurrency for critical paths; reuse DI container.",
      "Static assets: serve from CDN/S3; do not serve from app.",
      "End-to-end smoke test (auth + one read + one write) in staging.",
      "Run lint, format, and tests on CI.",
      "Toggle feature flags via config, not code.",
      "Document rollback procedure (last known good build + infra change).",
      "Set timeouts: HTTP clients, DB queries, and Lambda function timeout.",
      "Use idempotency where appropriate for background jobs and webhooks.",
      "Security: Content Security Policy headers; JWT/session rotation; audit logging.",
      "Operational: request sampling for logs; structured logging only (no console.log dumps).",
      "Data: soft deletes for key tables; migrations with down scripts.",
      "How it changes deployment (queues, cache, roles).",
      "Observability knobs (metrics/logs).",
      "Failure modes and rollbacks.",
    ],
    prose: [
      "Don't expose OpenAPI specs or UI in production",
      "Keep writeToFile if you need to publish specs to an artifact store or gateway",
      "Enable rate limiting with DynamoDB storage",
      "Restrict CORS to explicit origins",
      "Enable the secureHeaders middleware",
    ],
  },
};

const GUIDES = Object.keys(EXPECTED) as GuideKey[];

function loadTemplate(key: string): TemplateFile {
  const file = join(process.cwd(), "templates", `${key}.yaml`);
  const result = templateFileSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ");
    throw new Error(`templates/${key}.yaml does not match templateFileSchema:\n  ${issues}`);
  }
  return result.data;
}

function itemsOf(tpl: TemplateFile) {
  return tpl.sections.flatMap((section) => section.items);
}

describe("seed guide templates", () => {
  for (const guide of GUIDES) {
    describe(guide, () => {
      it("is a valid template file for its seed guide", () => {
        const tpl = loadTemplate(guide);
        expect(tpl.key).toBe(guide);
        // Named by its guide, not by the seed file's hashed name (which people never see).
        expect(tpl.source).toBe(SEED_GUIDES[EXPECTED[guide].source]);
        expect(tpl.source).not.toMatch(/\.txt/);
      });

      it("contains every checklist bullet and prose recommendation of the guide", () => {
        const titles = new Set(itemsOf(loadTemplate(guide)).map((item) => item.title));
        const expected = [...EXPECTED[guide].checklist, ...EXPECTED[guide].prose];
        const missing = expected.filter((title) => !titles.has(title));
        expect(missing, `titles missing from templates/${guide}.yaml:\n  ${missing.join("\n  ")}`).toEqual([]);
      });
    });
  }
});

describe("baseline template", () => {
  it("is a valid template file", () => {
    expect(loadTemplate("baseline").key).toBe("baseline");
  });

  it("references every item of the four guide templates exactly once", () => {
    const refs = new Map<string, number>();
    for (const item of itemsOf(loadTemplate("baseline"))) {
      for (const source of item.sources ?? []) refs.set(source, (refs.get(source) ?? 0) + 1);
    }
    const problems: string[] = [];
    for (const guide of GUIDES) {
      for (const item of itemsOf(loadTemplate(guide))) {
        const ref = `${guide}:${item.key}`;
        const count = refs.get(ref) ?? 0;
        if (count !== 1) problems.push(`${ref} is referenced ${count} times`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("gives every guide item the practice of the baseline item that lists it (decision 0022)", () => {
    const practiceOf = new Map<string, string>();
    for (const item of itemsOf(loadTemplate("baseline"))) for (const source of item.sources ?? []) practiceOf.set(source, item.key);
    const wrong: string[] = [];
    for (const guide of GUIDES) {
      for (const item of itemsOf(loadTemplate(guide))) {
        const want = practiceOf.get(`${guide}:${item.key}`);
        if (item.practice !== want) wrong.push(`${guide}:${item.key} has practice ${item.practice ?? "(none)"}, the baseline lists it under ${want}`);
      }
    }
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("only references items that exist", () => {
    const known = new Set(GUIDES.flatMap((guide) => itemsOf(loadTemplate(guide)).map((item) => `${guide}:${item.key}`)));
    const dangling: string[] = [];
    for (const item of itemsOf(loadTemplate("baseline"))) {
      if (!item.sources || item.sources.length === 0) dangling.push(`baseline:${item.key} has no sources`);
      for (const source of item.sources ?? []) {
        if (!known.has(source)) dangling.push(`baseline:${item.key} -> ${source}`);
      }
    }
    expect(dangling, `baseline sources pointing nowhere:\n  ${dangling.join("\n  ")}`).toEqual([]);
  });
});
