import { Status } from "@/components/ui/status";
import type { ReadinessLevel } from "@/lib/readiness/compute";
import { LEVEL_STATUS } from "@/lib/status/present";

/** Level as icon + text, never colour alone. */
export function LevelBadge({ level }: { level: ReadinessLevel }) {
  return <Status status={LEVEL_STATUS[level]} />;
}
