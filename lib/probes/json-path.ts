/**
 * The JSON path of a body condition: property names separated by dots, array indexes in brackets,
 * e.g. `status`, `checks[0].state`, `data.db.ok`. A leading `$.` is accepted and ignored.
 */
const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

export function parseJsonPath(path: string): (string | number)[] | null {
  const p = path.trim().replace(/^\$\.?/, "");
  if (p === "") return null;
  const parts: (string | number)[] = [];
  let consumed = "";
  for (const m of p.matchAll(SEGMENT)) {
    parts.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
    consumed += m[0];
  }
  // Everything but the separating dots must have been read as segments.
  return consumed === p.replace(/\.(?=[^.])/g, "") ? parts : null;
}

/** The value at `path`, or undefined when the path does not exist. */
export function valueAtJsonPath(doc: unknown, path: string): unknown {
  const parts = parseJsonPath(path);
  if (!parts) return undefined;
  let cur: unknown = doc;
  for (const part of parts) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (typeof part === "number") {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[part];
    } else {
      if (Array.isArray(cur) || !Object.hasOwn(cur, part)) return undefined;
      cur = (cur as Record<string, unknown>)[part];
    }
  }
  return cur;
}

/** How a JSON value compares with the expected text: strings as they are, everything else as JSON. */
export function jsonValueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
