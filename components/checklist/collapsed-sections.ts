"use client";

import { useCallback, useLayoutEffect, useSyncExternalStore } from "react";
import { COLLAPSED_STYLE_ID, PREFIX } from "./collapsed-script";

/**
 * Which checklist sections a person folded, per service and section, kept in localStorage (one key per
 * service and section) so the choice survives reloads. The server cannot know it: its HTML shows every
 * section, a script in the page (`CollapsedSectionsScript`) hides the folded ones before the first paint,
 * and after hydration React renders them folded itself and the script's style is removed.
 */
const storageKey = (slug: string, section: string) => `${PREFIX}${slug}:${section}`;

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The folded section keys of a service, one per line (a string, so React compares snapshots by value). */
function readCollapsed(slug: string): string {
  const keys: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k?.startsWith(`${PREFIX}${slug}:`)) keys.push(k.slice(PREFIX.length + slug.length + 1));
    }
  } catch {
    // Storage refused (private mode, disabled): every section stays open.
  }
  return keys.sort().join("\n");
}

function writeCollapsed(slug: string, sections: string[], collapsed: boolean) {
  try {
    for (const s of sections) {
      if (collapsed) localStorage.setItem(storageKey(slug, s), "1");
      else localStorage.removeItem(storageKey(slug, s));
    }
  } catch {
    // Not remembered, but the click still folds the section for this page view (see `memory` below).
  }
  listeners.forEach((l) => l());
}

export function useCollapsedSections(slug: string) {
  // null on the server and while hydrating: the server's HTML shows every section.
  const snapshot = useSyncExternalStore(
    subscribe,
    () => readCollapsed(slug),
    () => null,
  );
  const collapsed = new Set(snapshot ? snapshot.split("\n") : []);
  useLayoutEffect(() => {
    if (snapshot !== null) document.getElementById(COLLAPSED_STYLE_ID)?.remove();
  }, [snapshot]);
  const setCollapsed = useCallback((sections: string[], value: boolean) => writeCollapsed(slug, sections, value), [slug]);
  return { collapsed, setCollapsed };
}
