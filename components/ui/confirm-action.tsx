import type { ReactNode } from "react";
import type { FormState } from "@/lib/http/form-state";
import { ActionForm, type SecretLabels } from "./action-form";

/**
 * A destructive action behind a confirmation step: a disclosure names what will happen, the button
 * inside does it. Works without JavaScript and with the keyboard (summary is focusable).
 */
export function ConfirmAction({
  label,
  children,
  action,
  confirmLabel,
  secretLabels,
}: {
  label: string;
  children: ReactNode;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  confirmLabel: string;
  /** the action answers a once-only secret (a rotation): what to call it */
  secretLabels?: SecretLabels;
}) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer select-none font-medium text-red-700 hover:underline dark:text-red-400">{label}</summary>
      <div className="mt-2 space-y-2">
        <p>{children}</p>
        <ActionForm action={action} submitLabel={confirmLabel} variant="danger" inline secretLabels={secretLabels} />
      </div>
    </details>
  );
}
