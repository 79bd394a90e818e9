import { publicUrl } from "@/lib/env";
import { cachedStatusPage } from "@/lib/status-page/cache";
import { statusFeedXml } from "@/lib/status-page/feed";

/** The Atom feed of a published status page's incidents (no sign-in); 404 when not published. */
export async function GET(_request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const view = await cachedStatusPage(team);
  if (!view) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(statusFeedXml(view, `${publicUrl()}/status/${encodeURIComponent(view.teamSlug)}`), {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "public, max-age=30" },
  });
}
