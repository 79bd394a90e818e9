import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/ui/empty-state";
import { createCheckAction } from "@/app/services/[slug]/check-actions";
import type { PublicCheck } from "@/lib/checks/public";
import { CheckCard } from "./check-card";
import { CheckFields } from "./check-fields";

/** The service page's health checks: status and evidence for everyone, forms for editors and owners. */
export function HealthChecks({ slug, checks, canManage, now }: { slug: string; checks: PublicCheck[]; canManage: boolean; now: number }) {
  return (
    <section aria-labelledby="health-checks" className="space-y-3">
      <h2 id="health-checks" className="scroll-mt-4 text-lg font-semibold">
        Health checks
      </h2>
      {checks.length ? (
        <ul className="space-y-3">
          {checks.map((check) => (
            <li key={check.id}>
              <CheckCard slug={slug} check={check} canManage={canManage} now={now} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="No health checks yet">
          Preflight probes a service&apos;s health endpoint (such as <code>/health</code>) on a schedule; a failing check blocks readiness.{" "}
          {canManage ? "Add one below." : "An editor or owner of the team can add one."}
        </EmptyState>
      )}
      {canManage ? (
        <details className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <summary className="cursor-pointer font-semibold">Add a health check</summary>
          <ActionForm action={createCheckAction.bind(null, slug)} submitLabel="Add check" pendingLabel="Adding…" className="mt-4">
            <CheckFields idPrefix="new-check" />
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}
