"use client";

import { useContext, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrorsContext, TextAreaField } from "@/components/ui/field";
import { BlockerList } from "@/components/reviews/blocker-list";
import { Status } from "@/components/ui/status";
import type { FormState } from "@/lib/http/form-state";
import { describeLevel, type Blocker, type ReadinessLevel } from "@/lib/readiness/compute";
import { acknowledgementLabel, openBlockersText } from "@/lib/reviews/blockers";

export interface ReadinessNow {
  ready: boolean;
  level: ReadinessLevel;
  score: number;
  blockers: Pick<Blocker, "kind" | "message" | "itemKey">[];
}

/** The confirmation checkbox; it shows the server's refusal of it beside it. */
function Acknowledgement({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const error = useContext(FieldErrorsContext).acknowledgeBlockers;
  return (
    <div data-field-keys='["acknowledgeBlockers"]'>
      <label className="flex items-start gap-2 text-sm font-medium">
        <input
          type="checkbox"
          name="acknowledgeBlockers"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "acknowledge-blockers-error" : undefined}
          className="mt-1"
        />
        <span>{label}</span>
      </label>
      {error ? (
        <p id="acknowledge-blockers-error" className="mt-1 text-sm text-red-700 dark:text-red-400">
          <span aria-hidden="true">✕ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Approve or request changes. The service's open blockers are shown (all of them, expandable); approving
 * a service that is not ready needs the confirmation "I approve with N open blockers" and a comment
 * saying why, and the button waits for both (the server refuses the approval without them too).
 */
export function ReviewDecisionForm({ action, serviceName, readiness }: { action: (prev: FormState, form: FormData) => Promise<FormState>; serviceName: string; readiness: ReadinessNow }) {
  const [decision, setDecision] = useState<"" | "approve" | "request-changes">("");
  const [acknowledged, setAcknowledged] = useState(false);
  const [comment, setComment] = useState("");
  const n = readiness.blockers.length;
  const confirming = !readiness.ready && decision === "approve";
  const unconfirmed = confirming && (!acknowledged || comment.trim() === "");
  const ackLabel = acknowledgementLabel(readiness);
  return (
    <ActionForm action={action} submitLabel="Record decision" pendingLabel="Recording…" disabled={unconfirmed}>
      {readiness.ready ? (
        <p className="text-sm">
          <Status status={{ tone: "good" }} variant="text">
            {serviceName} is ready: no open blockers (score {readiness.score}).
          </Status>
        </p>
      ) : (
        <div data-testid="review-blockers" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm">
            <Status status={{ tone: "warning" }} variant="text">
              {serviceName} is not ready: {describeLevel(readiness.level).toLowerCase()} at a score of {readiness.score}
              {n ? `, with ${openBlockersText(n)}` : ""}.
            </Status>
          </p>
          <BlockerList blockers={readiness.blockers} summary={`Show the ${openBlockersText(n)}`} />
        </div>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Decision</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="decision" value="approve" required checked={decision === "approve"} onChange={() => setDecision("approve")} />
          {readiness.ready ? "Approve: ready for production" : `Approve as it is, ${n ? `with ${openBlockersText(n)}` : "although it is not ready"}`}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name="decision" value="request-changes" required checked={decision === "request-changes"} onChange={() => setDecision("request-changes")} /> Request
          changes (blocks readiness until a new review is asked for)
        </label>
      </fieldset>
      {confirming ? <Acknowledgement label={ackLabel} checked={acknowledged} onChange={setAcknowledged} /> : null}
      <TextAreaField
        label="Comment"
        name="comment"
        id="review-comment"
        rows={3}
        maxLength={4000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        hint={confirming ? "Required: say why you approve it as it is." : "Required when you request changes: say what needs to change."}
      />
      {unconfirmed ? (
        <p data-testid="review-confirm-needed" className="text-sm text-zinc-700 dark:text-zinc-300">
          To approve, tick “{ackLabel}” and say why in the comment.
        </p>
      ) : null}
    </ActionForm>
  );
}
