"use client";

import { useRouter } from "next/navigation";
import type { FormHTMLAttributes } from "react";
import { withoutEmptyParams } from "@/lib/http/query";

/**
 * A GET form for filters that keeps the URL clean: empty fields are left out of the query, so a shared
 * link says only what was chosen. Without JavaScript it submits as a plain GET form, and proxy.ts
 * redirects to the same clean URL.
 */
export function FilterForm({ action, children, ...props }: Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "method" | "onSubmit"> & { action: string }) {
  const router = useRouter();
  return (
    <form
      {...props}
      method="get"
      action={action}
      onSubmit={(e) => {
        e.preventDefault();
        const q = withoutEmptyParams(new FormData(e.currentTarget));
        const [path, hash] = action.split("#");
        router.push(`${path}${q.size ? `?${q}` : ""}${hash ? `#${hash}` : ""}`);
      }}
    >
      {children}
    </form>
  );
}
