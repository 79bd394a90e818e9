import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { BackupDisplayStatus, DrillState } from "@/lib/recovery/status";

const DRILL: Record<DrillState["status"], { icon: string; text: string; tone: BadgeTone }> = {
  met: { icon: "✓", text: "Met", tone: "good" },
  missed: { icon: "✕", text: "Missed", tone: "bad" },
  never: { icon: "?", text: "Never drilled", tone: "warn" },
  overdue: { icon: "!", text: "Drill overdue", tone: "warn" },
};

const BACKUP: Record<BackupDisplayStatus, { icon: string; text: string; tone: BadgeTone }> = {
  ok: { icon: "✓", text: "OK", tone: "good" },
  waiting: { icon: "…", text: "Waiting for the first backup", tone: "neutral" },
  overdue: { icon: "!", text: "Overdue", tone: "bad" },
  never: { icon: "✕", text: "Never backed up", tone: "bad" },
  failing: { icon: "✕", text: "Last backup failed", tone: "bad" },
};

/** Status as icon and text, never colour alone. */
export function DrillStatusBadge({ status }: { status: DrillState["status"] }) {
  const s = DRILL[status];
  return (
    <Badge tone={s.tone}>
      <span aria-hidden="true">{s.icon}</span>
      {s.text}
    </Badge>
  );
}

export function BackupStatusBadge({ status }: { status: BackupDisplayStatus }) {
  const s = BACKUP[status];
  return (
    <Badge tone={s.tone}>
      <span aria-hidden="true">{s.icon}</span>
      {s.text}
    </Badge>
  );
}

export function EntryStatusBadge({ status }: { status: "success" | "failed" | "started" }) {
  return status === "success" ? (
    <Badge tone="good"><span aria-hidden="true">✓</span>success</Badge>
  ) : status === "failed" ? (
    <Badge tone="bad"><span aria-hidden="true">✕</span>failed</Badge>
  ) : (
    <Badge tone="info"><span aria-hidden="true">…</span>started</Badge>
  );
}
