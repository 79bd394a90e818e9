/** Who owns a service, who is on call, and where its runbook and code are: shown under its name. */
const link = "break-all text-sky-800 underline dark:text-sky-300";
const isHttp = (v: string) => /^https?:\/\//i.test(v);

export function ServiceFacts({
  owner,
  onCall,
  runbookUrl,
  repositoryUrl,
}: {
  owner: { email: string | null; name: string } | null;
  onCall: string | null;
  runbookUrl: string | null;
  repositoryUrl: string | null;
}) {
  const facts: [string, React.ReactNode][] = [];
  if (owner) facts.push(["Owner", owner.email && owner.email !== owner.name ? `${owner.name} (${owner.email})` : owner.name]);
  if (onCall) facts.push(["On call", isHttp(onCall) ? <a key="on-call" href={onCall} className={link} rel="noreferrer" target="_blank">{onCall}</a> : onCall]);
  if (runbookUrl) facts.push(["Runbook", <a key="runbook" href={runbookUrl} className={link} rel="noreferrer" target="_blank">{runbookUrl}</a>]);
  if (repositoryUrl) facts.push(["Repository", <a key="repository" href={repositoryUrl} className={link} rel="noreferrer" target="_blank">{repositoryUrl}</a>]);
  if (facts.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" aria-label="About this service">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-zinc-700 dark:text-zinc-300">{term}</dt>
          <dd className="min-w-0 text-zinc-900 dark:text-zinc-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
