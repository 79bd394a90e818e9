import { Badge } from "@/components/ui/badge";
import type { ThresholdState } from "@/lib/thresholds/evaluate";
import type { Severity } from "@/lib/readiness/compute";

const STATUS: Record<ThresholdState, { icon: string; text: string; tone: "good" | "bad" | "neutral" }> = {
  ok: { icon: "✓", text: "OK", tone: "good" },
  breached: { icon: "▲", text: "Breached", tone: "bad" },
  "no-data": { icon: "○", text: "No data", tone: "neutral" },
};

/** Status as icon + text, never colour alone. */
export function ThresholdStatusBadge({ status }: { status: ThresholdState }) {
  const s = STATUS[status];
  return (
    <Badge tone={s.tone}>
      <span aria-hidden="true">{s.icon}</span>
      {s.text}
    </Badge>
  );
}

const SEVERITY_TONE: Record<Severity, "bad" | "warn" | "info" | "neutral"> = { critical: "bad", high: "warn", medium: "info", low: "neutral" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}
