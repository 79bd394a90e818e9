/**
 * The one reader of HTML form fields for server actions. Blank means "not given" (undefined); every
 * action reads its fields through these functions and hands the values to the `lib/` mutation, whose
 * schema validates them.
 *
 * Numbers: digits with an optional sign and at most one decimal separator, which may be a dot or a
 * comma ("1.5" and "1,5" are both 1.5; "1,000" is 1, as in most of Europe). There are no thousands
 * separators and no other notations: "1,000.5", "1 000", "1e3", "0x10" or "12 min" are NaN, which the
 * schema refuses with a message naming the field.
 */

export function formText(form: FormData, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** A number as a person types it (see above); undefined when blank, NaN when not a number. */
export function parseFormNumber(text: string): number | undefined {
  const v = text.trim();
  if (v === "") return undefined;
  return NUMBER.test(v) ? Number(v.replace(",", ".")) : Number.NaN;
}

/** A number field; NaN (not a number) is passed on so validation names the field. */
export function formNumber(form: FormData, name: string): number | undefined {
  return parseFormNumber(formText(form, name) ?? "");
}

/** A `datetime-local` value read as UTC, as an ISO string; malformed input is passed on for validation to refuse. */
export function formInstant(form: FormData, name: string): string | undefined {
  const v = formText(form, name);
  if (v === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(v);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ":00"}Z` : v;
}
