import { StatusAnnouncer } from "@/components/ui/status-announcer";
import type { BoardTeam } from "@/lib/services/board";
import { LEVEL_STATUS } from "@/lib/status/present";
import { healthStatus } from "@/lib/status/health";

/** The board's live announcements: a card's readiness level or health line changed ("Hyperterse health: 1 of 2 down"). */
export function BoardAnnouncer({ teams }: { teams: BoardTeam[] }) {
  const statuses = teams.flatMap((t) =>
    t.services.flatMap((s) => [
      { key: `${s.id}:level`, text: `${s.name}: ${LEVEL_STATUS[s.readiness.level].text}` },
      { key: `${s.id}:health`, text: `${s.name} health: ${healthStatus(s.health).text}` },
    ]),
  );
  return <StatusAnnouncer statuses={statuses} />;
}
