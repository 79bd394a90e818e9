import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Progress } from "@/components/ui/progress";
import { completionPercent, type BoardService } from "@/lib/services/board";

export function ServiceCard({ service }: { service: BoardService }) {
  const pct = completionPercent(service);
  return (
    <li className="rounded-lg border border-zinc-200 p-4 shadow-sm dark:border-zinc-800">
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">
          <Link href={`/services/${service.slug}`} className="hover:underline">
            {service.name}
          </Link>
        </h3>
        <Badge tone="neutral" title="Service tier (1 is most critical)">
          Tier {service.tier}
        </Badge>
      </div>
      {service.description ? (
        <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{service.description}</p>
      ) : null}
      <div className="mt-3">
        <Progress value={pct} label={`${service.name} checklist completion`} />
      </div>
      <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300">
        {service.done} of {service.total - service.na} done
        {service.na ? `, ${service.na} not applicable` : ""}
        {service.requiredOpen ? (
          <>
            {" · "}
            <span className="font-medium text-red-700 dark:text-red-400">{service.requiredOpen} required open</span>
          </>
        ) : service.total ? (
          <>
            {" · "}
            <span className="font-medium text-emerald-700 dark:text-emerald-400">✓ all required done</span>
          </>
        ) : null}
      </p>
      {service.tags.length ? (
        <ul aria-label="Tags" className="mt-2 flex flex-wrap gap-1">
          {service.tags.map((t) => (
            <li key={t}>
              <Badge tone="info">{t}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
