import { env } from "@/lib/env";
import "@/lib/http/validation-messages";
import { installPeerAddressStamp } from "./peer-address";

/** Node server start: validate the environment, watch the launcher or else run the probe scheduler. */
export function onServerStart(): void {
  // A bad environment fails the start, naming the variable.
  const { PREFLIGHT_LAUNCHER_PID: launcherPid, PROBES_IN_PROCESS: probesHere } = env();
  // Each request carries its TCP peer's address, which clientIp() uses without a proxy (decision 0019).
  installPeerAddressStamp();
  // Started by scripts/launch.ts: if the launcher is killed outright (SIGKILL), exit too rather than
  // linger as an orphan holding the port. The next launch adopts the database it left running.
  if (launcherPid) {
    const timer = setInterval(() => {
      try {
        process.kill(launcherPid, 0);
      } catch {
        process.exit(0);
      }
    }, 1000);
    timer.unref();
  } else if (probesHere) {
    // Started on its own (the standalone server, `node server.js`): nobody else runs the probe rounds
    // here, so this process does, unless PROBES_IN_PROCESS=false makes it a web-only instance.
    void import("@/lib/probes/scheduler-role").then(({ startSchedulerRole }) => startSchedulerRole("server"));
  }
}
