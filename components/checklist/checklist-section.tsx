import type { ReactNode } from "react";
import type { PublicItem } from "@/lib/checklists/items";

/** Done, applicable and N/A counts of a section's items (N/A with a reason is not applicable). */
export function sectionProgress(items: PublicItem[]) {
  const na = items.filter((i) => i.state === "na" && i.naReason?.trim()).length;
  const done = items.filter((i) => i.state === "done").length;
  return { done, applicable: items.length - na, na };
}

/**
 * One section of the checklist: its heading is the button that folds it (aria-expanded, aria-controls the
 * list), with its progress ("7 of 12 done") in words and as a bar. `data-section-*` let the pre-paint
 * script fold it before React has hydrated (components/checklist/collapsed-script.tsx).
 */
export function ChecklistSection({
  sectionKey,
  title,
  items,
  collapsed,
  onToggle,
  tools,
  children,
}: {
  sectionKey: string;
  title: string;
  /** all the section's items, shown or not: progress counts them all */
  items: PublicItem[];
  collapsed: boolean;
  onToggle: () => void;
  /** controls beside the heading (selection mode's "Select open items") */
  tools?: ReactNode;
  children: ReactNode;
}) {
  const { done, applicable, na } = sectionProgress(items);
  const listId = `section-${sectionKey}-items`;
  return (
    <section aria-labelledby={`section-${sectionKey}`} className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 pr-3">
        <h2 id={`section-${sectionKey}`} className="min-w-0 flex-1 text-base font-semibold">
          <button
            type="button"
            aria-expanded={!collapsed}
            aria-controls={listId}
            data-section-toggle={sectionKey}
            onClick={onToggle}
            className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left hover:bg-zinc-50 dark:hover:bg-zinc-900"
          >
            <span aria-hidden="true" data-chevron className={`inline-block w-3 text-xs text-zinc-500 transition-transform ${collapsed ? "-rotate-90" : ""}`}>
              ▼
            </span>
            <span className="min-w-0 break-words">{title}</span>
            <span className="ml-auto shrink-0 text-sm font-normal text-zinc-600 tabular-nums dark:text-zinc-400">
              {done} of {applicable} done{na ? ` · ${na} N/A` : ""}
            </span>
            <span aria-hidden="true" className="hidden h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-zinc-200 sm:block dark:bg-zinc-700">
              <span className="block h-full bg-sky-600" style={{ width: `${applicable ? Math.round((100 * done) / applicable) : 100}%` }} />
            </span>
          </button>
        </h2>
        {tools}
      </div>
      <ul
        id={listId}
        data-section-body={sectionKey}
        hidden={collapsed}
        className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
      >
        {children}
      </ul>
    </section>
  );
}
