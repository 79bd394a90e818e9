/**
 * One shared computation per team and 30 s: every reader of /status/{team} and its feed in this process
 * awaits the same promise (and is sent the same rendered HTML), so 200 readers during an outage cost one set of queries, not 200 (docs/decisions/0040).
 * An unpublished or unknown team is cached as null too (so guessing slugs costs no more); the settings
 * action forgets the team's entry, so a page shows up, or goes away, at once in the process that changed it.
 * A failed read is not kept: the next reader tries again.
 */
import { createHash } from "node:crypto";
import { statusPageHtml } from "./html";
import { buildStatusPageView, statusPageWindow, type StatusPageView } from "./present";
import { readStatusPage } from "./query";

export const STATUS_PAGE_TTL_MS = 30_000;
/** Teams kept at most; the oldest entry goes first (a bound for slugs nobody publishes). */
const MAX_ENTRIES = 1000;

interface Entry {
  at: number;
  view: Promise<StatusPageView | null>;
}

const entries = new Map<string, Entry>();

async function load(slug: string, now: Date): Promise<StatusPageView | null> {
  const window = statusPageWindow(now);
  const data = await readStatusPage(slug, window);
  return data ? buildStatusPageView(data, window) : null;
}

/** The published page of team `slug` as of at most 30 s ago, or null (the caller answers 404). */
export function cachedStatusPage(slug: string, now = new Date()): Promise<StatusPageView | null> {
  const hit = entries.get(slug);
  if (hit && now.getTime() - hit.at < STATUS_PAGE_TTL_MS && now.getTime() >= hit.at) return hit.view;
  const view = load(slug, now);
  const entry = { at: now.getTime(), view };
  entries.delete(slug);
  entries.set(slug, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  view.catch(() => {
    if (entries.get(slug) === entry) entries.delete(slug);
  });
  return view;
}

/** After the page's settings change: the next reader computes it afresh. */
export function forgetStatusPage(slug: string): void {
  entries.delete(slug);
}

export interface RenderedStatusPage {
  view: StatusPageView;
  html: string;
  /** a strong validator of `html`: a reader that sends it back (a browser reloading) gets a 304 */
  etag: string;
}

const rendered = new WeakMap<StatusPageView, RenderedStatusPage>();

/** The cached page as the HTML every reader is sent (rendered once per cached view), or null. */
export async function renderedStatusPage(slug: string, now = new Date()): Promise<RenderedStatusPage | null> {
  const view = await cachedStatusPage(slug, now);
  if (!view) return null;
  let page = rendered.get(view);
  if (!page) {
    const html = statusPageHtml(view);
    page = { view, html, etag: `"${createHash("sha256").update(html).digest("base64url").slice(0, 22)}"` };
    rendered.set(view, page);
  }
  return page;
}
