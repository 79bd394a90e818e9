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
const choices = (values: readonly unknown[]) => `${values.slice(0, -1).map(quoted).join(", ")} or ${quoted(values.at(-1))}`;

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

/** The plain message for a zod issue, or undefined to keep zod's own. */
export function plainValidationMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return "Required.";
      return EXPECTED[issue.expected];
    case "too_small": {
      const { origin, minimum, inclusive, exact } = issue;
      if (origin === "string") {
        if (Number(minimum) <= 1) return "Required.";
        return exact ? `Enter exactly ${characters(minimum)}.` : `Enter at least ${characters(minimum)}.`;
      }
      if (origin === "number" || origin === "int" || origin === "bigint") return inclusive ? `Must be at least ${count(minimum)}.` : `Must be more than ${count(minimum)}.`;
      if (origin === "array" || origin === "set") return `Give at least ${entries(minimum)}.`;
      return undefined;
    }
    case "too_big": {
      const { origin, maximum, inclusive, exact } = issue;
      if (origin === "string") return exact ? `Enter exactly ${characters(maximum)}.` : `Use at most ${characters(maximum)}.`;
      if (origin === "number" || origin === "int" || origin === "bigint") return inclusive ? `Must be at most ${count(maximum)}.` : `Must be less than ${count(maximum)}.`;
      if (origin === "array" || origin === "set") return `Give at most ${entries(maximum)}.`;
      return undefined;
    }
    case "invalid_format":
      return FORMATS[issue.format];
    case "invalid_value":
      // An enum or literal: name the choices as they are written in a request (`"open", "done" or "na"`).
      return issue.values.length === 1 ? `Must be ${quoted(issue.values[0])}.` : `Choose ${choices(issue.values)}.`;
    case "not_multiple_of":
      return Number(issue.divisor) === 1 ? "Enter a whole number." : `Must be a multiple of ${count(issue.divisor as number)}.`;
    default:
      return undefined;
  }
}

z.config({ customError: plainValidationMessage });
