/**
 * The service page's schedule form as the API's input: a start (UTC, blank for now), an end or a
 * duration in minutes, and a reason. The result goes through `scheduleWindowSchema` like an API body.
 */
import { ApiError } from "@/lib/http/errors";
import { formInstant, formNumber, formText } from "@/lib/http/form-data";

const refuse = (path: string, message: string): never => {
  throw new ApiError("unprocessable", "The maintenance window is not valid.", [{ path, message }]);
};

export function scheduleBodyFromForm(form: FormData, now: Date): { startsAt?: string; endsAt?: string; reason: string } {
  const startsAt = formInstant(form, "startsAt");
  const durationMinutes = formNumber(form, "durationMinutes");
  let endsAt = formInstant(form, "endsAt");
  if (endsAt !== undefined && durationMinutes !== undefined) refuse("durationMinutes", "Give an end time or a duration, not both.");
  if (endsAt === undefined && durationMinutes === undefined) refuse("endsAt", "Give an end time or a duration.");
  if (durationMinutes !== undefined) {
    if (!Number.isFinite(durationMinutes) || durationMinutes <= 0) refuse("durationMinutes", "Enter the duration in minutes, more than zero.");
    const start = startsAt === undefined ? now.getTime() : Date.parse(startsAt);
    // a malformed start is refused by the schema; the end is then left for it to call missing
    if (Number.isFinite(start)) endsAt = new Date(start + durationMinutes! * 60_000).toISOString();
  }
  return { ...(startsAt !== undefined ? { startsAt } : {}), ...(endsAt !== undefined ? { endsAt } : {}), reason: formText(form, "reason") ?? "" };
}
