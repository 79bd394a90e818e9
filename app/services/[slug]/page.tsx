import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SeverityBadge, StateLabel } from "@/components/checklist/state-label";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Progress } from "@/components/ui/progress";
import { loadServiceWithChecklist } from "@/lib/services/checklist";
import { completionPercent } from "@/lib/services/board";
import { findServiceBySlug } from "@/lib/services/lookup";
import { roleIn } from "@/lib/auth/actor";
import { requirePageActor } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  return { title: (await findServiceBySlug(slug))?.name ?? slug };
}

export default async function ServicePage({ params }: Params) {
  const { slug } = await params;
  const actor = await requirePageActor(`/services/${slug}`);
  const data = await loadServiceWithChecklist(slug);
  if (!data || !roleIn(actor, data.service.teamId)) notFound();
  const { service, sections, items } = data;
  const done = items.filter((i) => i.state === "done").length;
  const na = items.filter((i) => i.state === "na").length;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600 dark:text-zinc-400">
        <Link href="/" className="hover:underline">
          Board
        </Link>{" "}
        / {service.team.name}
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{service.name}</h1>
        {service.description ? <p className="text-zinc-600 dark:text-zinc-400">{service.description}</p> : null}
        <div className="flex flex-wrap gap-2 text-sm">
          <Badge>Tier {service.tier}</Badge>
          <Badge>{service.environment}</Badge>
          {service.templates.map((t) => (
            <Badge key={t.template.key} tone="info">
              Template: {t.template.name}
            </Badge>
          ))}
        </div>
        {service.healthChecks.length ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Health endpoint:{" "}
            {service.healthChecks.map((c) => (
              <code key={c.id} className="break-all rounded bg-zinc-100 px-1 dark:bg-zinc-800">
                {c.url}
              </code>
            ))}
          </p>
        ) : null}
        <div className="max-w-md">
          <Progress value={completionPercent({ total: items.length, done, na })} label="Checklist completion" />
          <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
            {done} of {items.length - na} applicable items done
          </p>
        </div>
      </header>

      {sections.length === 0 ? (
        <EmptyState title="No checklist yet">This service has no template applied and no custom items.</EmptyState>
      ) : (
        sections.map((section) => (
          <section key={section.key} aria-labelledby={`section-${section.key}`} className="space-y-2">
            <h2 id={`section-${section.key}`} className="text-lg font-semibold">
              {section.title}{" "}
              <span className="text-sm font-normal text-zinc-500">
                ({section.items.filter((i) => i.state === "done").length}/{section.items.length})
              </span>
            </h2>
            <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {section.items.map((item) => (
                <li key={item.id} className="p-3">
                  <div className="flex flex-wrap items-center gap-2">
                    <StateLabel state={item.state} />
                    <span className="font-medium">{item.title}</span>
                    <SeverityBadge severity={item.severity} />
                    {!item.required ? <Badge>optional</Badge> : null}
                  </div>
                  <details className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                    <summary className="cursor-pointer select-none">Guidance</summary>
                    <p className="mt-1 whitespace-pre-line">{item.guidance}</p>
                  </details>
                  {item.updatedBy && item.state !== "open" ? (
                    <p className="mt-1 text-xs text-zinc-500">
                      {item.state === "done" ? "Ticked" : "Marked N/A"} by {item.updatedBy.name ?? item.updatedBy.email} on{" "}
                      <time dateTime={item.updatedAt.toISOString()}>{item.updatedAt.toISOString().slice(0, 10)}</time>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
