import { after } from "next/server";
import { log } from "@/lib/log";

/**
 * Runs `task` once the response has been sent (Next's `after()`), so a slow side effect such as an
 * email never holds up the person who clicked. Outside a request (the CLI, tests) `after()` throws;
 * the task then starts at once, unawaited. Either way a failure is logged, never thrown.
 */
export function afterResponse(task: () => Promise<void>): void {
  const run = () => task().catch((err: unknown) => log.warn({ err }, "background task failed"));
  try {
    after(run);
  } catch {
    void run();
  }
}
