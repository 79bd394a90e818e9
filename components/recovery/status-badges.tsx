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

function IconBadge({ icon, text, tone }: { icon: string; text: string; tone: BadgeTone }) {
  return (
    <Badge tone={tone}>
      <span aria-hidden="true">{icon}</span>
      {text}
    </Badge>
  );
}

/** Status as icon and text, never colour alone. */
export function DrillStatusBadge({ status }: { status: DrillState["status"] }) {
  return <IconBadge {...DRILL[status]} />;
}

export function BackupStatusBadge({ status }: { status: BackupDisplayStatus }) {
  return <IconBadge {...BACKUP[status]} />;
}

const ENTRY: Record<"success" | "failed" | "started", { icon: string; text: string; tone: BadgeTone }> = {
  success: { icon: "✓", text: "success", tone: "good" },
  failed: { icon: "✕", text: "failed", tone: "bad" },
  started: { icon: "…", text: "started", tone: "info" },
};

export function EntryStatusBadge({ status }: { status: "success" | "failed" | "started" }) {
  return <IconBadge {...ENTRY[status]} />;
}
