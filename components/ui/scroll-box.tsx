"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box whose content may scroll (a wide table on a phone, a long script). While its content overflows it
 * is a named region in the tab order, so keyboard users can focus it and scroll with the arrow keys
 * (WCAG 2.1.1); while everything fits it adds no tab stop.
 */
export function ScrollBox({ label, className = "", children }: { label: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    // Called once on observe, then whenever the box or its content changes size.
    const observer = new ResizeObserver(() => setOverflows(box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight));
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className={className} {...(overflows ? { role: "region", "aria-label": label, tabIndex: 0 } : {})}>
      {children}
    </div>
  );
}
