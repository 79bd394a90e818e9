import { Status } from "@/components/ui/status";
import type { CheckStatus } from "@/lib/generated/prisma/enums";
import { CHECK_STATUS, PAUSED } from "@/lib/status/present";

/** A check's status as icon + text (colour is only a third cue); paused checks say so. */
export function CheckStatusBadge({ status, enabled }: { status: CheckStatus; enabled: boolean }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Status status={CHECK_STATUS[status]} />
      {enabled ? null : <Status status={PAUSED} />}
    </span>
  );
}
