/** Every blocker, behind one disclosure (a long list never pushes the decision off the screen). */
export function BlockerList({ blockers, summary }: { blockers: readonly { message: string }[]; summary: string }) {
  if (blockers.length === 0) return null;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-sky-800 dark:text-sky-300">{summary}</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {blockers.map((b, i) => (
          <li key={i}>{b.message}</li>
        ))}
      </ul>
    </details>
  );
}
