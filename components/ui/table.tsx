import type { ReactNode } from "react";
import { ScrollBox } from "./scroll-box";

export interface Column {
  label: string;
  /** read by screen readers only (e.g. a column of action buttons) */
  srOnly?: boolean;
}

/**
 * A data table that scrolls sideways on small screens rather than widening the page. The caption names the
 * table for screen readers, and the scroll box that keyboard users focus to scroll it.
 *
 * `stackOnPhone`: below the sm breakpoint each row is a card, its cells one under another and each as wide
 * as the screen, for a table whose cells say what they are (a member's name and email, then their role
 * select), where scrolling sideways would hide the control a person came for. The column headings stay
 * for screen readers.
 */
const STACKED =
  "max-sm:block max-sm:[&_tbody]:block max-sm:[&_tr]:block max-sm:[&_tr]:py-2 max-sm:[&_td]:block max-sm:[&_td]:py-1 max-sm:[&_td]:pr-0 max-sm:[&_thead]:sr-only";

export function Table({
  columns,
  caption,
  alignTop = false,
  stackOnPhone = false,
  children,
}: {
  columns: (string | Column)[];
  caption: string;
  alignTop?: boolean;
  stackOnPhone?: boolean;
  children: ReactNode;
}) {
  return (
    // `relative`: visually hidden (absolutely positioned) text in a cell stays inside the scroll box
    // instead of widening the page on a phone.
    <ScrollBox label={caption} className="relative overflow-x-auto">
      <table className={`w-full text-left text-sm ${stackOnPhone ? STACKED : ""}`}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            {columns.map((c, i) => {
              const col = typeof c === "string" ? { label: c } : c;
              return (
                <th key={col.label} scope="col" className={`py-2 font-medium ${i < columns.length - 1 ? "pr-3" : ""}`}>
                  {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className={`divide-y divide-zinc-100 dark:divide-zinc-900 ${alignTop ? "align-top" : ""}`}>{children}</tbody>
      </table>
    </ScrollBox>
  );
}
