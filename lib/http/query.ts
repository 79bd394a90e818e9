/**
 * Filter forms leave fields empty; an empty parameter means the same as none on every page, so URLs
 * drop them ("?q=&level=ready" → "?level=ready") and a shared link says only what was chosen.
 */
export function withoutEmptyParams(params: Iterable<[string, FormDataEntryValue]>): URLSearchParams {
  const clean = new URLSearchParams();
  for (const [key, value] of params) if (typeof value === "string" && value.trim() !== "") clean.append(key, value);
  return clean;
}

/** True when some parameter of the query string is empty ("?q=&level=ready"). */
export function hasEmptyParam(search: URLSearchParams): boolean {
  for (const value of search.values()) if (value.trim() === "") return true;
  return false;
}
