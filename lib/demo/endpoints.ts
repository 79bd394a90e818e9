/**
 * The demo services' health endpoints (served by lib/demo/targets-server.ts in development) so the demo checks
 * have something real to probe on first run. Each behaves on a schedule (by wall-clock minute), so
 * charts show slow periods and short outages without anything random. Never served in production.
 */
export interface DemoHealthAnswer {
  status: number;
  body: string;
  contentType: string;
  delayMs: number;
  headers: Record<string, string>;
}

const json = (status: number, body: unknown, delayMs: number, headers: Record<string, string> = {}): DemoHealthAnswer => ({
  status,
  body: JSON.stringify(body),
  contentType: "application/json",
  delayMs,
  headers,
});

/** null: no such demo endpoint (404). */
export function demoHealthAnswer(slug: string, path: string, now: Date): DemoHealthAnswer | null {
  const minuteOfHour = now.getUTCMinutes();
  const minuteOfDay = now.getUTCHours() * 60 + minuteOfHour;
  switch (`${slug}${path}`) {
    case "hyperterse/heartbeat":
      // Steady and quick: the guide's `curl -f …/heartbeat` only needs a 2xx.
      return json(200, { status: "ok" }, 15 + (minuteOfHour % 5) * 3, { "x-content-type-options": "nosniff" });
    case "cryptopulse/health":
      // Slow for five minutes every hour (a cache miss storm), behind Nginx with the guide's headers.
      return json(200, { status: "healthy", database: "connected", redis: "connected" }, minuteOfHour >= 40 && minuteOfHour < 45 ? 450 : 40, {
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
      });
    case "trailbase/api/healthcheck":
      // Flaps: down for the first four minutes of every second hour (a restart loop after deploys).
      if (now.getUTCHours() % 2 === 0 && minuteOfHour < 4) return { status: 503, body: "Service Unavailable", contentType: "text/plain", delayMs: 5, headers: {} };
      return { status: 200, body: "Ok", contentType: "text/plain", delayMs: 8, headers: {} };
    case "glasswork/internal/health":
      // Cold starts: slow for one minute in every ten.
      return json(200, { ok: true }, minuteOfDay % 10 === 0 ? 900 : 25, { "content-security-policy": "frame-ancestors 'none'", "x-content-type-options": "nosniff" });
    default:
      return null;
  }
}
