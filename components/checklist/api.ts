import type { PublicItemComment } from "@/lib/checklists/comments";
import type { PublicItem } from "@/lib/checklists/items";

export interface ItemChange {
  state: "open" | "done" | "na";
  note?: string | null;
  evidenceUrl?: string | null;
  reason?: string;
  /** a required item's waiver expiry (YYYY-MM-DD) */
  expiresAt?: string;
  /** keep the evidence of a done item and start its re-verification clock again */
  reverify?: true;
  version: number;
}

export class ChecklistApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly current?: PublicItem,
    public readonly issues?: { path: string; message: string }[],
    /** a refused bulk write: each item someone else changed first, as it is now */
    public readonly conflicts?: { key: string; current: PublicItem }[],
  ) {
    super(message);
  }
}

export async function fetchChecklist(slug: string): Promise<PublicItem[]> {
  const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/checklist`, { cache: "no-store" });
  if (!res.ok) throw new ChecklistApiError("Could not load the checklist.", res.status);
  return ((await res.json()) as { items: PublicItem[] }).items;
}

export async function patchItem(slug: string, key: string, change: ItemChange): Promise<PublicItem> {
  const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/checklist/${encodeURIComponent(key)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(change),
  });
  const body = (await res.json().catch(() => ({}))) as {
    item?: PublicItem;
    error?: { message: string; current?: PublicItem; issues?: { path: string; message: string }[] };
  };
  if (!res.ok || !body.item) {
    throw new ChecklistApiError(body.error?.message ?? `The server refused the change (${res.status}).`, res.status, body.error?.current, body.error?.issues);
  }
  return body.item;
}

/** Approve or reject a required item's pending waiver (owners and reviewers other than its requester). */
export async function decideWaiver(slug: string, key: string, decision: "approve" | "reject"): Promise<PublicItem> {
  const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/checklist/${encodeURIComponent(key)}/waiver/decision`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ decision }),
  });
  const body = (await res.json().catch(() => ({}))) as { item?: PublicItem; error?: { message: string } };
  if (!res.ok || !body.item) throw new ChecklistApiError(body.error?.message ?? `The server refused the decision (${res.status}).`, res.status);
  return body.item;
}

/** Comment on an item; the server's refusal comes back as a ChecklistApiError with its message. */
export async function postItemComment(slug: string, key: string, body: string): Promise<PublicItemComment> {
  const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/checklist/${encodeURIComponent(key)}/comments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ body }),
  });
  const answer = (await res.json().catch(() => ({}))) as { comment?: PublicItemComment; error?: { message: string; issues?: { path: string; message: string }[] } };
  if (!res.ok || !answer.comment) {
    throw new ChecklistApiError(answer.error?.message ?? `The server refused the comment (${res.status}).`, res.status, undefined, answer.error?.issues);
  }
  return answer.comment;
}

export interface BulkChange {
  items: { key: string; version: number }[];
  state: "done" | "na";
  note?: string;
}

/** All or nothing: the written items, or a ChecklistApiError (409: `conflicts`, nothing written). */
export async function bulkUpdate(slug: string, change: BulkChange): Promise<PublicItem[]> {
  const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/checklist/bulk`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(change),
  });
  const body = (await res.json().catch(() => ({}))) as {
    items?: PublicItem[];
    error?: { message: string; issues?: { path: string; message: string }[]; conflicts?: { key: string; current: PublicItem }[] };
  };
  if (!res.ok || !body.items) {
    throw new ChecklistApiError(body.error?.message ?? `The server refused the change (${res.status}).`, res.status, undefined, body.error?.issues, body.error?.conflicts);
  }
  return body.items;
}
