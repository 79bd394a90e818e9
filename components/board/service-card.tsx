import Link from "next/link";
import { LevelBadge } from "@/components/readiness/level-badge";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import type { BoardService } from "@/lib/services/board";
import { formatPercent } from "@/lib/uptime/present";

/** Same words, icons and colours as the health-check badges on the service page. */
function HealthText({ h }: { h: BoardService["health"] }) {
  const degraded = h.checks - h.down - h.up - h.unknown;
  if (h.checks === 0) return <dd className="text-zinc-500">{h.paused ? `${h.paused === 1 ? "check" : `${h.paused} checks`} paused` : "no check"}</dd>;
  if (h.down) {
    return (
      <dd className="font-medium text-red-700 dark:text-red-400">
        <span aria-hidden="true">✕ </span>
        {h.down} of {h.checks} down
      </dd>
    );
  }
  if (degraded) {
    return (
      <dd className="font-medium text-amber-700 dark:text-amber-400">
        <span aria-hidden="true">! </span>
        {degraded} of {h.checks} degraded
      </dd>
    );
  }
  if (h.up === h.checks) return <dd className="text-emerald-700 dark:text-emerald-400">up</dd>;
  return <dd className="text-zinc-500">no data yet</dd>;
}

function ThresholdsText({ t }: { t: BoardService["thresholds"] }) {
  if (t.total === 0) return <dd className="text-zinc-500">none set</dd>;
  if (t.breached) {
    return (
      <dd className="font-medium text-red-700 dark:text-red-400">
        <span aria-hidden="true">▲ </span>
        {t.breached} of {t.total} breached
      </dd>
    );
  }
  if (t.noData === t.total) return <dd className="text-zinc-500">no data</dd>;
  return (
    <dd className="text-emerald-700 dark:text-emerald-400">
      ok{t.noData ? <span className="text-zinc-500"> ({t.noData} no data)</span> : null}
    </dd>
  );
}

function recoveryText(r: BoardService["recovery"]): string {
  if (r.monitors + r.targets === 0) return "none set";
  const problems = [
    r.backupProblems ? `${r.backupProblems} backup${r.backupProblems > 1 ? "s" : ""} overdue` : "",
    r.drillProblems ? `${r.drillProblems} drill${r.drillProblems > 1 ? "s" : ""} missed or due` : "",
  ].filter(Boolean);
  return problems.length ? problems.join(", ") : "on track";
}

const REVIEW_TEXT: Record<BoardService["review"], string> = {
  none: "not requested",
  requested: "requested",
  approved: "approved",
  changes_requested: "changes requested",
};

export function ServiceCard({ service }: { service: BoardService }) {
  const r = service.readiness;
  return (
    <li className="flex min-w-0 flex-col rounded-lg border border-zinc-200 p-4 shadow-sm dark:border-zinc-800">
      <div className="flex items-start justify-between gap-2">
        <h3 className="min-w-0 break-words font-semibold">
          <Link href={`/services/${service.slug}`} className="hover:underline">
            {service.name}
          </Link>
        </h3>
        <LevelBadge level={r.level} />
      </div>
      {service.description ? <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{service.description}</p> : null}
      <div className="mt-3">
        <Progress value={r.counts.total ? r.score : null} label={`${service.name} readiness score`} level={r.level} />
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-zinc-500">Blockers</dt>
        <dd className={r.blockerCount ? "font-medium text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}>
          {r.blockerCount ? r.blockerCount : "none"}
        </dd>
        <dt className="text-zinc-500">Checklist</dt>
        <dd>
          {r.counts.done}/{r.counts.total - r.counts.na} done
        </dd>
        <dt className="text-zinc-500">Health</dt>
        <HealthText h={service.health} />
        <dt className="text-zinc-500">Uptime 30 d</dt>
        <dd className={service.uptime30d === null ? "text-zinc-500" : "tabular-nums"}>{formatPercent(service.uptime30d)}</dd>
        <dt className="text-zinc-500">Thresholds</dt>
        <ThresholdsText t={service.thresholds} />
        <dt className="text-zinc-500">Recovery</dt>
        <dd
          className={
            service.recovery.monitors + service.recovery.targets === 0
              ? "text-zinc-500"
              : service.recovery.backupProblems + service.recovery.drillProblems
                ? "font-medium text-red-700 dark:text-red-400"
                : "text-emerald-700 dark:text-emerald-400"
          }
        >
          <Link href={`/services/${service.slug}/recovery`} className="hover:underline">
            {recoveryText(service.recovery)}
          </Link>
        </dd>
        <dt className="text-zinc-500">Review</dt>
        <dd>{REVIEW_TEXT[service.review]}</dd>
      </dl>
      <div className="mt-auto flex flex-wrap gap-1 pt-3">
        <Badge title="Service tier (1 is most critical)">Tier {service.tier}</Badge>
        {service.tags.map((t) => (
          <Badge key={t} tone="info">
            {t}
          </Badge>
        ))}
      </div>
    </li>
  );
}
