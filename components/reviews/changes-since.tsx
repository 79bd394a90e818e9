import { Status } from "@/components/ui/status";
import { formatDateTime } from "@/lib/format/time";
import { describeFieldChange, describeStatusChange, isEmptyDiff, type ChangesSince } from "@/lib/reviews/snapshot";

const CHANGE_WORDS = { added: "added since", removed: "removed since" } as const;

/**
 * "Approved on … — changes since": the diff of the snapshot the approval was given on against today
 * (lib/reviews/snapshot.ts), item by item, with the tier, the signals and the blockers.
 */
export function ChangesSincePanel({ changes, stale }: { changes: ChangesSince; stale: string | null }) {
  const { diff } = changes;
  const nothing = isEmptyDiff(diff) && changes.blockersAdded.length === 0 && changes.blockersGone.length === 0;
  return (
    <div data-testid="changes-since" className="space-y-2 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
      <h3 className="font-medium">
        Approved on {formatDateTime(changes.decidedAt)} — {nothing ? "no changes since" : "changes since"}
      </h3>
      {stale ? (
        <p>
          <Status status={{ tone: "warning", text: "Approval stale" }} /> {stale}: ask for a new review.
        </p>
      ) : null}
      {nothing ? null : (
        <ul className="list-disc space-y-1 pl-5">
          {diff.tier ? <li>Tier {diff.tier.from} → {diff.tier.to}</li> : null}
          {changes.scoreThen !== null && changes.scoreThen !== changes.scoreNow ? <li>Score {changes.scoreThen} → {changes.scoreNow}</li> : null}
          {diff.items.map((i) => (
            <li key={`${i.change}:${i.key}`}>
              <span className="font-medium">{i.title}</span>: {i.change === "changed" ? i.fields.map(describeFieldChange).join(", ") : CHANGE_WORDS[i.change]}
            </li>
          ))}
          {diff.statuses.map((s) => (
            <li key={`${s.kind}:${s.name}`}>{describeStatusChange(s)}</li>
          ))}
          {changes.blockersAdded.map((m) => (
            <li key={`+${m}`}>New blocker: {m}</li>
          ))}
          {changes.blockersGone.map((m) => (
            <li key={`-${m}`}>Blocker resolved: {m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
