"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/time";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { PublicItemComment } from "@/lib/checklists/comments";
import { ChecklistApiError, postItemComment } from "./api";

/**
 * The comments on one checklist item (author and time), and a form to add one for those who may
 * (reviewers included): a comment leaves the item's state alone.
 */
export function ItemComments({
  slug,
  itemKey,
  itemTitle,
  comments,
  canComment,
}: {
  slug: string;
  itemKey: string;
  itemTitle: string;
  /** as the page last loaded them */
  comments: readonly PublicItemComment[];
  canComment: boolean;
}) {
  const [added, setAdded] = useState<PublicItemComment[]>([]);
  const [writing, setWriting] = useState(false);
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const id = useId();
  // A later page load brings the comments added here too: show each once.
  const shown = [...comments, ...added.filter((a) => !comments.some((c) => c.id === a.id))];

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!body.trim()) {
      setError("Write the comment.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const comment = await postItemComment(slug, itemKey, body.trim());
      setAdded((list) => [...list, comment]);
      setBody("");
      setWriting(false);
    } catch (err) {
      const issues = err instanceof ChecklistApiError ? err.issues : undefined;
      setError(issues?.length ? issues.map((i) => i.message).join(" ") : err instanceof ChecklistApiError ? err.message : "Could not reach Preflight; the comment was not saved.");
    } finally {
      setPending(false);
    }
  }

  if (shown.length === 0 && !canComment) return null;
  return (
    <div className="mt-2 space-y-2">
      {shown.length ? (
        <ul aria-label={`Comments on ${itemTitle}`} className="space-y-1.5 border-l-2 border-zinc-200 pl-3 text-sm dark:border-zinc-700">
          {shown.map((c) => (
            <li key={c.id}>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {c.authorName ?? "A former member"} · <DateTime at={c.createdAt} />
              </p>
              <p className="whitespace-pre-wrap break-words text-zinc-800 dark:text-zinc-200">{c.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canComment && !writing ? (
        <Button variant="secondary" onClick={() => setWriting(true)} disabled={!hydrated} aria-label={`Comment on ${itemTitle}`}>
          Comment
        </Button>
      ) : null}
      {canComment && writing ? (
        <form onSubmit={submit} className="space-y-2" noValidate>
          <label htmlFor={`${id}-comment`} className="block text-sm font-medium">
            Comment on this item
          </label>
          <textarea
            id={`${id}-comment`}
            autoFocus
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={2}
            maxLength={4000}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-comment-error ${id}-comment-hint` : `${id}-comment-hint`}
            className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <p id={`${id}-comment-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
            Kept with the item and in the audit log; it does not change the item.
          </p>
          {error ? (
            <p id={`${id}-comment-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
              <span aria-hidden="true">✕ </span>
              {error}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save comment"}
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setWriting(false);
                setError(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
