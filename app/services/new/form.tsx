"use client";

import { startTransition, useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, CheckboxGroup, SelectField, TextField } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { FormState } from "@/lib/http/form-state";
import { createServiceAction } from "./actions";

/**
 * What the baseline is, and what choosing a guide beside it does (decision 0022): people picked both and got
 * every practice twice before items of one practice merged.
 */
const BASELINE_HINT =
  "One checklist merged from all four production guides (Hyperterse, CryptoPulse, TrailBase, Glasswork), one item per practice. " +
  "A guide chosen as well adds no duplicates: each practice it shares with the baseline stays one item, with the guide's own wording shown beside it.";

export function NewServiceForm({ teams, templates }: { teams: { slug: string; name: string }[]; templates: { key: string; name: string; items: number; practices: number }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createServiceAction, {});
  const fe = state.fieldErrors ?? {};
  const hydrated = useHydrated();
  return (
    <form
      onSubmit={(e) => {
        // Not the action prop: a refused form keeps what was typed.
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="max-w-xl space-y-4"
    >
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <TextField label="Name" name="name" required maxLength={100} error={fe.name} />
      <TextField label="Slug (optional)" name="slug" maxLength={60} pattern="[a-z0-9]+(-[a-z0-9]+)*" hint="Lower-case letters, digits and single dashes; derived from the name when empty." error={fe.slug} />
      <SelectField label="Team" name="team" defaultValue={teams[0]?.slug}>
        {teams.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <TextField label="Description" name="description" maxLength={2000} error={fe.description} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Tier" name="tier" defaultValue="2">
          <option value="1">1 — most critical</option>
          <option value="2">2</option>
          <option value="3">3</option>
          <option value="4">4 — least critical</option>
        </SelectField>
        <TextField label="Environment" name="environment" defaultValue="production" required maxLength={40} error={fe.environment} />
      </div>
      <TextField label="Tags (comma-separated)" name="tags" placeholder="api, postgres" error={fe.tags ?? Object.entries(fe).find(([k]) => k.startsWith("tags."))?.[1]} />
      <CheckboxGroup
        legend="Checklist templates"
        name="templates"
        error={fe.templates}
        options={templates.map((t) => ({
          value: t.key,
          label: (
            <>
              {t.name}{" "}
              <span className="text-zinc-500 dark:text-zinc-400">
                ({t.practices === t.items ? `${t.items} items` : `${t.items} items, ${t.practices} on a service`})
              </span>
            </>
          ),
          hint: t.key === "baseline" ? BASELINE_HINT : t.practices < t.items ? "Its items that say the same thing become one item." : undefined,
          // Only the baseline: a guide ticked too adds no items to it, only its wording as notes.
          defaultChecked: t.key === "baseline",
        }))}
      />
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? "Creating…" : "Create service"}
      </Button>
    </form>
  );
}
