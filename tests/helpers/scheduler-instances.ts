/**
 * Scheduler instances in processes of their own (tests/helpers/scheduler-child.ts), as replicas of the
 * app would run them, for tests and bench/alerts.ts; and polling for a condition instead of sleeping.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface SchedulerInstance {
  /** SIGTERM: the scheduler stops starting rounds and finishes the running ones */
  stop(): Promise<void>;
  /** SIGKILL: a crash */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** SIGKILL every instance still running (a test's afterAll). */
export function killSchedulerInstances(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** A scheduler instance on `databaseUrl`, started once it prints "ready"; its log lines go to stderr. */
export async function startSchedulerInstance(databaseUrl: string, options: Record<string, unknown> = {}): Promise<SchedulerInstance> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/scheduler-child.ts", JSON.stringify(options)], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "pipe", "inherit"],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => running.delete(child));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      if (out.includes("ready")) return void process.stderr.write(d);
      out += d.toString();
      if (out.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the scheduler instance exited (${code}) before it was ready: ${out}`)));
  });
  return {
    stop: () => (child.kill("SIGTERM"), exited),
    kill: () => (child.kill("SIGKILL"), exited),
  };
}

/** Poll `probe` every 100 ms until it returns something other than undefined; fail after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
