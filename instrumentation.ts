/** Runs once when the Next.js server starts; the Node-only part lives in lib/server/startup.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { onServerStart } = await import("./lib/server/startup");
    onServerStart();
  }
}
