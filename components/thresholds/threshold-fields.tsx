import { SelectField, TextField } from "@/components/ui/field";
import { SUGGESTED_UNITS } from "@/lib/thresholds/units";

export interface ThresholdFieldValues {
  metric: string;
  label: string;
  unit: string;
  comparator: string;
  limit: number | string;
  sustainedSeconds: number;
  severity: string;
  action: string;
  source: string;
  scrapeSeries: string | null;
}

// No unit by default: a metric such as queue_depth must not silently read "> 100 %".
const EMPTY: ThresholdFieldValues = { metric: "", label: "", unit: "", comparator: "gt", limit: "", sustainedSeconds: 0, severity: "high", action: "", source: "push", scrapeSeries: null };

/** The fields of a threshold, for the add and edit forms (`prefix` keeps ids unique on the page). */
export function ThresholdFields({ prefix, values = EMPTY }: { prefix: string; values?: ThresholdFieldValues }) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <TextField label="Metric name" name="metric" id={id("metric")} required defaultValue={values.metric} placeholder="cpu_percent" hint="As pushed or scraped; latency_p95_ms and error_rate_percent can come from probes." />
      <TextField label="Label" name="label" id={id("label")} defaultValue={values.label} placeholder="CPU usage" />
      <SelectField label="Condition" name="comparator" id={id("comparator")} defaultValue={values.comparator}>
        <option value="gt">above (&gt;)</option>
        <option value="gte">at or above (≥)</option>
        <option value="lt">below (&lt;)</option>
        <option value="lte">at or below (≤)</option>
      </SelectField>
      <TextField label="Limit" name="limit" id={id("limit")} type="number" step="any" required defaultValue={values.limit} />
      <TextField label="Unit" name="unit" id={id("unit")} defaultValue={values.unit} list={id("units")} hint="ms, s, %, ratio, bytes… convert into each other; other units are taken as they are." />
      <datalist id={id("units")}>
        {SUGGESTED_UNITS.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
      <TextField
        label="Sustained for (minutes)"
        name="sustainedMinutes"
        errorKey="sustainedSeconds"
        id={id("sustained")}
        type="number"
        min={0}
        step="any"
        defaultValue={values.sustainedSeconds / 60}
        hint="0: one sample over the limit breaches. Probe metrics use it as their window (5 min when 0)."
      />
      <SelectField label="Severity" name="severity" id={id("severity")} defaultValue={values.severity}>
        <option value="critical">critical (a breach blocks readiness)</option>
        <option value="high">high</option>
        <option value="medium">medium</option>
        <option value="low">low</option>
      </SelectField>
      <SelectField label="Values from" name="source" id={id("source")} defaultValue={values.source}>
        <option value="push">pushed samples</option>
        <option value="scrape">the Prometheus page</option>
        <option value="probe">Preflight&apos;s probes</option>
      </SelectField>
      <TextField label="Prometheus series (scrape only)" name="scrapeSeries" id={id("series")} defaultValue={values.scrapeSeries ?? ""} placeholder='node_filesystem_use{mount="/"}' />
      <div className="sm:col-span-2 lg:col-span-3">
        <TextField label="Action when breached" name="action" id={id("action")} defaultValue={values.action} placeholder="Add more instances" />
      </div>
    </div>
  );
}
