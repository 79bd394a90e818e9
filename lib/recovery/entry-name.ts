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

export interface CorrectionChoice {
  id: string;
  /** "12 Nov 2026, 14:02 UTC (failed)": short enough for a select on a phone */
  label: string;
}

/**
 * The "Corrects" select's choices, grouped by what they are ("Redis backup"): an option names only the
 * time and outcome, since a whole entry name is wider than a phone's select (issue #15 item 8); the group
 * says which component and kind. Groups in the order of their newest entry.
 */
export function correctionChoices(entries: (RecoveryEntryName & { id: string; outcome: string })[]): { group: string; choices: CorrectionChoice[] }[] {
  const groups = new Map<string, CorrectionChoice[]>();
  for (const e of entries) {
    const group = `${e.component} ${kindWords(e.kind)}`;
    const label = `${e.finishedAt ? formatDateTime(e.finishedAt) : "no end"} (${e.outcome})`;
    groups.set(group, [...(groups.get(group) ?? []), { id: e.id, label }]);
  }
  return [...groups].map(([group, choices]) => ({ group, choices }));
}
