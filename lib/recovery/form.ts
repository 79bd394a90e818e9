/** Reading the recovery forms' fields: blank means "not given"; times are entered in UTC. */

export function formText(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** A number field; NaN (not a number) is passed on so validation names the field. */
export function formNumber(form: FormData, name: string): number | undefined {
  const v = formText(form, name);
  return v === undefined ? undefined : Number(v.replace(",", "."));
}

/** A `datetime-local` value read as UTC, as an ISO string; malformed input is passed on for validation to refuse. */
export function formInstant(form: FormData, name: string): string | undefined {
  const v = formText(form, name);
  if (v === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(v);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ":00"}Z` : v;
}
