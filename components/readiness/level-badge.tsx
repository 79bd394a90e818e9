import { Badge } from "@/components/ui/badge";
import { describeLevel, type ReadinessLevel } from "@/lib/readiness/compute";

const STYLE: Record<ReadinessLevel, { icon: string; tone: "good" | "warn" | "bad" }> = {
  ready: { icon: "✓", tone: "good" },
  "at-risk": { icon: "!", tone: "warn" },
  "not-ready": { icon: "✕", tone: "bad" },
};

/** Level as icon + text, never colour alone. */
export function LevelBadge({ level }: { level: ReadinessLevel }) {
  const s = STYLE[level];
  return (
    <Badge tone={s.tone}>
      <span aria-hidden="true">{s.icon}</span>
      {describeLevel(level)}
    </Badge>
  );
}
