import type { ReactNode } from "react";
import { Badge, type BadgeTone } from "./badge";
import { TONE_ICON, type StatusTone, type StatusWord } from "@/lib/status/present";

const BADGE_TONE: Record<StatusTone, BadgeTone> = { good: "good", warning: "warn", bad: "bad", neutral: "neutral" };

const TEXT_TONE: Record<StatusTone, string> = {
  good: "text-emerald-700 dark:text-emerald-400",
  warning: "font-medium text-amber-700 dark:text-amber-400",
  bad: "font-medium text-red-700 dark:text-red-400",
  neutral: "text-zinc-600 dark:text-zinc-400",
};

/**
 * A status as icon + text + colour (lib/status/present.ts maps each domain's states to a tone).
 * `badge`: a pill, for tables and headers; `text`: inline, for lines of facts (the board card).
 * `children` replaces the word when the status needs a count ("2 of 5 breached").
 */
export function Status({
  status,
  variant = "badge",
  title,
  children,
}: {
  /** a domain's word and tone; `{ tone }` alone when `children` give the text */
  status: StatusWord | { tone: StatusTone; text?: undefined };
  variant?: "badge" | "text";
  title?: string;
  children?: ReactNode;
}) {
  const content = (
    <>
      <span aria-hidden="true">{TONE_ICON[status.tone]}</span>
      {children ?? status.text}
    </>
  );
  if (variant === "badge") {
    return (
      <Badge tone={BADGE_TONE[status.tone]} title={title}>
        {content}
      </Badge>
    );
  }
  return (
    <span title={title} className={`inline-flex items-baseline gap-1 ${TEXT_TONE[status.tone]}`}>
      {content}
    </span>
  );
}
