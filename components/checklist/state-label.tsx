import type { ItemState, Severity } from "@/lib/generated/prisma/enums";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATE: Record<ItemState, { icon: string; text: string; tone: BadgeTone }> = {
  done: { icon: "✓", text: "Done", tone: "good" },
  open: { icon: "○", text: "Open", tone: "neutral" },
  na: { icon: "—", text: "N/A", tone: "info" },
};

/** The word for a state in running text ("N/A", not the stored "na"). */
export function stateText(state: ItemState): string {
  return STATE[state].text;
}

export function StateLabel({ state }: { state: ItemState }) {
  const s = STATE[state];
  return (
    <Badge tone={s.tone}>
      <span aria-hidden="true">{s.icon}</span>
      {s.text}
    </Badge>
  );
}

const SEVERITY_TONE: Record<Severity, BadgeTone> = { critical: "bad", high: "warn", medium: "info", low: "neutral" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity}</Badge>;
}
