"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, type FormHTMLAttributes } from "react";
import { withoutEmptyParams } from "@/lib/http/query";

/** How long the search box waits after the last key before it applies what was typed. */
export const SEARCH_DEBOUNCE_MS = 350;

/**
 * A GET form for filters that keeps the URL clean: empty fields are left out of the query, so a shared
 * link says only what was chosen. Without JavaScript it submits as a plain GET form, and proxy.ts
 * redirects to the same clean URL.
 *
 * With `applyOnChange`, a choice in a select applies at once and typing in a text field applies after a
 * short pause (the URL is replaced, not pushed, so Back is not a keystroke history); the focus stays
 * where it was. The form keeps its submit button, for Enter and for pages without JavaScript.
 */
export function FilterForm({
  action,
  children,
  applyOnChange = false,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method" | "onSubmit" | "onChange"> & { action: string; applyOnChange?: boolean }) {
  const router = useRouter();
  const params = useSearchParams();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // The fields are uncontrolled (they work without JavaScript): when a link changes the query (a tag
  // chip, Clear filters, Back), they are set to what the URL now says. The focused field is left alone,
  // and so is every field on the first run: a choice made before hydration must not be reset.
  const shownQuery = useRef<string | null>(null);
  useEffect(() => {
    const query = params.toString();
    const previous = shownQuery.current;
    shownQuery.current = query;
    if (previous === null || previous === query) return;
    for (const el of Array.from(form.current?.elements ?? [])) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name || el === document.activeElement) continue;
      if (el instanceof HTMLInputElement && el.type !== "search" && el.type !== "text") continue;
      const value = params.get(el.name) ?? "";
      if (el.value !== value && (!(el instanceof HTMLSelectElement) || Array.from(el.options).some((o) => o.value === value))) el.value = value;
    }
  }, [params]);
  const apply = (form: HTMLFormElement, how: "push" | "replace") => {
    clearTimeout(timer.current);
    const q = withoutEmptyParams(new FormData(form));
    const [path, hash] = action.split("#");
    const href = `${path}${q.size ? `?${q}` : ""}${hash ? `#${hash}` : ""}`;
    if (how === "push") router.push(href, { scroll: false });
    else router.replace(href, { scroll: false });
  };
  return (
    <form
      {...props}
      ref={form}
      method="get"
      action={action}
      onSubmit={(e) => {
        e.preventDefault();
        apply(e.currentTarget, "push");
      }}
      onChange={(e) => {
        if (!applyOnChange) return;
        const form = e.currentTarget;
        const target = e.target as HTMLElement;
        if (target instanceof HTMLSelectElement) apply(form, "push");
        else if (target instanceof HTMLInputElement && (target.type === "search" || target.type === "text")) {
          clearTimeout(timer.current);
          timer.current = setTimeout(() => apply(form, "replace"), SEARCH_DEBOUNCE_MS);
        }
      }}
    >
      {children}
    </form>
  );
}
