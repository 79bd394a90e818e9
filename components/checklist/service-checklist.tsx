"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { LevelBadge } from "@/components/readiness/level-badge";
import { Progress } from "@/components/ui/progress";
import type { PublicItem } from "@/lib/checklists/items";
import type { SourceNote } from "@/lib/checklists/sources";
import { computeReadiness, type ReadinessSignals } from "@/lib/readiness/compute";
import { ChecklistApiError, fetchChecklist, patchItem, type ItemChange } from "./api";
import { ChecklistItemRow, type ItemFeedback } from "./item-row";

interface Props {
  slug: string;
  initialItems: PublicItem[];
  canEdit: boolean;
  signals: ReadinessSignals;
  /** source notes by item key: they change only with templates, so they stay beside the refetched items */
  sourceNotes?: Record<string, SourceNote[]>;
}

/**
 * The interactive checklist: optimistic ticks (TanStack Query) that roll back with a message when the
 * server refuses, and a conflict panel when someone else changed the item first (409).
 */
export function ServiceChecklist({ slug, initialItems, canEdit, signals, sourceNotes = {} }: Props) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => ["checklist", slug], [slug]);
  const { data: items = initialItems } = useQuery({ queryKey, queryFn: () => fetchChecklist(slug), initialData: initialItems });
  const [feedback, setFeedback] = useState<Record<string, ItemFeedback>>({});
  // A server re-render (template applied, item added, re-sync) brings new items: they win over the cache.
  useEffect(() => {
    queryClient.setQueryData(queryKey, initialItems);
  }, [initialItems, queryClient, queryKey]);

  const replaceItem = (key: string, next: PublicItem) =>
    queryClient.setQueryData<PublicItem[]>(queryKey, (list) => list?.map((i) => (i.key === key ? next : i)));

  const mutation = useMutation({
    mutationFn: ({ key, change }: { key: string; change: ItemChange }) => patchItem(slug, key, change),
    onMutate: async ({ key, change }) => {
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData<PublicItem[]>(queryKey)?.find((i) => i.key === key);
      if (previous) {
        replaceItem(key, {
          ...previous,
          state: change.state,
          naReason: change.state === "na" ? (change.reason ?? null) : null,
          ...(change.note !== undefined ? { note: change.note } : {}),
          ...(change.evidenceUrl !== undefined ? { evidenceUrl: change.evidenceUrl } : {}),
        });
      }
      setFeedback((f) => ({ ...f, [key]: { pending: true } }));
      return { previous };
    },
    onError: (err, { key, change }, ctx) => {
      if (err instanceof ChecklistApiError && err.status === 409 && err.current) {
        replaceItem(key, err.current);
        setFeedback((f) => ({ ...f, [key]: { conflict: { mine: change, theirs: err.current! } } }));
        return;
      }
      if (ctx?.previous) replaceItem(key, ctx.previous);
      const message = err instanceof ChecklistApiError ? err.message : "Could not reach Preflight; your change was not saved.";
      const issues = err instanceof ChecklistApiError ? err.issues : undefined;
      setFeedback((f) => ({ ...f, [key]: { error: issues?.length ? issues.map((i) => i.message).join(" ") : message } }));
    },
    onSuccess: (item, { key }) => {
      replaceItem(key, item);
      setFeedback((f) => ({ ...f, [key]: { saved: true } }));
    },
  });

  const readiness = computeReadiness(items, signals);
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const openOnly = params.get("open") === "1";
  const requiredOnly = params.get("required") === "1";
  const section = params.get("section") ?? "";
  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const sections = useMemo(() => {
    const list: { key: string; title: string; items: PublicItem[] }[] = [];
    for (const item of items) {
      let s = list.find((x) => x.key === item.sectionKey);
      if (!s) list.push((s = { key: item.sectionKey, title: item.section, items: [] }));
      s.items.push(item);
    }
    return list;
  }, [items]);

  const visible = (i: PublicItem) => (!openOnly || i.state === "open") && (!requiredOnly || i.required);

  return (
    <div className="space-y-6">
      <section aria-labelledby="readiness-heading" className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="readiness-heading" className="text-lg font-semibold">
            Readiness
          </h2>
          <LevelBadge level={readiness.level} />
          <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="readiness-score">
            Score {readiness.score} / 100
          </span>
        </div>
        <div className="mt-2 max-w-md">
          <Progress value={readiness.counts.total ? readiness.score : null} label="Readiness score" level={readiness.level} />
        </div>
        <p className="mt-2 text-sm">
          {readiness.counts.done} of {readiness.counts.total - readiness.counts.na} applicable items done
          {readiness.counts.na ? `, ${readiness.counts.na} not applicable` : ""}.
        </p>
        {readiness.blockers.length ? (
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer font-medium text-red-800 dark:text-red-300">
              {readiness.blockers.length} {readiness.blockers.length === 1 ? "blocker" : "blockers"}
            </summary>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {readiness.blockers.slice(0, 50).map((b, i) => (
                <li key={`${b.kind}-${b.itemKey ?? i}`}>{b.message}</li>
              ))}
              {readiness.blockers.length > 50 ? <li>… and {readiness.blockers.length - 50} more</li> : null}
            </ul>
          </details>
        ) : (
          <p className="mt-2 text-sm text-emerald-800 dark:text-emerald-300">No blockers.</p>
        )}
      </section>

      <fieldset className="flex flex-wrap items-end gap-4 text-sm">
        <legend className="sr-only">Filter the checklist</legend>
        {/* Toggle buttons, not checkboxes: on this page every checkbox is a checklist item. */}
        <button
          type="button"
          aria-pressed={openOnly}
          onClick={() => setParam("open", openOnly ? null : "1")}
          className={`rounded-full border px-3 py-1 ${openOnly ? "border-sky-600 bg-sky-50 font-medium dark:bg-sky-950" : "border-zinc-300 dark:border-zinc-700"}`}
        >
          {openOnly ? "✓ " : ""}Open items only
        </button>
        <button
          type="button"
          aria-pressed={requiredOnly}
          onClick={() => setParam("required", requiredOnly ? null : "1")}
          className={`rounded-full border px-3 py-1 ${requiredOnly ? "border-sky-600 bg-sky-50 font-medium dark:bg-sky-950" : "border-zinc-300 dark:border-zinc-700"}`}
        >
          {requiredOnly ? "✓ " : ""}Required only
        </button>
        <label htmlFor="checklist-section" className="flex items-center gap-2">
          Show section
        </label>
        <select
            id="checklist-section"
            value={section}
            onChange={(e) => setParam("section", e.target.value || null)}
            className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">all sections</option>
            {sections.map((s) => (
              <option key={s.key} value={s.key}>
                {s.title}
              </option>
            ))}
          </select>
      </fieldset>

      {!canEdit ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Your role can read this checklist but not change it.</p>
      ) : null}

      {sections
        .filter((s) => !section || s.key === section)
        .map((s) => {
          const shown = s.items.filter(visible);
          if (shown.length === 0) return null;
          return (
            <section key={s.key} aria-labelledby={`section-${s.key}`} className="space-y-2">
              <h2 id={`section-${s.key}`} className="text-lg font-semibold">
                {s.title}{" "}
                <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">
                  ({s.items.filter((i) => i.state === "done").length}/{s.items.length} done)
                </span>
              </h2>
              <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
                {shown.map((item) => (
                  <ChecklistItemRow
                    key={item.key}
                    slug={slug}
                    item={item}
                    canEdit={canEdit}
                    sources={sourceNotes[item.key]}
                    feedback={feedback[item.key]}
                    onChange={(change) => mutation.mutate({ key: item.key, change: { ...change, version: item.version } })}
                    onDismiss={() => setFeedback((f) => ({ ...f, [item.key]: {} }))}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      {items.length > 0 && sections.every((s) => s.items.filter(visible).length === 0 || (section && s.key !== section)) ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No item matches these filters.{" "}
          <button type="button" className="text-sky-700 underline dark:text-sky-400" onClick={() => router.replace(pathname, { scroll: false })}>
            Clear filters
          </button>
        </p>
      ) : null}
    </div>
  );
}
