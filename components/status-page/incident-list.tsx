import { Status } from "@/components/ui/status";
import { DateTime } from "@/components/ui/time";
import type { PublicIncident } from "@/lib/status-page/present";

/** Incidents as a status page shows them: the service, when, how long, and the class of error. */
export function IncidentList({ incidents }: { incidents: PublicIncident[] }) {
  return (
    <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" data-testid="incident-list">
      {incidents.map((i) => (
        <li key={i.id} id={`incident-${i.id}`} className="space-y-1 p-3 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{i.serviceName}</span>
            {i.endedAt ? <Status status={{ tone: "good", text: "Resolved" }} /> : <Status status={{ tone: "bad", text: "Ongoing" }} />}
          </p>
          <p>
            <DateTime at={i.startedAt} />
            {i.endedAt ? (
              <>
                {" – "}
                <DateTime at={i.endedAt} />
              </>
            ) : null}{" "}
            ({i.endedAt ? i.duration : `${i.duration} so far`})
          </p>
          <p className="text-zinc-600 dark:text-zinc-400">Cause: {i.cause}</p>
        </li>
      ))}
    </ul>
  );
}
