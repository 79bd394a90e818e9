/**
 * The small JSON path syntax of a health check's body condition, shared by validation and the probe.
 *
 * A path is a chain of steps from the document root, with an optional leading `$`:
 *   status               key `status`
 *   checks[0].state      key `checks`, array index 0, key `state`
 *   $.db.primary.ok      same as db.primary.ok
 *   meta["build-id"]     a quoted key, for names with characters other than letters, digits, `_` and `-`
 * Keys after a dot are letters, digits, `_` and `-`; indexes are whole numbers; quoted keys use double
 * quotes and may not contain one. No wildcards, filters or slices: the path names exactly one value.
 *
 * The value found is compared with `jsonEquals` as text: strings as they are, anything else as its JSON
 * (`true`, `3`, `null`, `{"a":1}`).
 */

export type JsonPathStep = string | number;

const STEP = /^(?:\.?([A-Za-z0-9_-]+)|\[(\d{1,9})\]|\["([^"]*)"\])/;
export const MAX_JSON_PATH_LENGTH = 200;
const MAX_STEPS = 32;

/** The steps of a path, or null when it is not valid in the syntax above. */
export function parseJsonPath(path: string): JsonPathStep[] | null {
  if (path.length === 0 || path.length > MAX_JSON_PATH_LENGTH) return null;
  let rest = path.startsWith("$") ? path.slice(1) : path;
  // Without the `$`, the first key stands without a dot ("status"); after it, a dot is required.
  if (path.startsWith("$") && rest !== "" && !rest.startsWith(".") && !rest.startsWith("[")) return null;
  if (!path.startsWith("$") && rest.startsWith(".")) return null;
  const steps: JsonPathStep[] = [];
  while (rest.length) {
    const m = STEP.exec(rest);
    if (!m) return null;
    const dotted = m[0].startsWith(".");
    if (m[1] !== undefined && !dotted && steps.length > 0) return null; // "a.b c" or "a[0]b"
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
    rest = rest.slice(m[0].length);
  }
  return steps.length && steps.length <= MAX_STEPS ? steps : null;
}

/** The value at a path in a parsed JSON document; `found` is false when any step is missing. */
export function valueAtJsonPath(doc: unknown, steps: readonly JsonPathStep[]): { found: boolean; value?: unknown } {
  let current: unknown = doc;
  for (const step of steps) {
    if (typeof step === "number") {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current) || !Object.hasOwn(current, step)) return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}

/** Whether the value found equals the expected text (see the comparison rule above). */
export function jsonValueMatches(value: unknown, expected: string): boolean {
  return typeof value === "string" ? value === expected : JSON.stringify(value) === expected;
}
