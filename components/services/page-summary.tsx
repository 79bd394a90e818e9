import { MaintenanceIcon } from "@/components/maintenance/maintenance-icon";
import { Status } from "@/components/ui/status";
import { formatUntil } from "@/lib/maintenance/present";
import type { PublicCheck } from "@/lib/checks/public";
import { CHECK_STATUS, PAUSED, type StatusWord } from "@/lib/status/present";

/**
 * The service page in brief, under the readiness summary: the review's state and the health checks'
 * statuses, each a link to its panel below the checklist (the panels follow the checklist in this order).
 * A new panel of the service page adds its line here.
 */
export function ServicePageSummary({
  review,
  checks,
  hasIncidents,
  canManageChecklist,
  maintenance,
  badges = null,
}: {
  /** the review's word (reviewStatusWord: an approval of a service that was not ready says so) */
  review: StatusWord;
  checks: Pick<PublicCheck, "status" | "enabled">[];
  hasIncidents: boolean;
  canManageChecklist: boolean;
  /** the open window's end and how many are upcoming, as of `now` */
  maintenance: { openUntil: Date | null; upcoming: number; now: Date };
  /** the README badges panel's state, null when the panel is not shown */
  badges?: "on" | "off" | null;
}) {
  const counts = new Map<string, { word: (typeof CHECK_STATUS)[keyof typeof CHECK_STATUS]; n: number }>();
  for (const c of checks) {
    const word = c.enabled ? CHECK_STATUS[c.status] : PAUSED;
    counts.set(word.text, { word, n: (counts.get(word.text)?.n ?? 0) + 1 });
  }
  const link = "text-sky-800 underline dark:text-sky-300";
  return (
    <nav aria-label="More on this page" className="border-t border-zinc-200 pt-2 dark:border-zinc-800">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 lg:block lg:space-y-1">
        <li className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <a href="#review" className={link}>
            Review
          </a>
          <Status status={review} />
        </li>
        <li className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <a href="#health-checks" className={link}>
            Health checks
          </a>
          {checks.length ? (
            [...counts.values()].map(({ word, n }) => (
              <Status key={word.text} status={word}>
                {n} {word.text.toLowerCase()}
              </Status>
            ))
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">none yet</span>
          )}
        </li>
        <li className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <a href="#maintenance" className={link}>
            Maintenance
          </a>
          {maintenance.openUntil ? (
            <span className="inline-flex items-center gap-1 font-medium text-sky-900 dark:text-sky-200">
              <MaintenanceIcon /> in maintenance {formatUntil(maintenance.openUntil, maintenance.now)}
            </span>
          ) : (
            <span className="text-zinc-600 dark:text-zinc-400">{maintenance.upcoming ? `${maintenance.upcoming} scheduled` : "none scheduled"}</span>
          )}
        </li>
        {badges ? (
          <li className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <a href="#badges-heading" className={link}>
              README badges
            </a>
            <span className="text-zinc-600 dark:text-zinc-400">{badges === "on" ? "public" : "off"}</span>
          </li>
        ) : null}
        {hasIncidents || canManageChecklist ? (
          <li className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {hasIncidents ? (
              <a href="#incidents-heading" className={link}>
                Incidents
              </a>
            ) : null}
            {canManageChecklist ? (
              <a href="#manage-checklist" className={link}>
                Templates and custom items
              </a>
            ) : null}
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
