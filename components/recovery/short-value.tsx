"use client";

import { useState } from "react";

/** "/backups/postg…20261112.sql.gz": the start and the end, where paths and checksums differ. */
export function shorten(value: string, max = 28): string {
  if (value.length <= max) return value;
  const head = Math.ceil((max - 1) * 0.55);
  return `${value.slice(0, head)}…${value.slice(value.length - (max - 1 - head))}`;
}

/**
 * A long value (a backup's location, its checksum) shortened in the table, whole on hover (title) and
 * on the clipboard with the button beside it.
 */
export function ShortValue({ value, label, max }: { value: string; label: string; max?: number }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex max-w-full items-baseline gap-1.5">
      <code title={value} className="min-w-0 font-mono wrap-anywhere">
        {shorten(value, max)}
      </code>
      <button
        type="button"
        aria-label={`Copy ${label}`}
        className="shrink-0 text-sky-700 underline dark:text-sky-400"
        onClick={() => {
          navigator.clipboard.writeText(value).then(
            () => setState("copied"),
            () => setState("failed"),
          );
          setTimeout(() => setState("idle"), 2500);
        }}
      >
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? `Copied ${label}` : state === "failed" ? "Copy failed: the whole value is in the tooltip" : ""}
      </span>
    </span>
  );
}
