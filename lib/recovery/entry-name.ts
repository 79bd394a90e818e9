/**
 * A log entry as people find it in the log: "the Redis backup of 12 Nov 2026, 14:02 UTC", never its id.
 * Corrections, the correction form and the audit log name entries this way.
 */
import { formatDateTime } from "@/lib/format/time";

export interface RecoveryEntryName {
  /** "backup", "restore-test" (the API) or "restore_test" (the database), "drill" */
  kind: string;
  component: string;
  finishedAt: Date | string | null;
}

const KIND_WORDS: Record<string, string> = { backup: "backup", "restore-test": "restore test", restore_test: "restore test", drill: "drill" };

export function kindWords(kind: string): string {
  return KIND_WORDS[kind] ?? kind;
}

/** "the Redis backup of 12 Nov 2026, 14:02 UTC" ("a Redis backup" without an end). */
export function recoveryEntryName(e: RecoveryEntryName): string {
  return e.finishedAt ? `the ${e.component} ${kindWords(e.kind)} of ${formatDateTime(e.finishedAt)}` : `a ${e.component} ${kindWords(e.kind)}`;
}
