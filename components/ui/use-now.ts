"use client";

import { useSyncExternalStore } from "react";

/**
 * One clock for every ageing time on the page: a single one-second timer, started with the first
 * subscriber and stopped with the last, and stopped while the tab is hidden (it catches up at once when
 * the tab is shown again).
 */
const listeners = new Set<() => void>();
let current = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  current = Date.now();
  for (const listener of listeners) listener();
}

function sync() {
  const run = listeners.size > 0 && document.visibilityState === "visible";
  if (run && !timer) {
    tick();
    timer = setInterval(tick, 1000);
  } else if (!run && timer) {
    clearInterval(timer);
    timer = undefined;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) document.addEventListener("visibilitychange", sync);
  sync();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) document.removeEventListener("visibilitychange", sync);
    sync();
  };
}

/**
 * The current time in ms, re-rendering the caller every second. `serverNow` is the clock the server
 * rendered with: it is what the server's HTML and the hydrating render use (so they match), and the
 * floor afterwards, so a browser clock running behind never makes a past moment read "in 2 min".
 */
export function useNow(serverNow: number): number {
  const client = useSyncExternalStore(subscribe, () => current, () => 0);
  return Math.max(client, serverNow);
}
