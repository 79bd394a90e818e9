"use client";

import { createContext, useContext, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

const control =
  "mt-1 block w-full rounded-md border border-zinc-300 bg-white px-2.5 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-600 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-[invalid=true]:border-red-500";

/**
 * The server's field errors of the enclosing form (ActionForm provides them), keyed by the field's
 * name, by the name the server gives it (`errorKey`), or by its label (the check forms' errors are
 * keyed by label). Each field shows its own error beside it.
 */
export const FieldErrorsContext = createContext<Record<string, string>>({});

interface FieldFrame {
  label: string;
  /** read by screen readers only, for a control whose row or column already says what it is */
  labelHidden?: boolean;
  hint?: ReactNode;
  /** an error to show regardless of the form's (a form with its own state) */
  error?: string;
  /** the server's name for this field when it differs from `name` ("rtoSeconds" for the minutes field) */
  errorKey?: string;
}

/** The keys an error of this field can come under; ActionForm lists the errors no field claims. */
export function fieldErrorKeys(f: { name?: string; label: string; errorKey?: string }): string[] {
  return [f.name, f.errorKey, f.label].filter((k): k is string => Boolean(k));
}

function useFieldFrame(id: string | undefined, f: FieldFrame & { name?: string }) {
  const errors = useContext(FieldErrorsContext);
  const keys = fieldErrorKeys(f);
  const error = f.error ?? keys.map((k) => errors[k]).find(Boolean);
  const hintId = f.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    error,
    keys,
    controlProps: {
      "aria-invalid": error ? true : undefined,
      "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
    },
    hintId,
    errorId,
  };
}

function FieldError({ frame }: { frame: ReturnType<typeof useFieldFrame> }) {
  return frame.error ? (
    <p id={frame.errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
      <span aria-hidden="true">✕ </span>
      {frame.error}
    </p>
  ) : null;
}

function Frame({ id, f, frame, children }: { id: string | undefined; f: FieldFrame; frame: ReturnType<typeof useFieldFrame>; children: ReactNode }) {
  return (
    <div data-field-keys={JSON.stringify(frame.keys)}>
      <label htmlFor={id} className={f.labelHidden ? "sr-only" : "block text-sm font-medium"}>
        {f.label}
      </label>
      {children}
      <FieldError frame={frame} />
      {f.hint ? (
        <p id={frame.hintId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {f.hint}
        </p>
      ) : null}
    </div>
  );
}

export function TextField({ label, labelHidden, hint, error, errorKey, ...props }: InputHTMLAttributes<HTMLInputElement> & FieldFrame) {
  const id = props.id ?? props.name;
  const f = { label, labelHidden, hint, error, errorKey };
  const frame = useFieldFrame(id, { ...f, name: props.name });
  return (
    <Frame id={id} f={f} frame={frame}>
      <input id={id} {...props} {...frame.controlProps} className={control} />
    </Frame>
  );
}

export function TextAreaField({ label, labelHidden, hint, error, errorKey, className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & FieldFrame) {
  const id = props.id ?? props.name;
  const f = { label, labelHidden, hint, error, errorKey };
  const frame = useFieldFrame(id, { ...f, name: props.name });
  return (
    <Frame id={id} f={f} frame={frame}>
      <textarea id={id} {...props} {...frame.controlProps} className={`${control} ${className}`} />
    </Frame>
  );
}

export function SelectField({ label, labelHidden, hint, error, errorKey, children, ...props }: SelectHTMLAttributes<HTMLSelectElement> & FieldFrame) {
  const id = props.id ?? props.name;
  const f = { label, labelHidden, hint, error, errorKey };
  const frame = useFieldFrame(id, { ...f, name: props.name });
  return (
    <Frame id={id} f={f} frame={frame}>
      <select id={id} {...props} {...frame.controlProps} className={control}>
        {children}
      </select>
    </Frame>
  );
}

export interface CheckboxOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  defaultChecked?: boolean;
}

/** Several checkboxes under one name (the form sends every checked value); the legend names the group. */
export function CheckboxGroup({
  legend,
  name,
  options,
  error,
  errorKey,
  hint,
  columns = false,
  id = `${name}-group`,
}: {
  legend: string;
  name: string;
  options: CheckboxOption[];
  error?: string;
  errorKey?: string;
  hint?: ReactNode;
  /** long lists: two columns from the small breakpoint up */
  columns?: boolean;
  /** unique on the page when two forms have the same group (add and edit) */
  id?: string;
}) {
  const frame = useFieldFrame(id, { label: legend, name, error, errorKey, hint });
  return (
    <fieldset data-field-keys={JSON.stringify(frame.keys)} aria-describedby={frame.controlProps["aria-describedby"]} className="space-y-1.5">
      <legend className="text-sm font-medium">{legend}</legend>
      {hint ? (
        <p id={frame.hintId} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      <div className={columns ? "grid gap-x-4 gap-y-1.5 sm:grid-cols-2" : "space-y-1.5"}>
        {options.map((o) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name={name} value={o.value} defaultChecked={o.defaultChecked} aria-invalid={frame.controlProps["aria-invalid"]} className="mt-1" />
            <span>
              {o.label}
              {o.hint ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldError frame={frame} />
    </fieldset>
  );
}

export function Alert({ tone, children }: { tone: "error" | "success" | "info"; children: ReactNode }) {
  const cls = {
    error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
    success: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
    info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  }[tone];
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${cls}`}>
      {children}
    </div>
  );
}
