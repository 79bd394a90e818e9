"use client";

import { useEffect, useRef, useState } from "react";
import { AuditDetails } from "@/components/audit/audit-details";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/time";
import type { ItemHistory as History } from "@/lib/audit/item-history";

type State =
  | { status: "idle" }
  | { status: "loading"; events: History["events"] }
  | { status: "error"; message: string; events: History["events"] }
  | { status: "ready"; events: History["events"]; nextBefore: string | null };

async function fetchHistory(slug: string, key: string, before?: string): Promise<History> {
  const query = before ? `?before=${encodeURIComponent(before)}` : "";
  const res = await fetch(`/api/v1/services/${encodeURIComponent(slug)}/checklist/${encodeURIComponent(key)}/history${query}`, { cache: "no-store" });
  const body = (await res.json().catch(() => ({}))) as Partial<History> & { error?: { message?: string } };
  if (!res.ok || !body.events) throw new Error(body.error?.message ?? `The server answered ${res.status}.`);
  return body as History;
}

/**
 * "History" under a checklist item: who changed what, when, from the audit log. Loaded when opened (most
 * items are never looked at this way), and again when the item changes while it is open.
 */
export function ItemHistory({ slug, itemKey, title, version }: { slug: string; itemKey: string; title: string; version: number }) {
  const [state, setState] = useState<State>({ status: "idle" });
  const open = useRef(false);

  async function load(before?: string) {
    const kept = before && state.status !== "idle" ? state.events : [];
    setState({ status: "loading", events: kept });
    try {
      const page = await fetchHistory(slug, itemKey, before);
      setState({ status: "ready", events: [...kept, ...page.events], nextBefore: page.nextBefore });
    } catch (err) {
      setState({ status: "error", message: err instanceof Error ? err.message : "The history could not be loaded.", events: kept });
    }
  }

  // Opened before React hydrated (a quick click on a slow page): no toggle event follows, so look once.
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current?.open && !open.current) {
      open.current = true;
      void load();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, after hydration
  }, []);

  // A change saved while the history is open is its newest entry: read it again.
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    if (open.current) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new version reloads
  }, [version]);

  const events = state.status === "idle" ? [] : state.events;
  return (
    <details
      ref={details}
      className="mt-1 text-sm text-zinc-600 dark:text-zinc-400"
      onToggle={(e) => {
        open.current = e.currentTarget.open;
        if (open.current && state.status === "idle") void load();
      }}
    >
      <summary className="cursor-pointer select-none">
        History<span className="sr-only">: {title}</span>
      </summary>
      <div className="mt-1 space-y-2" aria-busy={state.status === "loading" || undefined}>
        {events.length ? (
          <ol className="space-y-2 border-l border-zinc-200 pl-3 dark:border-zinc-800" aria-label={`History of ${title}, newest first`}>
            {events.map((e) => (
              <li key={e.id} className="text-zinc-800 dark:text-zinc-200">
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  <DateTime at={e.at} />
                </span>
                {e.summary}
                <AuditDetails details={e.details} />
              </li>
            ))}
          </ol>
        ) : null}
        {state.status === "loading" ? <p>Loading the history…</p> : null}
        {state.status === "ready" && events.length === 0 ? <p>No changes recorded yet. Ticks, notes and evidence are recorded from the first change on.</p> : null}
        {state.status === "error" ? (
          <p role="alert" className="text-red-700 dark:text-red-400">
            Could not load the history: {state.message}{" "}
            <button type="button" className="underline" onClick={() => void load()}>
              Try again
            </button>
          </p>
        ) : null}
        {state.status === "ready" && state.nextBefore ? (
          <Button variant="secondary" onClick={() => void load(state.nextBefore!)} aria-label={`Older changes of ${title}`}>
            Older changes
          </Button>
        ) : null}
      </div>
    </details>
  );
}
