"use client";

import { requiredAtTier } from "@/lib/readiness/compute";
import { useEffect, useRef, useState } from "react";
import { SeverityBadge, StateLabel, stateText } from "@/components/checklist/state-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/time";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { PublicItemComment } from "@/lib/checklists/comments";
import type { PublicItem } from "@/lib/checklists/items";
import type { SourceNote } from "@/lib/checklists/sources";
import { formatDateTime } from "@/lib/format/time";
import type { ItemChange } from "./api";
import { Guidance } from "./guidance";
import { ItemComments } from "./item-comments";
import { ItemHistory } from "./item-history";
import { TimedBadges, WaiverDecision } from "./waiver-status";

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface ItemFeedback {
  pending?: boolean;
  saved?: boolean;
  error?: string;
  conflict?: { mine: ItemChange; theirs: PublicItem };
}

type Change = Omit<ItemChange, "version">;

export function ChecklistItemRow({
  slug,
  item,
  canEdit,
  feedback = {},
  onChange,
  onDismiss,
  sources = [],
  selection,
  comments,
  tier,
  waiverDecider = null,
  onItem,
}: {
  slug: string;
  item: PublicItem;
  /** the service's tier: an item required only up to a more critical tier reads as optional here */
  tier?: number;
  canEdit: boolean;
  /** the guides' own wording of the same practice, when this item stands for several (decision 0022) */
  sources?: SourceNote[];
  /** the item's comments, and whether the actor may add one (reviewers may, without changing the item) */
  comments?: { slug: string; list: readonly PublicItemComment[]; canComment: boolean };
  feedback?: ItemFeedback;
  onChange: (change: Change) => void;
  onDismiss: () => void;
  /** set while several items are being chosen for one change: the row's box selects instead of ticking */
  selection?: { selected: boolean; onSelect: (selected: boolean) => void };
  /** the viewer's name when they may decide waivers (owners, reviewers) */
  waiverDecider?: string | null;
  /** an answer from outside the item's PATCH (a waiver decision) */
  onItem?: (item: PublicItem) => void;
}) {
  const [mode, setMode] = useState<"view" | "na" | "details">("view");
  const [expanded, setExpanded] = useState(false);
  const [reason, setReason] = useState(item.naReason ?? "");
  const [reasonError, setReasonError] = useState<string | null>(null);
  // the clock of the waiver and re-verification badges, read once per render after hydration
  const [now] = useState(() => Date.now());
  const [expiry, setExpiry] = useState(() => isoDay(now + 90 * DAY_MS));
  const [note, setNote] = useState(item.note ?? "");
  const [evidence, setEvidence] = useState(item.evidenceUrl ?? "");
  const id = `item-${item.key}`;
  const detailsId = `${id}-details`;
  // Before hydration a click would tick the box in the browser only: nothing is sent and the reload
  // brings it back with no message (issue #13). The box waits for the handler that saves it.
  const hydrated = useHydrated();
  // Forms stay open (with what was typed) until the server accepts the change.
  const [awaiting, setAwaiting] = useState(false);
  const view = mode === "view" || (awaiting && feedback.saved === true) ? "view" : mode;
  // Keyboard and screen-reader users stay where they were: an opened form takes the focus (autoFocus),
  // and when it closes the focus goes back to the button group it came from, not to the page's start.
  const stateButton = useRef<HTMLButtonElement>(null);
  const detailsButton = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useRef<"na" | "details" | null>(null);
  useEffect(() => {
    if (view !== "view" || !returnFocusTo.current) return;
    (returnFocusTo.current === "na" ? stateButton : detailsButton).current?.focus();
    returnFocusTo.current = null;
  }, [view]);
  const open = (next: "na" | "details") => {
    setAwaiting(false);
    returnFocusTo.current = next;
    setMode(next);
  };
  const ev = item.autoEvidence;

  function submitNa(e: React.FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError("Marking an item N/A needs a reason.");
      return;
    }
    setReasonError(null);
    setAwaiting(true);
    onChange({ state: "na", reason: reason.trim(), ...(item.required ? { expiresAt: expiry } : {}) });
  }

  function submitDetails(e: React.FormEvent) {
    e.preventDefault();
    setAwaiting(true);
    onChange({ state: item.state, reason: item.naReason ?? undefined, note: note.trim() || null, evidenceUrl: evidence.trim() || null });
  }

  return (
    <li className="px-3 py-2" aria-busy={feedback.pending || undefined}>
      <div className="flex items-start gap-3">
        {selection ? (
          <input
            id={`${id}-select`}
            type="checkbox"
            className="mt-1 h-4 w-4 shrink-0 accent-amber-600"
            aria-label={`Select: ${item.title}`}
            checked={selection.selected}
            onChange={(e) => selection.onSelect(e.target.checked)}
          />
        ) : (
          <input
            id={id}
            type="checkbox"
            className="mt-1 h-4 w-4 shrink-0 accent-sky-700"
            checked={item.state === "done"}
            disabled={!canEdit || !hydrated}
            aria-disabled={feedback.pending || undefined}
            onChange={(e) => {
              if (!feedback.pending) onChange({ state: e.target.checked ? "done" : "open" });
            }}
          />
        )}
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <label htmlFor={selection ? `${id}-select` : id} className="min-w-0 break-words font-medium">
              {item.title}
            </label>
            <SeverityBadge severity={item.severity} />
            {!item.required ? (
              <Badge>optional</Badge>
            ) : item.requiredUpToTier !== null ? (
              <Badge title={`Required of tier 1${item.requiredUpToTier > 1 ? `–${item.requiredUpToTier}` : ""} services`}>
                {requiredAtTier(item, tier) ? `required up to tier ${item.requiredUpToTier}` : `optional at tier ${tier}`}
              </Badge>
            ) : null}
            {item.state !== "open" || selection ? <StateLabel state={item.state} /> : null}
            {item.keptFromTemplate ? <Badge tone="info">custom item</Badge> : null}
            {item.autoVerifiedAt && ev?.verified ? (
              <Badge tone="good">
                <span aria-hidden="true">✓</span>verified by probes
              </Badge>
            ) : item.state === "done" && ev && !ev.verified ? (
              <Badge tone="warn">
                <span aria-hidden="true">!</span>probes disagree
              </Badge>
            ) : null}
            <TimedBadges item={item} now={now} />
            {comments?.list.length ? <Badge>{comments.list.length === 1 ? "1 comment" : `${comments.list.length} comments`}</Badge> : null}
            {item.note || item.evidenceUrl ? <Badge>{item.note && item.evidenceUrl ? "note, evidence" : item.note ? "note" : "evidence"}</Badge> : null}
          </div>
          {item.state === "na" && item.naReason ? (
            <p className={`mt-0.5 text-sm break-words text-zinc-700 [overflow-wrap:anywhere] dark:text-zinc-300 ${expanded ? "" : "line-clamp-2"}`}>Not applicable: {item.naReason}</p>
          ) : null}
        </div>
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={detailsId}
          aria-label={`Details: ${item.title}`}
          onClick={() => setExpanded(!expanded)}
          className="shrink-0 rounded px-1.5 py-0.5 text-sm text-sky-800 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-sky-950"
        >
          Details
          <span aria-hidden="true" className={`ml-1 inline-block text-xs transition-transform ${expanded ? "rotate-180" : ""}`}>
            ▾
          </span>
        </button>
      </div>

      <div id={detailsId} hidden={!expanded} className="mt-2 space-y-2 pl-7 text-sm">
        {item.keptFromTemplate ? (
          <p className="text-zinc-700 dark:text-zinc-300">Kept from the removed template {item.keptFromTemplate}, because it had a tick, a note or evidence.</p>
        ) : null}
        {item.note ? <p className="break-words text-zinc-700 [overflow-wrap:anywhere] dark:text-zinc-300">Note: {item.note}</p> : null}
        {item.evidenceUrl ? (
          <p>
            Evidence:{" "}
            <a href={item.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-sky-700 underline dark:text-sky-400">
              {item.evidenceUrl}
            </a>
          </p>
        ) : null}
        {item.autoCheck ? <AutoCheckEvidence item={item} /> : null}
        <div className="text-zinc-700 dark:text-zinc-300">
          <h3 className="sr-only">Guidance: {item.title}</h3>
          <Guidance text={item.guidance} />
        </div>
        {sources.length ? (
          <details className="text-zinc-600 dark:text-zinc-400">
            <summary className="cursor-pointer select-none">
              Also in the guides ({sources.length})<span className="sr-only">: {item.title}</span>
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {sources.map((s) => (
                <li key={`${s.templateKey}:${s.title}`}>
                  {s.template}: “{s.title}”
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {item.updatedBy && item.version > 1 ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Changed by {item.updatedBy} on <DateTime at={item.updatedAt} />
          </p>
        ) : null}
        <ItemHistory slug={slug} itemKey={item.key} title={item.title} version={item.version} />

        {waiverDecider && onItem && view === "view" ? <WaiverDecision slug={slug} item={item} decider={waiverDecider} onItem={onItem} /> : null}
        {canEdit && view === "view" ? (
          <div className="flex flex-wrap gap-2">
            {item.state === "done" && item.reverifyDays ? (
              <Button variant="secondary" onClick={() => onChange({ state: "done", reverify: true })} disabled={feedback.pending} aria-label={`Re-verify: ${item.title}`}>
                Re-verify
              </Button>
            ) : null}
            {item.state === "na" ? (
              <Button ref={stateButton} variant="secondary" onClick={() => onChange({ state: "open" })} disabled={feedback.pending}>
                Reopen
              </Button>
            ) : (
              <Button ref={stateButton} variant="secondary" onClick={() => open("na")} disabled={feedback.pending} aria-label={`Mark N/A: ${item.title}`}>
                Mark N/A
              </Button>
            )}
            <Button ref={detailsButton} variant="secondary" onClick={() => open("details")} disabled={feedback.pending} aria-label={`Note / evidence: ${item.title}`}>
              Note / evidence
            </Button>
          </div>
        ) : null}

        {view === "na" ? (
          <form onSubmit={submitNa} className="space-y-2" noValidate>
            {item.required ? (
              <>
                <label htmlFor={`${id}-expiry`} className="block font-medium">
                  Waiver expires on
                </label>
                <input
                  id={`${id}-expiry`}
                  type="date"
                  value={expiry}
                  min={isoDay(now + DAY_MS)}
                  max={isoDay(now + 365 * DAY_MS)}
                  onChange={(e) => setExpiry(e.target.value)}
                  aria-describedby={`${id}-expiry-hint`}
                  className={FIELD}
                />
                <p id={`${id}-expiry-hint`} className="text-zinc-600 dark:text-zinc-400">
                  This item is required: marking it N/A asks for a waiver, and it counts as open until an owner or reviewer other than you approves it (at most 365 days).
                </p>
              </>
            ) : null}
            <label htmlFor={`${id}-reason`} className="block font-medium">
              Why does this not apply?
            </label>
            <textarea
              id={`${id}-reason`}
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              maxLength={1000}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : undefined}
              className={FIELD}
            />
            {reasonError ? (
              <p id={`${id}-reason-error`} role="alert" className="text-red-700 dark:text-red-400">
                {reasonError}
              </p>
            ) : null}
            <SubmitOrCancel label="Mark N/A" onCancel={() => setMode("view")} />
          </form>
        ) : null}

        {view === "details" ? (
          <form onSubmit={submitDetails} className="space-y-2">
            <label htmlFor={`${id}-note`} className="block font-medium">
              Note
            </label>
            <textarea
              id={`${id}-note`}
              autoFocus
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              maxLength={2000}
              className={FIELD}
            />
            <label htmlFor={`${id}-evidence`} className="block font-medium">
              Evidence link
            </label>
            <input
              id={`${id}-evidence`}
              type="url"
              maxLength={2000}
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
              placeholder="https://…"
              className={FIELD}
            />
            <SubmitOrCancel label="Save" onCancel={() => setMode("view")} />
          </form>
        ) : null}

        {comments ? <ItemComments slug={comments.slug} itemKey={item.key} itemTitle={item.title} comments={comments.list} canComment={comments.canComment} /> : null}
      </div>

      <div aria-live="polite" className="pl-7">
        {feedback.error ? (
          <p role="alert" className="mt-2 rounded border border-red-300 bg-red-50 px-2 py-1 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            Not saved: {feedback.error}{" "}
            <button type="button" className="underline" onClick={onDismiss}>
              Dismiss
            </button>
          </p>
        ) : null}
        {feedback.conflict ? (
          <div role="alert" className="mt-2 space-y-1 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            <p>
              {feedback.conflict.theirs.updatedBy ?? "Someone"} changed this item first: it is now <strong>{stateText(feedback.conflict.theirs.state)}</strong>
              {feedback.conflict.theirs.naReason ? ` (${feedback.conflict.theirs.naReason})` : ""}. Your change ({stateText(feedback.conflict.mine.state)}) was not saved.
            </p>
            <div className="flex gap-2">
              <Button onClick={() => onChange({ ...feedback.conflict!.mine })}>Re-apply my change</Button>
              <Button variant="secondary" onClick={onDismiss}>
                Keep theirs
              </Button>
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}

const FIELD = "block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900";

function SubmitOrCancel({ label, onCancel }: { label: string; onCancel: () => void }) {
  return (
    <div className="flex gap-2">
      <Button type="submit">{label}</Button>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}

/** What the probes say about an item with an auto-check: verified, or why not. */
function AutoCheckEvidence({ item }: { item: PublicItem }) {
  const ev = item.autoEvidence;
  const when = ev?.observedAt ? ` (probe of ${formatDateTime(ev.observedAt)})` : "";
  if (item.autoVerifiedAt && ev?.verified) {
    return (
      <p className="text-emerald-800 dark:text-emerald-300">
        <span aria-hidden="true">✓ </span>Verified automatically: {ev.summary}
        {when}
      </p>
    );
  }
  if (!ev) return <p className="text-zinc-600 dark:text-zinc-400">Verified automatically by health probes ({item.autoCheck}); no evidence yet.</p>;
  return (
    <p className={`${item.state === "done" && !ev.verified ? "text-amber-800 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-400"}`}>
      <span aria-hidden="true">{ev.verified ? "✓ " : "○ "}</span>
      {ev.verified ? "Probes confirm" : item.state === "done" ? "Ticked by hand, but probes disagree" : "Not verified automatically yet"}: {ev.summary}
      {when}
    </p>
  );
}
