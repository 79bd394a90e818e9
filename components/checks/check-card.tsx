import type { ReactNode } from "react";
import { Status } from "@/components/ui/status";
import { DateTime, RelativeTime } from "@/components/ui/time";
import type { PublicCheck } from "@/lib/checks/public";
import { CheckStatusBadge } from "./check-status";
import { CheckControls } from "./check-controls";

const TLS_WARNING_DAYS = 14;

export function describeInterval(seconds: number): string {
  if (seconds % 3600 === 0) return `every ${seconds / 3600} h`;
  if (seconds % 60 === 0) return `every ${seconds / 60} min`;
  return `every ${seconds} s`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

const SECURITY_HEADERS = [
  ["hsts", "HSTS"],
  ["contentTypeOptions", "X-Content-Type-Options"],
  ["frameOptions", "X-Frame-Options"],
  ["frameAncestors", "CSP frame-ancestors"],
] as const;

/** One check: settings, the last probe's evidence, and (for editors) its controls. */
export function CheckCard({ slug, check, canManage, now }: { slug: string; check: PublicCheck; canManage: boolean; now: number }) {
  const headingId = `check-${check.id}-name`;
  const tlsDaysLeft = check.tlsExpiresAt ? Math.floor((Date.parse(check.tlsExpiresAt) - now) / 86_400_000) : null;
  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="break-all font-medium">
          {check.name}
        </h3>
        <CheckStatusBadge status={check.status} enabled={check.enabled} />
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        <span className="font-mono text-xs">{check.method}</span>{" "}
        <code className="break-all rounded bg-zinc-100 px-1 dark:bg-zinc-800">{check.url}</code> · {describeInterval(check.intervalSeconds)} · expects{" "}
        {check.expectedStatus.join(", ")}
        {check.headers.length ? ` · headers: ${check.headers.map((h) => h.name).join(", ")}` : ""}
      </p>
      {check.refusedReason ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <span aria-hidden="true">⚠ </span>
          <strong>Target refused:</strong> {check.refusedReason}
        </div>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <Fact label="Last probe">{check.lastRunAt ? <RelativeTime at={check.lastRunAt} now={now} /> : "Never probed yet"}</Fact>
        <Fact label="Latency">{check.lastLatencyMs !== null ? `${check.lastLatencyMs} ms` : "—"}</Fact>
        <Fact label="HTTP status">{check.lastHttpStatus ?? "—"}</Fact>
        <Fact label="TLS certificate">
          {check.tlsExpiresAt && tlsDaysLeft !== null ? (
            tlsDaysLeft < TLS_WARNING_DAYS ? (
              <Status status={{ tone: "bad" }} variant="text">
                <span>
                  {tlsDaysLeft < 0 ? "Expired " : "Expires "}
                  <DateTime at={check.tlsExpiresAt} /> ({tlsDaysLeft < 0 ? "renew now" : `${tlsDaysLeft} days left`})
                </span>
              </Status>
            ) : (
              <>
                Expires <DateTime at={check.tlsExpiresAt} />
              </>
            )
          ) : (
            "Not known"
          )}
        </Fact>
      </dl>
      {check.lastError ? (
        <p className="text-sm text-red-800 dark:text-red-300">
          <span aria-hidden="true">✕ </span>
          Last error: {check.lastError}
        </p>
      ) : null}
      {check.securityHeaders ? (
        <div className="text-sm">
          <h4 className="text-xs text-zinc-500 dark:text-zinc-400">Security headers seen</h4>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {SECURITY_HEADERS.map(([key, label]) => {
              const value = check.securityHeaders![key];
              return (
                <li key={key} title={value ?? undefined}>
                  <span aria-hidden="true">{value ? "✓" : "✕"} </span>
                  {label}: {value ? <span className="break-all font-mono text-xs">{value}</span> : "missing"}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {canManage ? <CheckControls slug={slug} check={check} /> : null}
    </article>
  );
}
