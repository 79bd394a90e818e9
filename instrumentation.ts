/** Runs once when the Next.js server starts; the Node-only part lives in lib/server/startup.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/server/startup");
    onServerStart();
  }
}

/** Every error of a render, route or action: a database outage is noted (lib/server/request-error.ts). */
export async function onRequestError(err: unknown) {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onPageError } = await import("./lib/server/request-error");
    onPageError(err);
  }
}
