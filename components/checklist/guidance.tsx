import { MarkdownText } from "@/components/ui/markdown";
import { guidanceMarkdown } from "@/lib/checklists/guidance";

/** An item's guidance: plain text whose code (backticks, fences, indented lines) shows as code. */
export function Guidance({ text }: { text: string }) {
  if (!text.trim()) return <p className="text-zinc-500 dark:text-zinc-400">No guidance for this item.</p>;
  return <MarkdownText markdown={guidanceMarkdown(text)} />;
}
