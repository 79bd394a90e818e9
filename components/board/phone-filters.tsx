"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * On a phone the board's filters take a whole screen before the first service: there they fold behind one
 * "Filters" button (saying how many are on); from the sm breakpoint up they are always shown and the button
 * is not. Without JavaScript the button could not open them, so a noscript style keeps them shown.
 */
export function PhoneFilters({ active, children }: { active: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="space-y-3">
      <Button variant="secondary" className="sm:hidden" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">{open ? "▾" : "▸"}</span>
        Filters{active ? ` (${active} on)` : ""}
      </Button>
      <noscript>
        <style>{`[data-phone-filters]{display:block !important}`}</style>
      </noscript>
      <div id={id} data-phone-filters="" className={open ? "" : "max-sm:hidden"}>
        {children}
      </div>
    </div>
  );
}
