"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { BulkChange } from "./api";

export type BulkOutcome = { kind: "saved" | "refused"; message: string } | null;

/**
 * The form of selection mode: the chosen items get one state (done, or N/A with the note as the reason) and
 * one evidence note, all in one write (`POST …/checklist/bulk`: all or nothing). It stays at the bottom of the
 * screen while the list scrolls under it.
 */
export function BulkBar({
  count,
  pending,
  outcome,
  onApply,
  onClear,
  onClose,
}: {
  count: number;
  pending: boolean;
  outcome: BulkOutcome;
  onApply: (change: Omit<BulkChange, "items">) => void;
  onClear: () => void;
  onClose: () => void;
}) {
  const [state, setState] = useState<"done" | "na">("done");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const items = `${count} ${count === 1 ? "item" : "items"}`;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (count === 0) return setError("Select the items to change first.");
    if (state === "na" && !note.trim()) return setError("Marking items N/A needs a reason: write it in the note.");
    setError(null);
    onApply({ state, ...(note.trim() ? { note: note.trim() } : {}) });
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby="bulk-heading"
      className="sticky bottom-0 z-10 space-y-2 rounded-lg border border-amber-300 bg-white p-3 text-sm shadow-lg dark:border-amber-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="bulk-heading" className="font-semibold">
          Change several items
        </h2>
        <span aria-live="polite" data-testid="bulk-count">
          {items} selected
        </span>
        <button type="button" className="text-sky-800 underline disabled:opacity-50 dark:text-sky-300" onClick={onClear} disabled={count === 0}>
          Clear selection
        </button>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <fieldset className="flex items-center gap-3">
          <legend className="sr-only">Mark the selected items</legend>
          <label className="flex items-center gap-1">
            <input type="radio" name="bulk-state" value="done" checked={state === "done"} onChange={() => setState("done")} /> Done
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="bulk-state" value="na" checked={state === "na"} onChange={() => setState("na")} /> N/A
          </label>
        </fieldset>
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="bulk-note" className="block font-medium">
            {state === "na" ? "Why they do not apply (kept as each item's reason)" : "Evidence note (optional, kept on each item)"}
          </label>
          <textarea
            id="bulk-note"
            rows={1}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "bulk-error" : undefined}
            className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
          />
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : `Mark ${items} ${state === "na" ? "N/A" : "done"}`}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Done selecting
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {error ? (
          <p id="bulk-error" role="alert" className="text-red-700 dark:text-red-400">
            {error}
          </p>
        ) : outcome ? (
          <p
            role={outcome.kind === "refused" ? "alert" : "status"}
            className={outcome.kind === "refused" ? "rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" : "text-emerald-800 dark:text-emerald-300"}
          >
            {outcome.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
