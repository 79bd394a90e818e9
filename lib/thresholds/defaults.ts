import type { Comparator, MetricSource, Severity } from "@/lib/generated/prisma/enums";

export interface ThresholdDefault {
  metric: string;
  label: string;
  unit: string;
  comparator: Comparator;
  limit: number;
  sustainedSeconds: number;
  severity: Severity;
  action: string;
  source: MetricSource;
}

/**
 * The CryptoPulse guide's "Metrics to Monitor" table (seed 001), the default set offered to new
 * services. "Sustained" is given a 5-minute window; the others alert on the evaluation window's value.
 */
export const CRYPTOPULSE_THRESHOLDS: ThresholdDefault[] = [
  { metric: "latency_p95_ms", label: "API response time (p95)", unit: "ms", comparator: "gt", limit: 2000, sustainedSeconds: 300, severity: "critical", action: "Scale up or optimize queries", source: "probe" },
  { metric: "error_rate_percent", label: "Error rate", unit: "%", comparator: "gt", limit: 1, sustainedSeconds: 300, severity: "critical", action: "Check logs and investigate", source: "probe" },
  { metric: "cpu_percent", label: "CPU usage", unit: "%", comparator: "gt", limit: 80, sustainedSeconds: 300, severity: "high", action: "Add more instances", source: "push" },
  { metric: "memory_percent", label: "Memory usage", unit: "%", comparator: "gt", limit: 85, sustainedSeconds: 0, severity: "high", action: "Increase container limits", source: "push" },
  { metric: "postgres_connections_percent", label: "PostgreSQL connections", unit: "% of max", comparator: "gt", limit: 80, sustainedSeconds: 0, severity: "high", action: "Adjust pool size or scale DB", source: "push" },
  { metric: "redis_memory_percent", label: "Redis memory", unit: "%", comparator: "gt", limit: 90, sustainedSeconds: 0, severity: "high", action: "Increase maxmemory limit", source: "push" },
  { metric: "disk_percent", label: "Disk usage", unit: "%", comparator: "gt", limit: 85, sustainedSeconds: 0, severity: "medium", action: "Clean up old logs/backups", source: "push" },
];
