/**
 * Validation messages in plain words for every schema that does not word its own: "Enter at least 3
 * characters." rather than zod's "Too small: expected string to have >=3 characters", "Required." rather
 * than "Invalid input: expected string, received undefined". The same words reach API `issues`, the
 * forms' field errors and template-import problems. A message given in a schema still wins (zod asks the
 * global map only when the schema has none).
 *
 * zod keeps its configuration on `globalThis`, so installing once per process covers every bundle; the
 * modules that turn zod errors into answers import this file, so tests and the CLI get it too.
 */
import { z } from "zod";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const count = (n: number | bigint) => n.toLocaleString("en");
const plural = (n: number | bigint, one: string, many: string) => `${count(n)} ${Number(n) === 1 ? one : many}`;
const characters = (n: number | bigint) => plural(n, "character", "characters");
const entries = (n: number | bigint) => plural(n, "entry", "entries");

const quoted = (v: unknown) => JSON.stringify(v) ?? String(v);
/** "a", "a or b", "a, b or c" (or "and"). */
const joined = (items: readonly string[], word: "or" | "and") => (items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`);
const choices = (values: readonly unknown[]) => joined(values.map(quoted), "or");

/** What a value of each type is called when a message lists the kinds a field takes ("Give a number or text."). */
const KIND: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  null: "null",
};

const EXPECTED: Record<string, string> = {
  string: "Enter text.",
  number: "Enter a number.",
  int: "Enter a whole number.",
  boolean: "Give true or false.",
  array: "Give a list.",
  object: "Give an object.",
  date: "Enter a date.",
};

const FORMATS: Record<string, string> = {
  email: "Enter an email address such as name@example.com.",
  url: "Enter a full URL such as https://example.com.",
  datetime: "Enter a date and time such as 2026-11-26T10:00:00Z.",
  date: "Enter a date such as 2026-11-26.",
};

/** "Give a number or text." for a union whose options all refused the value's type; undefined otherwise. */
function unionMessage(errors: readonly (readonly { code: string; expected?: string; values?: readonly unknown[] }[])[]): string | undefined {
  const kinds: string[] = [];
  for (const [first] of errors) {
    if (first?.code === "invalid_type" && first.expected && KIND[first.expected]) kinds.push(KIND[first.expected]!);
    else if (first?.code === "invalid_value" && first.values) kinds.push(...first.values.map(quoted));
    else return undefined;
  }
  return kinds.length ? `Give ${joined(kinds, "or")}.` : undefined;
}

/**
 * The plain message for a zod issue. Every issue gets a sentence, so no fragment of zod's own wording
 * ("Invalid input", "Unrecognized key: …") reaches a person or an API client.
 */
export function plainValidationMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Required.";
      return EXPECTED[issue.expected] ?? "This value has the wrong type.";
    case "too_small": {
      const { origin, minimum, inclusive, exact } = issue;
      if (origin === "string") {
        if (Number(minimum) <= 1) return "Required.";
        return exact ? `Enter exactly ${characters(minimum)}.` : `Enter at least ${characters(minimum)}.`;
      }
      if (origin === "number" || origin === "int" || origin === "bigint") return inclusive ? `Must be at least ${count(minimum)}.` : `Must be more than ${count(minimum)}.`;
      if (origin === "array" || origin === "set") return `Give at least ${entries(minimum)}.`;
      return "This value is too small.";
    }
    case "too_big": {
      const { origin, maximum, inclusive, exact } = issue;
      if (origin === "string") return exact ? `Enter exactly ${characters(maximum)}.` : `Use at most ${characters(maximum)}.`;
      if (origin === "number" || origin === "int" || origin === "bigint") return inclusive ? `Must be at most ${count(maximum)}.` : `Must be less than ${count(maximum)}.`;
      if (origin === "array" || origin === "set") return `Give at most ${entries(maximum)}.`;
      return "This value is too large.";
    }
    case "invalid_format":
      return FORMATS[issue.format] ?? "This value is not in the expected format.";
    case "invalid_value":
      // An enum or literal: name the choices as they are written in a request (`"open", "done" or "na"`).
      return issue.values.length === 1 ? `Must be ${quoted(issue.values[0])}.` : `Choose ${choices(issue.values)}.`;
    case "not_multiple_of":
      return Number(issue.divisor) === 1 ? "Enter a whole number." : `Must be a multiple of ${count(issue.divisor as number)}.`;
    case "unrecognized_keys":
      // A typo'd or unsupported field of a strict object: name it, so the client can see which.
      return issue.keys.length === 1 ? `Unknown field ${quoted(issue.keys[0])}.` : `Unknown fields ${joined(issue.keys.map(quoted), "and")}.`;
    case "invalid_union":
      return unionMessage(issue.errors as Parameters<typeof unionMessage>[0]) ?? "This value is not valid.";
    default:
      return "This value is not valid.";
  }
}

z.config({ customError: plainValidationMessage });
