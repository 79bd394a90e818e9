import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { ScrollBox } from "@/components/ui/scroll-box";

/**
 * README badges of the service (when its team turned public badges on): the three badges as they look,
 * and the Markdown to paste, with a Copy button. While badges are off, owners see where to turn them on.
 */
export function BadgesPanel({
  serviceName,
  teamSlug,
  links,
  canTurnOn,
}: {
  serviceName: string;
  teamSlug: string;
  /** null while the team's public badges are off */
  links: { badges: { kind: string; url: string; alt: string }[]; markdown: string } | null;
  canTurnOn: boolean;
}) {
  if (!links && !canTurnOn) return null;
  return (
    <section aria-labelledby="badges-heading" className="space-y-3">
      <h2 id="badges-heading" className="scroll-mt-4 text-lg font-semibold">
        README badges
      </h2>
      {links ? (
        <>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Anyone with these URLs sees the badges (no sign-in); they are cached for a minute.</p>
          <ul className="flex flex-wrap items-center gap-3" aria-label={`Badges of ${serviceName}`}>
            {links.badges.map((b) => (
              <li key={b.kind}>
                {/* An SVG from this app's own API, drawn at its own size: next/image would add nothing. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={b.url} alt={b.alt} height={20} className="h-5 w-auto" />
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Markdown for a README</span>
            <CopyButton text={links.markdown} label="Copy badge Markdown" />
          </div>
          <ScrollBox label={`Badge Markdown of ${serviceName}`} className="overflow-x-auto rounded-md bg-zinc-100 p-3 font-mono text-xs dark:bg-zinc-900">
            <pre className="whitespace-pre-wrap break-all">{links.markdown}</pre>
          </ScrollBox>
        </>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Public badges are off for this team.{" "}
          <Link href={`/teams/${teamSlug}#badges-heading`} className="text-sky-800 underline dark:text-sky-300">
            Turn them on on the team page
          </Link>{" "}
          to show this service&apos;s readiness, health and uptime in a README.
        </p>
      )}
    </section>
  );
}
