import type { Metadata } from "next";
import { ScoreHistoryChart } from "@/components/history/score-history-chart";
import { LevelBadge } from "@/components/readiness/level-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { HISTORY_DEFAULT_DAYS } from "@/lib/history/dates";
import { chartDays, levelChangeText, levelChanges } from "@/lib/history/present";
import { serviceHistory } from "@/lib/history/query";
import { trendText } from "@/lib/history/sparkline";
import { serviceTitle } from "@/lib/pages/titles";
import { loadServicePage } from "@/lib/services/page-data";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  return { title: await serviceTitle(slug, "History") };
}

export default async function HistoryPage({ params }: Params) {
  const { slug } = await params;
  const { service } = await loadServicePage(slug, `/services/${slug}/history`);
  const now = new Date();
  const points = await serviceHistory(service.id, HISTORY_DEFAULT_DAYS, now);
  const changes = levelChanges(points);
  const changeOn = new Map(changes.map((c) => [c.date, levelChangeText(c)]));
  const rebuilt = points.some((p) => p.source === "backfill");
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="break-words text-2xl font-semibold tracking-tight">{service.name} history</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Readiness once a day (UTC), last {HISTORY_DEFAULT_DAYS} days. {trendText(points)}
          {changes.length ? `; ${changes.length} level ${changes.length === 1 ? "change" : "changes"}` : ""}.
        </p>
      </div>
      {points.length === 0 ? (
        <EmptyState title="No history yet">
          The first background round of each day records the service&apos;s score and level. An operator can rebuild earlier days from the audit log
          with <code>npm run preflight <span className="whitespace-nowrap">-- history</span> backfill</code>.
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="chart-h" className="space-y-2">
            <h2 id="chart-h" className="text-lg font-semibold">Score</h2>
            <ScoreHistoryChart days={chartDays(points, HISTORY_DEFAULT_DAYS, now)} marks={changes.map((c) => ({ date: c.date, label: levelChangeText(c) }))} />
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              Dashed lines mark level changes. A day without a point had no background round.
              {rebuilt ? " Days marked “rebuilt” come from the checklist’s audit log and leave out health, thresholds, recovery and reviews." : ""}
            </p>
          </section>
          <details className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <summary className="cursor-pointer text-sm font-medium">Show data as table</summary>
            <div className="mt-3">
              <Table caption="Readiness per day, newest first" columns={["Date", "Score", "Level", "Blockers", "Waivers", "Change"]}>
                {[...points].reverse().map((p) => (
                  <tr key={p.date} className="tabular-nums">
                    <th scope="row" className="whitespace-nowrap py-1.5 pr-3 font-normal">
                      {p.date}
                      {p.source === "backfill" ? <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">(rebuilt)</span> : null}
                    </th>
                    <td className="py-1.5 pr-3">{p.score}</td>
                    <td className="py-1.5 pr-3">
                      <LevelBadge level={p.level} />
                    </td>
                    <td className="py-1.5 pr-3">{p.blockers}</td>
                    <td className="py-1.5 pr-3">{p.waivers}</td>
                    <td className="whitespace-nowrap py-1.5">{changeOn.get(p.date) ?? ""}</td>
                  </tr>
                ))}
              </Table>
            </div>
          </details>
        </>
      )}
    </div>
  );
}
