"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { Alert, FieldErrorsContext } from "./field";
import { useHydrated } from "./use-hydrated";

import type { FormState } from "@/lib/http/form-state";


const NO_ERRORS: Record<string, string> = {};

export interface SecretLabels {
  field: string;
  copy: string;
}
const TOKEN_SECRET: SecretLabels = { field: "Your new token (shown once)", copy: "Copy token" };

/**
 * A form bound to a server action; shows its outcome (and a once-only secret) next to it. A field error
 * appears beside its field (components/ui/field.tsx); only errors no field claims are listed here.
 */
export function ActionForm({
  action,
  submitLabel,
  submitAriaLabel,
  pendingLabel,
  variant = "primary",
  children,
  className = "",
  inline = false,
  resetOnRefusal = false,
  disabled = false,
  secretLabels = TOKEN_SECRET,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  submitLabel: string;
  /** the button's accessible name when its visible text is short ("Delete" → "Delete CPU usage") */
  submitAriaLabel?: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  children?: ReactNode;
  className?: string;
  inline?: boolean;
  /** after a refusal, show the saved values again (a control that mirrors stored state, like a role) */
  resetOnRefusal?: boolean;
  /** nothing to submit now (the form stays, so the outcome of the last submission stays readable) */
  disabled?: boolean;
  /** what the once-only secret is called, beside it and on its copy button */
  secretLabels?: SecretLabels;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const hydrated = useHydrated();
  // The error keys the form's fields claim, read when it is submitted (rows can come and go before).
  const [claimed, setClaimed] = useState<ReadonlySet<string>>(new Set());
  const unclaimed = Object.entries(state.fieldErrors ?? {}).filter(([key]) => !claimed.has(key));
  const formRef = useRef<HTMLFormElement>(null);
  // Several forms of a page may show a secret (a channel's rotation beside the add form): ids stay unique.
  const secretId = useId();
  // Submitting through onSubmit (not the action prop) keeps what the person typed when the server
  // refuses it; the form is cleared only after a success. After a refusal the first field in error
  // takes the focus, so its message is read out with it.
  useEffect(() => {
    if (state.ok || (state.error && resetOnRefusal)) formRef.current?.reset();
    else if (state.fieldErrors) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, resetOnRefusal]);
  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        setClaimed(new Set([...e.currentTarget.querySelectorAll<HTMLElement>("[data-field-keys]")].flatMap((el) => JSON.parse(el.dataset.fieldKeys ?? "[]") as string[])));
        startTransition(() => formAction(data));
      }}
      className={`${inline ? "flex flex-wrap items-end gap-2" : "space-y-3"} ${className}`}>
      <FieldErrorsContext value={state.fieldErrors ?? NO_ERRORS}>{children}</FieldErrorsContext>
      <Button type="submit" variant={variant} disabled={disabled || pending || !hydrated} aria-label={submitAriaLabel}>
        {pending ? (pendingLabel ?? "Working…") : submitLabel}
      </Button>
      <div aria-live="polite" className={inline ? "basis-full" : ""}>
        {state.error ? (
          <Alert tone="error">
            {state.error}
            {unclaimed.length ? (
              <ul className="mt-1 list-disc pl-5">
                {unclaimed.map(([field, msg]) => (
                  <li key={field}>
                    {field}: {msg}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
        {state.secret ? (
          <div className="mt-2">
            <label htmlFor={secretId} className="block text-sm font-medium">
              {secretLabels.field}
            </label>
            <input
              id={secretId}
              readOnly
              value={state.secret}
              onFocus={(e) => e.currentTarget.select()}
              className="mt-1 block w-full rounded-md border border-zinc-300 bg-zinc-50 px-2 py-1.5 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
            <div className="mt-2">
              <CopyButton text={state.secret} label={secretLabels.copy} />
            </div>
          </div>
        ) : null}
      </div>
    </form>
  );
}
