import Link from "next/link";
import type { ReactNode } from "react";
import { LevelBadge } from "@/components/readiness/level-badge";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import { Status } from "@/components/ui/status";
import { BOARD_TREND_DAYS } from "@/lib/history/dates";
import type { BoardService } from "@/lib/services/board";
import { NO_DATA, NONE_SET, NOT_ENOUGH_DATA_STATUS, reviewStatusWord, THRESHOLD_STATUS, overdueByText, type StatusWord } from "@/lib/status/present";
import { healthStatus } from "@/lib/status/health";
import { ScoreSparkline } from "./score-sparkline";
import { coverageText, NOT_ENOUGH_DATA } from "@/lib/uptime/coverage";
import { formatPercent } from "@/lib/uptime/present";
import { MaintenanceIcon } from "@/components/maintenance/maintenance-icon";
import { inMaintenanceText } from "@/lib/maintenance/present";

const CHIP_LINK = "rounded-full hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function thresholdsStatus(t: BoardService["thresholds"]): StatusWord {
  if (t.total === 0) return NONE_SET;
  if (t.breached) return { ...THRESHOLD_STATUS.breached, text: `${t.breached} of ${t.total} breached` };
  if (t.pending) return { ...THRESHOLD_STATUS.pending, text: `${t.pending} of ${t.total} pending` };
  if (t.noData === t.total) return NO_DATA;
  return { ...THRESHOLD_STATUS.ok, text: t.noData ? `OK (${t.noData} no data)` : "OK" };
}

function recoveryStatus(r: BoardService["recovery"]): StatusWord {
  if (r.monitors + r.targets === 0) return NONE_SET;
  const problems = [
    r.backupsOverdue === 1 ? `Backup ${overdueByText(r.longestOverdueSeconds!).toLowerCase()}` : "",
    r.backupsOverdue > 1 ? `${r.backupsOverdue} backups overdue, the longest ${overdueByText(r.longestOverdueSeconds!).replace(/^Overdue /, "")}` : "",
    r.backupsFailed ? `${plural(r.backupsFailed, "backup")} failed` : "",
    r.drillProblems ? `${plural(r.drillProblems, "drill")} missed or due` : "",
  ].filter(Boolean);
  return problems.length ? { tone: "bad", text: problems.join(", ") } : { tone: "good", text: "On track" };
}

/**
 * A fact of the card that leads to its tab. The accessible name says where it leads and what it says
 * ("CryptoPulse thresholds: 2 of 5 breached"); it starts with the service's name because every card has
 * the same links.
 */
function TabLink({ href, name, children }: { href: string; name: string; children: ReactNode }) {
  return (
    <Link href={href} aria-label={name} className="underline decoration-zinc-300 underline-offset-4 hover:decoration-current dark:decoration-zinc-600">
      {children}
    </Link>
  );
}

export function ServiceCard({ service, now }: { service: BoardService; now: Date }) {
  const r = service.readiness;
  const base = `/services/${service.slug}`;
  const thresholds = thresholdsStatus(service.thresholds);
  const recovery = recoveryStatus(service.recovery);
  // A figure only from enough of the 30 days (lib/uptime/coverage.ts); how much is always said beside it.
  const observed = service.uptime30d === null ? null : service.uptime30dObserved;
  const enough = observed?.enough ?? false;
  const uptime = service.uptime30d === null ? NO_DATA.text : enough ? formatPercent(service.uptime30d) : NOT_ENOUGH_DATA;
  const observedText = observed ? coverageText(observed, "30d") : null;
  return (
    <li className="flex min-w-0 flex-col rounded-lg border border-zinc-200 p-4 shadow-sm dark:border-zinc-800">
      <div className="flex items-start justify-between gap-2">
        <h3 className="min-w-0 break-words font-semibold">
          <Link href={base} className="hover:underline">
            {service.name}
          </Link>
        </h3>
        <LevelBadge level={r.level} />
      </div>
      {service.maintenanceUntil ? (
        <p className="mt-1">
          <Badge tone="info">
            <MaintenanceIcon /> {inMaintenanceText(service.maintenanceUntil, now)}
          </Badge>
        </p>
      ) : null}
      {service.description ? <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{service.description}</p> : null}
      <div className="mt-3">
        <Progress value={r.counts.total ? r.score : null} label={`${service.name} readiness score`} level={r.level} />
      </div>
      <div className="mt-2">
        <ScoreSparkline points={service.trend} days={BOARD_TREND_DAYS} now={now} label={`${service.name} score trend`} />
      </div>
      <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-zinc-500 dark:text-zinc-400">Blockers</dt>
        <dd>
          <Status status={r.blockerCount ? { tone: "bad", text: String(r.blockerCount) } : { tone: "good", text: "None" }} variant="text" />
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Checklist</dt>
        <dd>
          {r.counts.done}/{r.counts.total - r.counts.na} done
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Health</dt>
        <dd>
          <Status status={healthStatus(service.health)} variant="text" />
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Uptime 30 d</dt>
        <dd>
          <TabLink href={`${base}/uptime`} name={`${service.name} uptime, last 30 days: ${uptime}${observedText ? `, ${observedText}` : ""}`}>
            {enough ? <span className="tabular-nums">{uptime}</span> : <Status status={observed ? NOT_ENOUGH_DATA_STATUS : NO_DATA} variant="text" />}
          </TabLink>
          {observedText ? <div className="text-xs text-zinc-500 dark:text-zinc-400">{observedText}</div> : null}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Thresholds</dt>
        <dd>
          <TabLink href={`${base}/thresholds`} name={`${service.name} thresholds: ${thresholds.text}`}>
            <Status status={thresholds} variant="text" />
          </TabLink>
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Recovery</dt>
        <dd>
          <TabLink href={`${base}/recovery`} name={`${service.name} recovery: ${recovery.text}`}>
            <Status status={recovery} variant="text" />
          </TabLink>
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Waivers</dt>
        <dd>{service.waivers === 0 ? "none" : service.waivers === 1 ? "1 waiver" : `${service.waivers} waivers`}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Review</dt>
        <dd>
          <Status status={reviewStatusWord(service.review, service.approvedNotReady, service.approvalStale)} variant="text" />
        </dd>
      </dl>
      {/* Tier and tag chips lead to the board filtered by them. */}
      <ul className="mt-auto flex flex-wrap gap-1 pt-3" aria-label={`${service.name} tier and tags`}>
        <li>
          <Link href={`/?tier=${service.tier}`} title="Service tier (1 is most critical)" aria-label={`Tier ${service.tier}: show tier ${service.tier} services`} className={CHIP_LINK}>
            <Badge>Tier {service.tier}</Badge>
          </Link>
        </li>
        {service.tags.map((t) => (
          <li key={t}>
            <Link href={`/?tag=${encodeURIComponent(t)}`} aria-label={`Tag ${t}: show services tagged ${t}`} className={CHIP_LINK}>
              <Badge tone="info">{t}</Badge>
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}
