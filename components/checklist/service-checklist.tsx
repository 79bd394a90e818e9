"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { PublicItemComment } from "@/lib/checklists/comments";
import type { PublicItem } from "@/lib/checklists/items";
import type { SourceNote } from "@/lib/checklists/sources";
import { computeReadiness, requiredAtTier, type ReadinessSignals } from "@/lib/readiness/compute";
import { timedFactsOfPublic } from "@/lib/readiness/item-status";
import { bulkUpdate, ChecklistApiError, fetchChecklist, patchItem, type BulkChange, type ItemChange } from "./api";
import { BulkBar, type BulkOutcome } from "./bulk-bar";
import { ChecklistSection } from "./checklist-section";
import { useCollapsedSections } from "./collapsed-sections";
import { ChecklistItemRow, type ItemFeedback } from "./item-row";
import { ReadinessSummary } from "./readiness-summary";
import { stateText } from "./state-label";

const NO_COMMENTS: PublicItemComment[] = [];

interface Props {
  slug: string;
  initialItems: PublicItem[];
  canEdit: boolean;
  /** reviewers, editors and owners may comment on items (comments leave the state alone) */
  canComment?: boolean;
  /** the items' comments by item key, oldest first */
  comments?: Record<string, PublicItemComment[]>;
  signals: ReadinessSignals;
  /** source notes by item key: they change only with templates, so they stay beside the refetched items */
  sourceNotes?: Record<string, SourceNote[]>;
  /** set when the viewer may decide waivers (owners, reviewers): their name as items show requesters */
  waiverDecider?: string | null;
  /** the rest of the service page in brief, shown under the readiness summary (links to the panels below) */
  pageSummary?: ReactNode;
}

const toggleClass = (on: boolean) =>
  `rounded-full border px-3 py-1 ${on ? "border-sky-600 bg-sky-50 font-medium dark:bg-sky-950" : "border-zinc-300 dark:border-zinc-700"}`;

/**
 * The interactive checklist where the service page starts: the readiness summary beside it (above it on a
 * phone), sections that fold (remembered per service and section), compact items whose guidance and
 * forms open on demand, optimistic ticks (TanStack Query) that roll back with a message when the server
 * refuses, a conflict panel when someone else changed the item first (409), and a selection mode that
 * changes several items at once with one note (all or nothing).
 */
export function ServiceChecklist({ slug, initialItems, canEdit, canComment = false, comments = {}, signals, sourceNotes = {}, pageSummary, waiverDecider = null }: Props) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => ["checklist", slug], [slug]);
  const { data: items = initialItems } = useQuery({ queryKey, queryFn: () => fetchChecklist(slug), initialData: initialItems });
  const [feedback, setFeedback] = useState<Record<string, ItemFeedback>>({});
  // A server re-render (template applied, item added, re-sync) brings new items: they win over the cache.
  useEffect(() => {
    queryClient.setQueryData(queryKey, initialItems);
  }, [initialItems, queryClient, queryKey]);

  const replaceItems = (next: PublicItem[]) => {
    const byKey = new Map(next.map((i) => [i.key, i]));
    queryClient.setQueryData<PublicItem[]>(queryKey, (list) => list?.map((i) => byKey.get(i.key) ?? i));
  };
  const replaceItem = (_key: string, next: PublicItem) => replaceItems([next]);

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
          // a required item's N/A waits for a waiver: shown (and counted) as pending until the server answers
          waiver: change.state === "na" && previous.required ? { status: "pending", requestedBy: null, decidedBy: null, expiresAt: change.expiresAt ?? null, comment: null } : previous.state === "na" && change.state === "na" ? previous.waiver : null,
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

  // Selection mode: the rows' boxes choose items for one change of them all.
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkOutcome, setBulkOutcome] = useState<BulkOutcome>(null);
  const select = (keys: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const k of keys) {
        if (on) next.add(k);
        else next.delete(k);
      }
      return next;
    });
  const bulk = useMutation({
    mutationFn: (change: BulkChange) => bulkUpdate(slug, change),
    onMutate: () => setBulkOutcome(null),
    onSuccess: (written, change) => {
      replaceItems(written);
      setSelected(new Set());
      setBulkOutcome({ kind: "saved", message: `Marked ${written.length} ${written.length === 1 ? "item" : "items"} ${change.state === "na" ? "N/A" : "done"}.` });
    },
    onError: (err) => {
      if (err instanceof ChecklistApiError && err.conflicts?.length) {
        replaceItems(err.conflicts.map((c) => c.current));
        const names = err.conflicts.map(({ current: c }) => `“${c.title}” (now ${stateText(c.state)}${c.updatedBy ? ` by ${c.updatedBy}` : ""})`).join(", ");
        setBulkOutcome({
          kind: "refused",
          message: `Nothing was saved: someone else changed ${names} first. The list shows their changes and your selection is kept: apply again to change the items as they are now.`,
        });
        return;
      }
      const issues = err instanceof ChecklistApiError ? err.issues : undefined;
      const message = err instanceof ChecklistApiError ? err.message : "Could not reach Preflight; nothing was saved.";
      setBulkOutcome({ kind: "refused", message: `Nothing was saved: ${issues?.length ? issues.map((i) => i.message).join(" ") : message}` });
    },
  });
  const applyBulk = (change: Omit<BulkChange, "items">) => {
    const versions = new Map(items.map((i) => [i.key, i.version]));
    const chosen = [...selected].filter((k) => versions.has(k));
    bulk.mutate({ ...change, items: chosen.map((key) => ({ key, version: versions.get(key)! })) });
  };

  const readiness = computeReadiness(items.map((i) => ({ ...i, ...timedFactsOfPublic(i) })), signals);
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
  const { collapsed, setCollapsed } = useCollapsedSections(slug);
  const anyOpen = sections.some((s) => !collapsed.has(s.key));

  const visible = (i: PublicItem) => (!openOnly || i.state === "open") && (!requiredOnly || requiredAtTier(i, signals.tier));
  const shownSections = sections.filter((s) => (!section || s.key === section) && s.items.some(visible));

  // A blocker's link brings its item into view: its section unfolded (and shown), its box focused. When
  // the item is hidden, the focus waits for the render that shows it.
  const revealing = useRef<string | null>(null);
  const focusItem = (key: string) => {
    const box = document.getElementById(`item-${key}`) ?? document.getElementById(`item-${key}-select`);
    if (!box || box.closest("[hidden]")) return false;
    box.scrollIntoView({ block: "center" });
    box.focus();
    return true;
  };
  const revealItem = (key: string) => {
    const item = items.find((i) => i.key === key);
    if (!item || focusItem(key)) return;
    revealing.current = key;
    if (section && section !== item.sectionKey) setParam("section", null);
    setCollapsed([item.sectionKey], false);
  };
  useEffect(() => {
    if (revealing.current && focusItem(revealing.current)) revealing.current = null;
  });

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_18rem] lg:gap-6">
      <div className="space-y-3 lg:sticky lg:top-4 lg:col-start-2 lg:row-start-1 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
        <ReadinessSummary readiness={readiness} onRevealItem={revealItem}>
          {pageSummary}
        </ReadinessSummary>
      </div>

      <div className="min-w-0 space-y-3 lg:col-start-1 lg:row-start-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          <fieldset className="flex flex-wrap items-center gap-2">
            <legend className="sr-only">Filter the checklist</legend>
            {/* Toggle buttons, not checkboxes: on this page every checkbox is a checklist item. */}
            <button type="button" aria-pressed={openOnly} onClick={() => setParam("open", openOnly ? null : "1")} className={toggleClass(openOnly)}>
              {openOnly ? "✓ " : ""}Open items only
            </button>
            <button type="button" aria-pressed={requiredOnly} onClick={() => setParam("required", requiredOnly ? null : "1")} className={toggleClass(requiredOnly)}>
              {requiredOnly ? "✓ " : ""}Required only
            </button>
            <label htmlFor="checklist-section" className="sr-only">
              Show section
            </label>
            <select
              id="checklist-section"
              value={section}
              onChange={(e) => setParam("section", e.target.value || null)}
              className="max-w-full rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">All sections</option>
              {sections.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.title}
                </option>
              ))}
            </select>
          </fieldset>
          <button
            type="button"
            className="text-sky-800 underline dark:text-sky-300"
            aria-label={anyOpen ? "Fold all sections" : "Unfold all sections"}
            onClick={() => setCollapsed(sections.map((s) => s.key), anyOpen)}
          >
            {anyOpen ? "Fold all" : "Unfold all"}
          </button>
          {canEdit ? (
            <button
              type="button"
              aria-pressed={selecting}
              className={toggleClass(selecting)}
              onClick={() => {
                setSelecting(!selecting);
                setSelected(new Set());
                setBulkOutcome(null);
              }}
            >
              {selecting ? "✓ " : ""}Select several
            </button>
          ) : null}
        </div>

        {!canEdit ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Your role can read this checklist but not change it{canComment ? "; you can comment on its items (in Details)" : ""}.
          </p>
        ) : null}
        {selecting ? (
          <p className="text-sm text-zinc-700 dark:text-zinc-300">Tick the items to change together, then mark them below with one note.</p>
        ) : null}

        {shownSections.map((s) => {
          const shown = s.items.filter(visible);
          const openShown = shown.filter((i) => i.state === "open").map((i) => i.key);
          return (
            <ChecklistSection
              key={s.key}
              sectionKey={s.key}
              title={s.title}
              items={s.items}
              collapsed={collapsed.has(s.key)}
              onToggle={() => setCollapsed([s.key], !collapsed.has(s.key))}
              tools={
                selecting && openShown.length ? (
                  <button
                    type="button"
                    className="text-sm text-sky-800 underline dark:text-sky-300"
                    aria-label={`Select the ${openShown.length} open items of ${s.title}`}
                    onClick={() => select(openShown, true)}
                  >
                    Select open ({openShown.length})
                  </button>
                ) : null
              }
            >
              {shown.map((item) => (
                <ChecklistItemRow
                  key={item.key}
                  slug={slug}
                  item={item}
                  canEdit={canEdit}
                  sources={sourceNotes[item.key]}
                  comments={{ slug, list: comments[item.key] ?? NO_COMMENTS, canComment }}
                  feedback={feedback[item.key]}
                  onChange={(change) => mutation.mutate({ key: item.key, change: { ...change, version: item.version } })}
                  onDismiss={() => setFeedback((f) => ({ ...f, [item.key]: {} }))}
                  waiverDecider={waiverDecider}
                  onItem={(next) => replaceItem(item.key, next)}
                  selection={selecting ? { selected: selected.has(item.key), onSelect: (on) => select([item.key], on) } : undefined}
                  tier={signals.tier}
                />
              ))}
            </ChecklistSection>
          );
        })}
        {items.length > 0 && shownSections.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No item matches these filters.{" "}
            <button type="button" className="text-sky-700 underline dark:text-sky-400" onClick={() => router.replace(pathname, { scroll: false })}>
              Clear filters
            </button>
          </p>
        ) : null}

        {selecting ? (
          <BulkBar
            count={selected.size}
            pending={bulk.isPending}
            outcome={bulkOutcome}
            onApply={applyBulk}
            onClear={() => setSelected(new Set())}
            onClose={() => {
              setSelecting(false);
              setSelected(new Set());
              setBulkOutcome(null);
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
