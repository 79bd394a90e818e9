"use client";

import { useEffect, useRef, useState } from "react";
import { SeverityBadge, StateLabel, stateText } from "@/components/checklist/state-label";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/time";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { PublicItem } from "@/lib/checklists/items";
import type { SourceNote } from "@/lib/checklists/sources";
import { formatDateTime } from "@/lib/format/time";
import type { ItemChange } from "./api";
import { ItemHistory } from "./item-history";

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
}: {
  slug: string;
  item: PublicItem;
  canEdit: boolean;
  /** the guides' own wording of the same practice, when this item stands for several (decision 0022) */
  sources?: SourceNote[];
  feedback?: ItemFeedback;
  onChange: (change: Change) => void;
  onDismiss: () => void;
}) {
  const [mode, setMode] = useState<"view" | "na" | "details">("view");
  const [reason, setReason] = useState(item.naReason ?? "");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [note, setNote] = useState(item.note ?? "");
  const [evidence, setEvidence] = useState(item.evidenceUrl ?? "");
  const id = `item-${item.key}`;
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

  function submitNa(e: React.FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError("Marking an item N/A needs a reason.");
      return;
    }
    setReasonError(null);
    setAwaiting(true);
    onChange({ state: "na", reason: reason.trim() });
  }

  function submitDetails(e: React.FormEvent) {
    e.preventDefault();
    setAwaiting(true);
    onChange({ state: item.state, reason: item.naReason ?? undefined, note: note.trim() || null, evidenceUrl: evidence.trim() || null });
  }

  return (
    <li className="p-3" aria-busy={feedback.pending || undefined}>
      <div className="flex items-start gap-3">
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
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <label htmlFor={id} className="font-medium">
              {item.title}
            </label>
            <SeverityBadge severity={item.severity} />
            {!item.required ? <Badge>optional</Badge> : null}
            {item.state !== "open" ? <StateLabel state={item.state} /> : null}
            {item.keptFromTemplate ? <Badge tone="info">custom item</Badge> : null}
          </div>
          {item.keptFromTemplate ? (
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
              Kept from the removed template {item.keptFromTemplate}, because it had a tick, a note or evidence.
            </p>
          ) : null}
          {item.state === "na" && item.naReason ? (
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">Not applicable: {item.naReason}</p>
          ) : null}
          {item.note ? <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">Note: {item.note}</p> : null}
          {item.evidenceUrl ? (
            <p className="mt-1 text-sm">
              Evidence:{" "}
              <a href={item.evidenceUrl} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-sky-700 underline dark:text-sky-400">
                {item.evidenceUrl}
              </a>
            </p>
          ) : null}
          <details className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            <summary className="cursor-pointer select-none">
              Guidance<span className="sr-only">: {item.title}</span>
            </summary>
            <p className="mt-1 whitespace-pre-line">{item.guidance}</p>
          </details>
          {sources.length ? (
            <details className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
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
          {item.autoCheck ? <AutoCheckEvidence item={item} /> : null}
          {item.updatedBy && item.version > 1 ? (
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              Changed by {item.updatedBy} on <DateTime at={item.updatedAt} />
            </p>
          ) : null}
          <ItemHistory slug={slug} itemKey={item.key} title={item.title} version={item.version} />

          {canEdit && view === "view" ? (
            <div className="mt-2 flex flex-wrap gap-2">
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
            <form onSubmit={submitNa} className="mt-2 space-y-2" noValidate>
              <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
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
                className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              {reasonError ? (
                <p id={`${id}-reason-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
                  {reasonError}
                </p>
              ) : null}
              <div className="flex gap-2">
                <Button type="submit">Mark N/A</Button>
                <Button variant="secondary" onClick={() => setMode("view")}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : null}

          {view === "details" ? (
            <form onSubmit={submitDetails} className="mt-2 space-y-2">
              <label htmlFor={`${id}-note`} className="block text-sm font-medium">
                Note
              </label>
              <textarea
                id={`${id}-note`}
                autoFocus
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                maxLength={2000}
                className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <label htmlFor={`${id}-evidence`} className="block text-sm font-medium">
                Evidence link
              </label>
              <input
                id={`${id}-evidence`}
                type="url"
                maxLength={2000}
                value={evidence}
                onChange={(e) => setEvidence(e.target.value)}
                placeholder="https://…"
                className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
              />
              <div className="flex gap-2">
                <Button type="submit">Save</Button>
                <Button variant="secondary" onClick={() => setMode("view")}>
                  Cancel
                </Button>
              </div>
            </form>
          ) : null}

          <div aria-live="polite">
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
        </div>
      </div>
    </li>
  );
}

/** What the probes say about an item with an auto-check: verified, or why not. */
function AutoCheckEvidence({ item }: { item: PublicItem }) {
  const ev = item.autoEvidence;
  const when = ev?.observedAt ? ` (probe of ${formatDateTime(ev.observedAt)})` : "";
  if (item.autoVerifiedAt && ev?.verified) {
    return (
      <p className="mt-1 text-sm text-emerald-800 dark:text-emerald-300">
        <span aria-hidden="true">✓ </span>Verified automatically: {ev.summary}
        {when}
      </p>
    );
  }
  if (!ev) return <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Verified automatically by health probes ({item.autoCheck}); no evidence yet.</p>;
  return (
    <p className={`mt-1 text-sm ${item.state === "done" && !ev.verified ? "text-amber-800 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-400"}`}>
      <span aria-hidden="true">{ev.verified ? "✓ " : "○ "}</span>
      {ev.verified ? "Probes confirm" : item.state === "done" ? "Ticked by hand, but probes disagree" : "Not verified automatically yet"}: {ev.summary}
      {when}
    </p>
  );
}
