// @ts-check
/**
 * The hosts `next dev` serves its dev resources (/_next/…, hot reload) to, for next.config.js's
 * `allowedDevOrigins`: Next blocks every other page origin, and a page opened there never hydrates
 * (no click handler runs). Next compares hostnames only (no scheme or port; `*.example.com` patterns
 * allowed), so the list is localhost, 127.0.0.1 and the host of NEXTAUTH_URL — where every emailed
 * link, the check-email redirect and sign-out land. Plain JavaScript: next.config.js loads it as is.
 *
 * @param {string | undefined} nextAuthUrl
 * @returns {string[]}
 */
export function allowedDevOrigins(nextAuthUrl) {
  const hosts = ["localhost", "127.0.0.1"];
  if (nextAuthUrl) {
    try {
      const host = new URL(nextAuthUrl).hostname.toLowerCase();
      if (host && !hosts.includes(host)) hosts.push(host);
    } catch {
      // Not a URL: the start-up check (lib/env.ts) refuses it with a message; nothing to add here.
    }
  }
  return hosts;
}
