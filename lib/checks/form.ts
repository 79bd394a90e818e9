/**
 * The check form of the service page, turned into the API's body (so one schema validates both), and the
 * API's issue paths turned back into the form's labels.
 */

import { parseFormNumber } from "@/lib/http/form-data";

export const CHECK_FIELD_LABELS: Record<string, string> = {
  name: "Name",
  url: "URL",
  method: "Method",
  expectedStatus: "Expected status",
  timeoutMs: "Timeout (ms)",
  intervalSeconds: "Interval (seconds)",
  failuresBeforeDown: "Failures before down",
  successesBeforeUp: "Successes before up",
  latencyLimitMs: "Latency limit (ms)",
  bodyContains: "Body contains",
  jsonPath: "JSON path",
  jsonEquals: "JSON value",
  headers: "Headers",
};

const NUMBER_FIELDS = ["timeoutMs", "intervalSeconds", "failuresBeforeDown", "successesBeforeUp"] as const;
const OPTIONAL_TEXT_FIELDS = ["bodyContains", "jsonPath", "jsonEquals"] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
/** A number as lib/http/form-data.ts reads one (a decimal comma counts); NaN otherwise, so validation names the field. */
const numberField = (v: string): number => parseFormNumber(v) ?? Number.NaN;

/**
 * The body for POST (mode "create": empty fields take the defaults) or PATCH (mode "edit": every field
 * is sent, an empty optional field clears it). `headerRows[i]` is the form row of `headers[i]`.
 */
export function checkBodyFromForm(form: FormData, mode: "create" | "edit"): { body: Record<string, unknown>; headerRows: number[] } {
  const body: Record<string, unknown> = {};
  const edit = mode === "edit";
  for (const field of ["name", "url", "method"] as const) {
    const v = text(form, field);
    if (v || (edit && field === "url")) body[field] = v;
  }
  const statuses = text(form, "expectedStatus").split(",").map((s) => s.trim()).filter(Boolean);
  if (statuses.length || edit) body.expectedStatus = statuses;
  for (const field of NUMBER_FIELDS) {
    const v = text(form, field);
    if (v) body[field] = numberField(v);
  }
  const latency = text(form, "latencyLimitMs");
  if (latency) body.latencyLimitMs = numberField(latency);
  else if (edit) body.latencyLimitMs = null;
  for (const field of OPTIONAL_TEXT_FIELDS) {
    // Body conditions are compared as typed: no trimming of what the person entered.
    const v = String(form.get(field) ?? "");
    if (v !== "") body[field] = v;
    else if (edit) body[field] = null;
  }
  const { headers, headerRows } = headersFromForm(form);
  if (headers.length || edit) body.headers = headers;
  return { body, headerRows };
}

/** Header rows: name, secret value, environment variable, and whether a value is stored already. */
function headersFromForm(form: FormData) {
  const [names, values, envs, stored] = ["header.name", "header.value", "header.env", "header.stored"].map((k) => form.getAll(k).map(String));
  const headers: Record<string, unknown>[] = [];
  const headerRows: number[] = [];
  names!.forEach((rawName, row) => {
    const name = rawName.trim();
    const value = values![row] ?? "";
    const env = (envs![row] ?? "").trim();
    const isStored = stored![row] === "1";
    if (!name && !value && !env) return; // an empty row
    const header: Record<string, unknown> = { name };
    if (env) header.env = env;
    if (value || (!env && !isStored)) header.value = value;
    if (!value && !env && isStored) header.keep = true;
    headers.push(header);
    headerRows.push(row);
  });
  return { headers, headerRows };
}

/** "headers.1.value" → "Header 3 value" (the form's row), "intervalSeconds" → "Interval (seconds)". */
export function labelCheckFieldErrors(errors: Record<string, string>, headerRows: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const header = /^headers\.(\d+)(?:\.(\w+))?$/.exec(path);
      if (header) {
        const row = (headerRows[Number(header[1])] ?? Number(header[1])) + 1;
        const part = { name: "name", value: "secret value", env: "environment variable", keep: "stored value" }[header[2] ?? ""] ?? "";
        return [`Header ${row}${part ? ` ${part}` : ""}`, message];
      }
      return [CHECK_FIELD_LABELS[path.split(".")[0]!] ?? path, message];
    }),
  );
}
