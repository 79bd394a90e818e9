import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CheckStatus } from "@/lib/generated/prisma/enums";

const STATUS: Record<CheckStatus, { icon: string; text: string; tone: BadgeTone }> = {
  up: { icon: "✓", text: "Up", tone: "good" },
  degraded: { icon: "!", text: "Degraded", tone: "warn" },
  down: { icon: "✕", text: "Down", tone: "bad" },
  unknown: { icon: "?", text: "Unknown", tone: "neutral" },
};

/** A check's status as icon + text (colour is only a third cue); paused checks say so. */
export function CheckStatusBadge({ status, enabled }: { status: CheckStatus; enabled: boolean }) {
  const s = STATUS[status];
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={s.tone}>
        <span aria-hidden="true">{s.icon}</span>
        {s.text}
      </Badge>
      {enabled ? null : (
        <Badge tone="neutral">
          <span aria-hidden="true">‖</span>
          Paused
        </Badge>
      )}
    </span>
  );
}
