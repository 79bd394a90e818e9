/**
 * The demo installation: the four systems of the seed guides (shared/seeds) as services of team
 * `platform`, with the guides' health paths, thresholds and recovery targets.
 */
import { CRYPTOPULSE_THRESHOLDS, type ThresholdDefault } from "@/lib/thresholds/defaults";
import { CRYPTOPULSE_RTO_TARGETS, type RtoDefault } from "@/lib/recovery/defaults";

export const DEMO_TEAM = { slug: "platform", name: "Platform" };
/** The demo team's published status page (/status/platform) lists every demo service. */
export const DEMO_STATUS_PAGE_TITLE = "Platform status";

export const DEMO_USERS = [
  { email: "owner@example.com", name: "Olive Owner", role: "owner" },
  { email: "editor@example.com", name: "Eddie Editor", role: "editor" },
  { email: "reviewer@example.com", name: "Rita Reviewer", role: "reviewer" },
  { email: "viewer@example.com", name: "Vic Viewer", role: "viewer" },
] as const;

export interface DemoService {
  slug: string;
  name: string;
  description: string;
  tier: number;
  tags: string[];
  template: string;
  healthPath: string;
  /** Share of checklist items ticked in the demo (deterministic, by item key). */
  doneShare: number;
  /** The guide's metrics, with the CryptoPulse guide's numbers (the only guide that gives numbers). */
  thresholds: ThresholdDefault[];
  /** Pushed metrics the demo has an hour of history for: metric → typical value (deterministic noise added). */
  samples: Record<string, number>;
  rto: RtoDefault[];
  /** Backup monitors and the state their demo history ends in (see lib/demo/recovery.ts). */
  backups: DemoBackup[];
  /** The newest drill per RTO component; a component not listed has never been drilled. */
  drills: Record<string, DemoDrill>;
  /** The latest production-readiness review (asked by the editor, decided by the reviewer), if any. */
  review?: DemoReview;
}

export interface DemoReview {
  status: "requested" | "approved" | "changes_requested";
  /** when it was asked for; a decision comes a day later */
  daysAgo: number;
  comment?: string;
}

const guide = (metric: string) => CRYPTOPULSE_THRESHOLDS.find((t) => t.metric === metric)!;
/** Every guide has a health endpoint to probe: latency and error rate come from the probes. */
const probed = [guide("latency_p95_ms"), guide("error_rate_percent")];
export interface DemoBackup {
  component: string;
  intervalHours: number;
  /** `%s` becomes the backup's date */
  location: string;
  sizeMb: number;
  reportedBy: string;
  /** ok: nightly, a few failed or late nights; failing: the last one failed; overdue: stopped 3 days ago; never: no backup since added */
  ends: "ok" | "failing" | "overdue" | "never";
}

/** met: within the RTO lately; missed: slower than the RTO; failed: the restore failed; overdue: met, but 4 months ago */
export type DemoDrill = "met" | "missed" | "failed" | "overdue";

const rto = (component: string) => CRYPTOPULSE_RTO_TARGETS.find((r) => r.component === component)!;

export const DEMO_SERVICES: DemoService[] = [
  {
    slug: "hyperterse",
    name: "Hyperterse",
    description: "Query-to-API server: declarative queries exposed as typed HTTP endpoints behind a reverse proxy.",
    tier: 2,
    tags: ["api", "go"],
    template: "hyperterse",
    healthPath: "/heartbeat",
    doneShare: 0.55,
    // "Monitor key metrics: request latency, error rate, database connection pool usage, memory and CPU usage"
    thresholds: [
      ...probed,
      { ...guide("postgres_connections_percent"), metric: "db_pool_percent", label: "Database connection pool usage" },
      guide("memory_percent"),
      guide("cpu_percent"),
    ],
    samples: { db_pool_percent: 55, memory_percent: 62, cpu_percent: 48 },
    rto: [rto("API"), rto("Full system")],
    // The query server keeps no data of its own; its upstream database's backup job was never wired up.
    backups: [{ component: "Database", intervalHours: 24, location: "/backups/hyperterse/db_%s.dump", sizeMb: 60, reportedBy: "backup-db.sh (cron)", ends: "never" }],
    drills: { API: "met", "Full system": "failed" },
  },
  {
    slug: "cryptopulse",
    name: "CryptoPulse",
    description: "Crypto price API with PostgreSQL and Redis, two API instances behind Nginx.",
    tier: 1,
    tags: ["api", "postgres", "redis"],
    template: "cryptopulse",
    healthPath: "/health",
    doneShare: 0.7,
    // The "Metrics to Monitor" table, in full.
    thresholds: CRYPTOPULSE_THRESHOLDS,
    // Redis sits above its 90 % line (the guide's Redis runs with maxmemory 256mb).
    samples: { cpu_percent: 52, memory_percent: 71, postgres_connections_percent: 38, redis_memory_percent: 94, disk_percent: 64 },
    rto: CRYPTOPULSE_RTO_TARGETS,
    backups: [
      { component: "Database", intervalHours: 24, location: "/backups/postgres/crypto_pulse_%s.sql.gz", sizeMb: 190, reportedBy: "backup-db.sh (cron)", ends: "ok" },
      { component: "Redis", intervalHours: 24, location: "s3://backups/cryptopulse/redis/appendonly-%s.aof", sizeMb: 12, reportedBy: "backup-redis.sh (cron)", ends: "failing" },
    ],
    drills: { API: "met", Database: "met", Redis: "missed" },
    review: { status: "requested", daysAgo: 1 },
  },
  {
    slug: "trailbase",
    name: "TrailBase",
    description: "Application server on SQLite with an admin UI on a private port and TLS at the proxy.",
    tier: 2,
    tags: ["app-server", "sqlite"],
    template: "trailbase",
    healthPath: "/api/healthcheck",
    doneShare: 0.4,
    // "Introspection is fairly non-existent": the /api/healthcheck probe is the evidence there is.
    thresholds: probed,
    samples: {},
    rto: [rto("API"), { ...rto("Database"), component: "SQLite database", procedure: "Stop TrailBase, copy the latest backup of `traildepot/data/main.db` in place, start TrailBase." }],
    backups: [{ component: "SQLite database", intervalHours: 24, location: "s3://backups/trailbase/main-%s.db", sizeMb: 45, reportedBy: "trailbase periodic backup", ends: "overdue" }],
    drills: { "SQLite database": "overdue" },
    review: { status: "changes_requested", daysAgo: 4, comment: "The last restore drill of the SQLite database is months old: run one, log it, then ask again." },
  },
  {
    slug: "glasswork",
    name: "Glasswork",
    description: "Serverless TypeScript framework deployment: functions behind an API gateway.",
    tier: 3,
    tags: ["serverless", "typescript"],
    template: "glasswork",
    healthPath: "/internal/health",
    doneShare: 0.9,
    // "Enable CloudWatch alarms for error rate, latency, and cold start spikes" (no numbers for cold starts).
    thresholds: probed,
    samples: {},
    rto: [rto("API")],
    backups: [{ component: "RDS database", intervalHours: 24, location: "rds:glasswork-prod-%s", sizeMb: 320, reportedBy: "aws-backup job", ends: "ok" }],
    drills: { API: "met" },
    review: { status: "approved", daysAgo: 13, comment: "Runbook, rollback and the gateway's rate limits checked with the team. Good to go." },
  },
];
