import { addRecommendedAction } from "@/app/services/[slug]/thresholds/actions";
import { ActionForm } from "@/components/ui/action-form";
import { CheckboxGroup } from "@/components/ui/field";
import type { ThresholdDefault } from "@/lib/thresholds/defaults";
import { describeCondition } from "@/lib/thresholds/evaluate";

const SOURCE = { probe: "from Preflight's probes", push: "pushed by the service", scrape: "scraped" } as const;

/**
 * The CryptoPulse guide's thresholds a service does not have yet, each a checkbox (all ticked): a
 * service without Redis or PostgreSQL leaves those out.
 */
export function RecommendedThresholds({ slug, missing, variant = "primary" }: { slug: string; missing: ThresholdDefault[]; variant?: "primary" | "secondary" }) {
  const all = missing.length > 1 ? "Add the chosen thresholds" : "Add this threshold";
  return (
    <ActionForm action={addRecommendedAction.bind(null, slug)} submitLabel={all} pendingLabel="Adding…" variant={variant} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <CheckboxGroup
        legend="Recommended by the CryptoPulse guide (“Metrics to Monitor”)"
        name="metrics"
        options={missing.map((d) => ({
          value: d.metric,
          label: `${d.label}: ${describeCondition(d, d.unit)}`,
          hint: `${d.severity}, ${SOURCE[d.source]}. ${d.action}.`,
          defaultChecked: true,
        }))}
      />
    </ActionForm>
  );
}
