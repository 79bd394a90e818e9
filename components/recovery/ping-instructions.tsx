import { ScrollBox } from "@/components/ui/scroll-box";
import { CopyButton } from "./copy-button";

/**
 * The monitor's ping URL and the curl lines a backup script needs, shaped for the guide's
 * scripts/backup-db.sh run from cron (editors and owners only: the URL is the monitor's credential).
 */
export function pingScript(pingUrl: string, component: string): string {
  return [
    `# ${component}: wrap the backup script (e.g. scripts/backup-db.sh) and run this from cron instead`,
    `PING_URL="${pingUrl}"`,
    `curl -fsS -m 10 --retry 3 -o /dev/null "$PING_URL/start"`,
    `if OUTPUT=$(/path/to/scripts/backup-db.sh 2>&1); then`,
    `  curl -fsS -m 10 --retry 3 -o /dev/null --data-raw "$OUTPUT" "$PING_URL"`,
    `else`,
    `  curl -fsS -m 10 --retry 3 -o /dev/null --data-raw "$OUTPUT" "$PING_URL/fail"`,
    `fi`,
  ].join("\n");
}

export function PingInstructions({ pingUrl, component }: { pingUrl: string; component: string }) {
  const script = pingScript(pingUrl, component);
  const id = `ping-${component.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  return (
    <details className="mt-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">Ping URL and curl lines for {component}</summary>
      <div className="mt-3 space-y-3">
        <div>
          <label htmlFor={`${id}-url`} className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
            Ping URL (keep it secret: anyone with it can report backups)
          </label>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <input
              id={`${id}-url`}
              readOnly
              value={pingUrl}
              className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
            <CopyButton text={pingUrl} label={`Copy the ping URL of ${component}`} />
          </div>
        </div>
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Backup script with pings (start, then success or fail with the output as the log excerpt)
            </span>
            <CopyButton text={script} label={`Copy the curl lines for ${component}`} />
          </div>
          <ScrollBox label={`Backup script of ${component}`} className="mt-1 overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
            <pre>{script}</pre>
          </ScrollBox>
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          GET works as well as POST; HEAD (<code>curl -I</code>, link previews) records nothing. Optional query parameters: <code>?size=</code>bytes, <code>&amp;location=</code>path,{" "}
          <code>&amp;checksum=</code>sum. Bodies longer than 10 KiB are cut. Schedule as in the guide:{" "}
          <code>0 2 * * * /path/to/scripts/backup-with-ping.sh</code>
        </p>
      </div>
    </details>
  );
}
