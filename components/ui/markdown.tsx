import Markdown from "react-markdown";

/**
 * The one Markdown renderer (recovery procedures, checklist guidance). react-markdown builds React
 * elements from the Markdown syntax tree (no dangerouslySetInnerHTML); `skipHtml` drops raw HTML instead
 * of rendering it, and its default URL filter removes javascript: and other unsafe link targets.
 */
export function MarkdownText({ markdown, className = "" }: { markdown: string; className?: string }) {
  return (
    <div
      className={`space-y-2 break-words [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.8rem] [&_code]:text-zinc-900 dark:[&_code]:bg-zinc-800 dark:[&_code]:text-zinc-100 [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:whitespace-pre-wrap [&_pre]:rounded-md [&_pre]:bg-zinc-100 [&_pre]:p-3 dark:[&_pre]:bg-zinc-900 [&_pre_code]:bg-transparent [&_pre_code]:p-0 dark:[&_pre_code]:bg-transparent [&_ul]:list-disc [&_ul]:pl-5 [&_a]:text-sky-700 [&_a]:underline dark:[&_a]:text-sky-400 [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-medium ${className}`}
    >
      <Markdown skipHtml components={{ a: ({ node: _node, ...props }) => <a {...props} rel="nofollow noopener noreferrer" /> }}>
        {markdown}
      </Markdown>
    </div>
  );
}
