"use client";

import { useState, type ReactNode } from "react";
import { LevelBadge } from "@/components/readiness/level-badge";
import { Progress } from "@/components/ui/progress";
import type { Readiness } from "@/lib/readiness/compute";

/** Blockers listed before "Show all N blockers". */
export const BLOCKERS_SHOWN = 10;

/**
 * The compact readiness summary beside (desktop) or above (phone) the checklist: level, score, items done
 * and the blockers, folded; an item's blocker links to the item. `children` is the rest of the service
 * page in brief (review, checks…), linked to its panels below the checklist.
 */
export function ReadinessSummary({ readiness, onRevealItem, children }: { readiness: Readiness; onRevealItem: (key: string) => void; children?: ReactNode }) {
  const [showAll, setShowAll] = useState(false);
  const { blockers, counts } = readiness;
  const shown = showAll ? blockers : blockers.slice(0, BLOCKERS_SHOWN);
  return (
    <section aria-labelledby="readiness-heading" className="space-y-2 rounded-lg border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="readiness-heading" className="text-base font-semibold">
          Readiness
        </h2>
        <LevelBadge level={readiness.level} />
        <span className="text-zinc-600 dark:text-zinc-400" data-testid="readiness-score">
          Score {readiness.score} / 100
        </span>
      </div>
      <Progress value={counts.total ? readiness.score : null} label="Readiness score" level={readiness.level} />
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <p>
          {counts.done} of {counts.total - counts.na} applicable items done
          {counts.na ? `, ${counts.na} not applicable` : ""}.
        </p>
        {blockers.length ? (
          <details className="open:basis-full">
            <summary className="cursor-pointer font-medium text-red-800 dark:text-red-300">
              {blockers.length} {blockers.length === 1 ? "blocker" : "blockers"}
            </summary>
            <ul id="blocker-list" className="mt-1 list-disc space-y-0.5 pl-5" aria-label="Blockers">
              {shown.map((b, i) => (
                <li key={`${b.kind}-${b.itemKey ?? i}`}>
                  {b.itemKey ? (
                    <a
                      href={`#item-${b.itemKey}`}
                      className="underline decoration-zinc-400 underline-offset-2 hover:decoration-current"
                      onClick={(e) => {
                        e.preventDefault();
                        onRevealItem(b.itemKey!);
                      }}
                    >
                      {b.message}
                    </a>
                  ) : (
                    b.message
                  )}
                </li>
              ))}
            </ul>
            {blockers.length > BLOCKERS_SHOWN ? (
              <button type="button" className="mt-1 text-sky-800 underline dark:text-sky-300" aria-expanded={showAll} aria-controls="blocker-list" onClick={() => setShowAll(!showAll)}>
                {showAll ? `Show the first ${BLOCKERS_SHOWN} blockers` : `Show all ${blockers.length} blockers`}
              </button>
            ) : null}
          </details>
        ) : (
          <p className="text-emerald-800 dark:text-emerald-300">No blockers.</p>
        )}
      </div>
      {children}
    </section>
  );
}
