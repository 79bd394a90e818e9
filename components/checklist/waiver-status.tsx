"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { PublicItem } from "@/lib/checklists/items";
import { formatDate } from "@/lib/format/time";
import { decideWaiver } from "./api";

/** The item's waiver, re-verification and upcoming-rule status as badges (text, not colour alone). */
export function TimedBadges({ item, now }: { item: PublicItem; now: number }) {
  const w = item.waiver;
  const due = item.reverifyDueAt ? Date.parse(item.reverifyDueAt) : null;
  const from = item.effectiveFrom ? Date.parse(item.effectiveFrom) : null;
  return (
    <>
      {w?.status === "pending" ? (
        <Badge tone="warn">
          <span aria-hidden="true">…</span>Waiver awaiting approval
        </Badge>
      ) : w?.status === "approved" ? (
        <Badge tone="good">
          <span aria-hidden="true">✓</span>Waived until {w.expiresAt ? formatDate(w.expiresAt) : "further notice"}
        </Badge>
      ) : w?.status === "rejected" ? (
        <Badge tone="bad">
          <span aria-hidden="true">✕</span>Waiver rejected
        </Badge>
      ) : w?.status === "expired" ? (
        <Badge tone="bad">
          <span aria-hidden="true">!</span>Waiver expired {w.expiresAt ? formatDate(w.expiresAt) : ""}
        </Badge>
      ) : null}
      {due !== null && due <= now ? (
        <Badge tone="warn">
          <span aria-hidden="true">↻</span>Needs re-verification since {formatDate(new Date(due))}
        </Badge>
      ) : null}
      {from !== null && from > now ? <Badge tone="info">Upcoming from {formatDate(new Date(from))}</Badge> : null}
    </>
  );
}

/** Approve / Reject for owners and reviewers who did not ask for the waiver. */
export function WaiverDecision({ slug, item, decider, onItem }: { slug: string; item: PublicItem; decider: string; onItem: (item: PublicItem) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (item.waiver?.status !== "pending") return null;
  if (item.waiver.requestedBy === decider) {
    return <p className="text-zinc-600 dark:text-zinc-400">You asked for this waiver: another owner or reviewer decides it.</p>;
  }
  const decide = async (decision: "approve" | "reject") => {
    setBusy(true);
    setError(null);
    try {
      onItem(await decideWaiver(slug, item.key, decision));
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not reach Preflight; nothing was decided.");
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-1">
      <p>
        Waiver asked by {item.waiver.requestedBy ?? "someone"}
        {item.waiver.expiresAt ? `, to expire on ${formatDate(item.waiver.expiresAt)}` : ""}.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void decide("approve")} disabled={busy} aria-label={`Approve waiver: ${item.title}`}>
          Approve waiver
        </Button>
        <Button variant="secondary" onClick={() => void decide("reject")} disabled={busy} aria-label={`Reject waiver: ${item.title}`}>
          Reject waiver
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
