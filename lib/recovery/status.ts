/**
 * Recovery targets and backup monitors reduced to a status, as pure functions of their latest events
 * and an injected clock (`now`), so tests control time. Data access lives in ./store.ts.
 *
 * Drills (per RTO target):
 * - `never`: no drill recorded for the component;
 * - `missed`: the newest drill failed, took longer than the RTO, or restored data older than the RPO allows;
 * - `overdue`: the newest drill met its objectives but the newest successful drill finished longer ago
 *   than the drill interval;
 * - `met`: otherwise.
 *
 * Backups (per monitor):
 * - `failing`: the newest backup failed (it may be overdue as well: `overdueBySeconds` says so);
 * - `overdue`: the newest successful backup finished more than interval + grace ago;
 * - `never`: no successful backup and the monitor is older than interval + grace;
 * - `waiting`: no backup yet, but the first one is not due yet (not a blocker);
 * - `ok`: otherwise.
 */
import type { BackupStatus, RecoveryStatus } from "@/lib/readiness/compute";

const DAY_MS = 24 * 3600 * 1000;

export interface DrillTarget {
  rtoSeconds: number;
  rpoSeconds: number | null;
  drillIntervalDays: number;
}

export interface DrillRecord {
  status: "success" | "failed" | "started";
  startedAt: Date | null;
  finishedAt: Date | null;
  /** the data point restored to; achieved RPO = startedAt − restoredToAt */
  restoredToAt: Date | null;
}

export interface DrillState {
  status: RecoveryStatus;
  /** why a drill is "missed" (several may hold) */
  reasons: ("failed" | "rto" | "rpo")[];
  lastDrill: DrillRecord | null;
  lastSuccessfulDrill: DrillRecord | null;
  /** of the newest drill */
  achievedRtoSeconds: number | null;
  achievedRpoSeconds: number | null;
  /** when the next drill is due (newest successful drill + interval), null when never drilled successfully */
  dueAt: Date | null;
}

function seconds(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/** Achieved recovery time of a drill: finished − started. */
export function achievedRto(d: Pick<DrillRecord, "startedAt" | "finishedAt">): number | null {
  return seconds(d.startedAt, d.finishedAt);
}

/** Achieved recovery point of a drill: how much data it lost, started − the point it restored to. */
export function achievedRpo(d: DrillRecord): number | null {
  return seconds(d.restoredToAt, d.startedAt);
}

function newest<T extends { finishedAt: Date | null }>(list: readonly T[]): T | null {
  let best: T | null = null;
  for (const d of list) {
    if (!d.finishedAt) continue;
    if (!best || d.finishedAt.getTime() > best.finishedAt!.getTime()) best = d;
  }
  return best;
}

/** The status of one RTO target from its drills (any order; only finished ones count). */
export function drillState(target: DrillTarget, drills: readonly DrillRecord[], now: Date): DrillState {
  const finished = drills.filter((d) => d.status !== "started");
  const lastDrill = newest(finished);
  const lastSuccessfulDrill = newest(finished.filter((d) => d.status === "success"));
  const dueAt = lastSuccessfulDrill ? new Date(lastSuccessfulDrill.finishedAt!.getTime() + target.drillIntervalDays * DAY_MS) : null;
  if (!lastDrill) {
    return { status: "never", reasons: [], lastDrill: null, lastSuccessfulDrill: null, achievedRtoSeconds: null, achievedRpoSeconds: null, dueAt: null };
  }
  const achievedRtoSeconds = achievedRto(lastDrill);
  const achievedRpoSeconds = achievedRpo(lastDrill);
  const reasons: DrillState["reasons"] = [];
  if (lastDrill.status === "failed") reasons.push("failed");
  if (achievedRtoSeconds !== null && achievedRtoSeconds > target.rtoSeconds) reasons.push("rto");
  if (target.rpoSeconds !== null && achievedRpoSeconds !== null && achievedRpoSeconds > target.rpoSeconds) reasons.push("rpo");
  const status: RecoveryStatus =
    reasons.length > 0 ? "missed" : !dueAt || dueAt.getTime() < now.getTime() ? "overdue" : "met";
  return { status, reasons, lastDrill, lastSuccessfulDrill, achievedRtoSeconds, achievedRpoSeconds, dueAt };
}

export interface BackupSchedule {
  intervalSeconds: number;
  graceSeconds: number;
  createdAt: Date;
}

export interface BackupRecord {
  status: "success" | "failed" | "started";
  finishedAt: Date | null;
}

export type BackupDisplayStatus = BackupStatus | "waiting";

export interface BackupState {
  status: BackupDisplayStatus;
  lastBackupAt: Date | null;
  lastSuccessAt: Date | null;
  /** when the monitor turns overdue without a new successful backup */
  dueAt: Date;
  /** how long past `dueAt` it is without a successful backup (whatever the status says first), else null */
  overdueBySeconds: number | null;
}

/** The status of one backup monitor from its backups (any order; only finished ones count). */
export function backupState(schedule: BackupSchedule, backups: readonly BackupRecord[], now: Date): BackupState {
  const finished = backups.filter((b) => b.status !== "started");
  const last = newest(finished);
  const lastSuccess = newest(finished.filter((b) => b.status === "success"));
  const allowanceMs = (schedule.intervalSeconds + schedule.graceSeconds) * 1000;
  const dueAt = new Date((lastSuccess?.finishedAt ?? schedule.createdAt).getTime() + allowanceMs);
  const late = now.getTime() > dueAt.getTime();
  const status: BackupDisplayStatus =
    last?.status === "failed" ? "failing" : lastSuccess ? (late ? "overdue" : "ok") : late ? "never" : "waiting";
  const overdueBySeconds = late ? Math.round((now.getTime() - dueAt.getTime()) / 1000) : null;
  return { status, lastBackupAt: last?.finishedAt ?? null, lastSuccessAt: lastSuccess?.finishedAt ?? null, dueAt, overdueBySeconds };
}

/** The readiness model knows no "waiting": a first backup that is not due yet blocks nothing. */
export function readinessBackupStatus(s: BackupDisplayStatus): BackupStatus {
  return s === "waiting" ? "ok" : s;
}
