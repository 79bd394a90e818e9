"use client";

import { useState } from "react";
import { SelectField } from "@/components/ui/field";
import { tierChange, tierChangeText, type TierLimitedItem } from "@/lib/services/tier-change";

/** The tier select of the service settings, with what a new tier adds or removes, before saving. */
export function TierField({ tier, items, reviewRequiredUpToTier }: { tier: number; items: TierLimitedItem[]; reviewRequiredUpToTier: number }) {
  const [to, setTo] = useState(tier);
  const lines = to === tier ? [] : tierChangeText(tierChange(items, tier, to, reviewRequiredUpToTier), to);
  return (
    <div className="space-y-2">
      <SelectField label="Tier" name="tier" defaultValue={String(tier)} onChange={(e) => setTo(Number(e.target.value))}>
        <option value="1">1 — most critical</option>
        <option value="2">2</option>
        <option value="3">3</option>
        <option value="4">4 — least critical</option>
      </SelectField>
      <div aria-live="polite" data-testid="tier-change">
        {lines.length ? (
          <ul className="space-y-1 text-sm text-amber-900 dark:text-amber-200">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : to !== tier ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Tier {to} requires the same items as tier {tier}.</p>
        ) : null}
      </div>
    </div>
  );
}
