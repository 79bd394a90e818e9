const PROBE_ORIGIN = "http://preflight.invalid";

/**
 * Only same-site relative paths are followed after sign-in (no open redirects). Browsers drop tabs and
 * line breaks from a URL and read "\" as "/", so "/\t/evil.example" would leave the site: a path is kept
 * only when it has no control characters and still names our origin once parsed as a browser parses it.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  const path = value.slice(0, 500);
  if (!path.startsWith("/") || /[\u0000-\u001f\u007f]/.test(path)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(path, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  return parsed.origin === PROBE_ORIGIN ? path : fallback;
}
