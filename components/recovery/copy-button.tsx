"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text`; says so in words (a live region) rather than only changing an icon. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        aria-label={label}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setState("copied");
          } catch {
            // Clipboard access needs https or localhost; the text stays selectable on the page.
            setState("failed");
          }
          setTimeout(() => setState("idle"), 2500);
        }}
      >
        Copy
      </Button>
      <span aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text instead" : ""}
      </span>
    </span>
  );
}
