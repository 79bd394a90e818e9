"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition } from "react";

/** The shortest interval a page's `?refresh=` may ask for, in seconds (tests and wall screens use it). */
const MIN_OVERRIDE_SECONDS = 1;

/** The interval to use: `?refresh=N` in the page's URL (N seconds, 0 off) overrides the server's setting. */
function intervalSeconds(configured: number): number {
  const asked = new URLSearchParams(window.location.search).get("refresh");
  if (asked === null || !/^\d+$/.test(asked)) return configured;
  const n = Number(asked);
  return n === 0 ? 0 : Math.min(3600, Math.max(MIN_OVERRIDE_SECONDS, n));
}

/** Fields where focus means typing (a focused checkbox or button is not an edit in progress). */
const TYPING = "textarea, select, [contenteditable]:not([contenteditable='false']), input:not([type=checkbox],[type=radio],[type=button],[type=submit],[type=reset],[type=range],[type=color],[type=file],[type=hidden])";

/**
 * Someone is working on the page: focus is in a text field, a form has been typed in since it was last
 * submitted (`edited`), or a request is under way (an element marked aria-busy, as checklist rows are
 * while they save). A refresh would not lose their input (React keeps client state), but it would
 * re-render under them and spend a server render on a page they are not reading.
 */
function pageIsBusy(edited: WeakSet<HTMLFormElement>): boolean {
  if (document.activeElement?.matches(TYPING)) return true;
  if (document.querySelector("[aria-busy='true']")) return true;
  for (const form of document.forms) if (edited.has(form)) return true;
  return false;
}

/**
 * Keeps a server-rendered page live: every `seconds` (PREFLIGHT_REFRESH_SECONDS, or `?refresh=N`) it
 * calls `router.refresh()`, which re-renders the page's server components and merges the result without
 * losing client state (open panels, typed text, scroll). Never while the tab is hidden (it refreshes
 * once when the tab is shown again, if an interval has passed), while the page is busy (pageIsBusy), or
 * while the previous refresh is still on its way. Renders nothing (decision 0023).
 */
export function LiveRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const pendingRef = useRef(false);

  useEffect(() => {
    pendingRef.current = pending;
  }, [pending]);

  useEffect(() => {
    const every = intervalSeconds(seconds) * 1000;
    if (!every) return;
    let last = Date.now();
    // Forms typed in since their last submit or reset. Tracked from input events rather than by comparing
    // values with defaults: React does not update a controlled checkbox's defaultChecked.
    const edited = new WeakSet<HTMLFormElement>();
    const onInput = (e: Event) => {
      const form = (e.target as { form?: HTMLFormElement | null }).form;
      if (form) edited.add(form);
    };
    const onDone = (e: Event) => {
      if (e.target instanceof HTMLFormElement) edited.delete(e.target);
      // A submitted form's request is under way, and its answer re-renders the page itself: the next
      // refresh is an interval after the submit.
      if (e.type === "submit") last = Date.now();
    };
    const check = () => {
      if (document.visibilityState !== "visible" || pendingRef.current) return;
      if (Date.now() - last < every) return;
      // Busy: try again at the next check rather than waiting a whole interval.
      if (pageIsBusy(edited)) return;
      last = Date.now();
      startTransition(() => router.refresh());
    };
    const timer = setInterval(check, Math.min(every, 1000));
    document.addEventListener("visibilitychange", check);
    document.addEventListener("input", onInput, true);
    document.addEventListener("submit", onDone, true);
    document.addEventListener("reset", onDone, true);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
      document.removeEventListener("input", onInput, true);
      document.removeEventListener("submit", onDone, true);
      document.removeEventListener("reset", onDone, true);
    };
  }, [router, seconds]);

  return null;
}
