import { MarkdownText } from "@/components/ui/markdown";

/** A recovery procedure written in Markdown (raw HTML is dropped: components/ui/markdown.tsx). */
export function Procedure({ markdown }: { markdown: string }) {
  if (!markdown.trim()) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No procedure written yet.</p>;
  return <MarkdownText markdown={markdown} className="text-sm" />;
}
