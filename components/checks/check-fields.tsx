import { SelectField, TextField } from "@/components/ui/field";
import { CHECK_FIELD_LABELS } from "@/lib/checks/form";
import type { PublicCheck } from "@/lib/checks/public";
import { CHECK_BOUNDS, CHECK_DEFAULTS, CHECK_METHODS } from "@/lib/checks/schemas";
import { HeaderRows } from "./header-rows";

const NUMBER_FIELDS: [keyof typeof CHECK_BOUNDS, string?][] = [
  ["intervalSeconds", "10 s to 86400 s (24 h)"],
  ["timeoutMs", "Below the interval"],
  ["failuresBeforeDown"],
  ["successesBeforeUp"],
  ["latencyLimitMs", "Optional: slower answers count as degraded"],
];

// The labels the server's error messages use too.
const label = (field: string) => CHECK_FIELD_LABELS[field]!;

/**
 * The fields of the add and edit forms. Empty number fields take the defaults on add; the server checks
 * everything again (the browser's min/max are a convenience).
 */
export function CheckFields({ idPrefix, check }: { idPrefix: string; check?: PublicCheck }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_auto]">
        <TextField label={label("url")} id={id("url")} name="url" type="url" required defaultValue={check?.url} placeholder="https://api.example.com/health" />
        <SelectField label={label("method")} id={id("method")} name="method" defaultValue={check?.method ?? CHECK_DEFAULTS.method}>
          {CHECK_METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField label={label("name")} id={id("name")} name="name" defaultValue={check?.name} hint="Optional: defaults to the URL's host and path." maxLength={100} />
      <div className="grid gap-3 sm:grid-cols-3">
        {NUMBER_FIELDS.map(([field, hint]) => (
          <TextField
            key={field}
            label={label(field)}
            id={id(field)}
            name={field}
            type="number"
            min={CHECK_BOUNDS[field][0]}
            max={CHECK_BOUNDS[field][1]}
            defaultValue={check?.[field] ?? undefined}
            placeholder={field in CHECK_DEFAULTS ? String(CHECK_DEFAULTS[field as keyof typeof CHECK_DEFAULTS]) : undefined}
            hint={hint}
          />
        ))}
        <TextField
          label={label("expectedStatus")}
          id={id("expectedStatus")}
          name="expectedStatus"
          defaultValue={check?.expectedStatus.join(", ")}
          placeholder={CHECK_DEFAULTS.expectedStatus.join(", ")}
          hint="Codes and ranges, comma-separated: 200, 301-302"
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={label("bodyContains")} id={id("bodyContains")} name="bodyContains" defaultValue={check?.bodyContains ?? undefined} hint="Optional text the response must contain" />
        <TextField label={label("jsonPath")} id={id("jsonPath")} name="jsonPath" defaultValue={check?.jsonPath ?? undefined} placeholder="checks[0].state" hint="Optional: status, $.db.ok, checks[0].state" />
        <TextField label={label("jsonEquals")} id={id("jsonEquals")} name="jsonEquals" defaultValue={check?.jsonEquals ?? undefined} placeholder="up" hint="The value at the path, as text (true, 3, up)" />
      </div>
      {/* Remounted when the stored headers change, so the rows follow what was saved. */}
      <HeaderRows key={JSON.stringify(check?.headers ?? [])} idPrefix={idPrefix} stored={check?.headers ?? []} />
    </div>
  );
}
