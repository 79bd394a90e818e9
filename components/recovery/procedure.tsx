import Markdown from "react-markdown";

/**
 * A recovery procedure written in Markdown. react-markdown builds React elements from the Markdown
 * syntax tree (no dangerouslySetInnerHTML); `skipHtml` drops raw HTML instead of rendering it, and its
 * default URL filter removes javascript: and other unsafe link targets.
 */
export function Procedure({ markdown }: { markdown: string }) {
  if (!markdown.trim()) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No procedure written yet.</p>;
  return (
    <div className="space-y-2 text-sm break-words [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.8rem] dark:[&_code]:bg-zinc-800 [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:whitespace-pre-wrap [&_pre]:rounded-md [&_pre]:bg-zinc-100 [&_pre]:p-3 dark:[&_pre]:bg-zinc-900 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_ul]:list-disc [&_ul]:pl-5 [&_a]:text-sky-700 [&_a]:underline dark:[&_a]:text-sky-400 [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-medium">
      <Markdown skipHtml components={{ a: ({ node: _node, ...props }) => <a {...props} rel="nofollow noopener noreferrer" /> }}>
        {markdown}
      </Markdown>
    </div>
  );
}
