import { renderedStatusPage } from "@/lib/status-page/cache";
import { statusPageNotFoundHtml } from "@/lib/status-page/html";

/**
 * A team's public status page (no sign-in): one HTML document without JavaScript, rendered once per
 * 30 s for every reader (lib/status-page, docs/decisions/0040); 404 unless an owner published it.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const page = await renderedStatusPage(team);
  if (!page) return new Response(statusPageNotFoundHtml(), { status: 404, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  // The string is sent as it is; Next.js compresses it for readers that accept gzip (a pre-gzipped body
  // came out mangled: Next re-encodes a route handler's body, so it is left to Next).
  const headers = { "cache-control": "public, max-age=30", etag: page.etag };
  // A reload sends the validator back: unchanged within the 30 s, the answer is a 304 without the document.
  const known = request.headers.get("if-none-match")?.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (known?.includes(page.etag)) return new Response(null, { status: 304, headers });
  return new Response(page.html, { headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
}
