/**
 * Reading Prometheus text-format pages (the exposition format /metrics endpoints serve) with the
 * `parse-prometheus-text-format` package, and picking the series a threshold maps to.
 */
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";

export interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A threshold's `scrapeSeries`: a series name with optional label matchers, `node_filesystem_use{mount="/"}`. */
export interface SeriesSelector {
  name: string;
  labels: Record<string, string>;
}

export class PrometheusFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrometheusFormatError";
  }
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function number(text: string | undefined): number | null {
  if (text === undefined) return null;
  const t = text.trim();
  if (t === "+Inf" || t === "Inf") return Number.POSITIVE_INFINITY;
  if (t === "-Inf") return Number.NEGATIVE_INFINITY;
  if (t === "NaN") return Number.NaN;
  // The parser takes any token as a value; a token that is not a number means a malformed line.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

function parse(text: string): ParsedFamily[] {
  try {
    return parsePrometheusTextFormat(text.endsWith("\n") ? text : `${text}\n`);
  } catch (err) {
    throw new PrometheusFormatError(err instanceof Error ? err.message : "not in the Prometheus text format");
  }
}

/**
 * Every sample of a page as flat series, the way they appear in the text: histograms and summaries
 * give back their `_bucket{le}`, quantile, `_sum` and `_count` series. Lines whose value is not a
 * number are skipped (and counted), since the parser itself is lenient about them; a page where every
 * line is like that (an HTML or plain-text page) is not a metrics page at all.
 */
export function parsePrometheusText(text: string): { series: Series[]; skipped: number } {
  const series: Series[] = [];
  let skipped = 0;
  const push = (name: string, labels: Record<string, string>, raw: string | undefined) => {
    const value = number(raw);
    if (value === null || !METRIC_NAME.test(name)) skipped += 1;
    else series.push({ name, labels, value });
  };
  for (const family of parse(text)) {
    for (const m of family.metrics) {
      const labels = m.labels ?? {};
      if (family.type === "HISTOGRAM" || family.type === "SUMMARY") {
        for (const [le, v] of Object.entries(m.buckets ?? {})) push(`${family.name}_bucket`, { ...labels, le }, v);
        for (const [q, v] of Object.entries(m.quantiles ?? {})) push(family.name, { ...labels, quantile: q }, v);
        if (m.sum !== undefined) push(`${family.name}_sum`, labels, m.sum);
        if (m.count !== undefined) push(`${family.name}_count`, labels, m.count);
      } else {
        push(family.name, labels, m.value);
      }
    }
  }
  if (series.length === 0 && skipped > 0) throw new PrometheusFormatError("no line of the page is a sample");
  return { series, skipped };
}

/**
 * Parse a selector with the same parser, as the sample line `<selector> 0`: so label values are
 * quoted and escaped exactly as on a metrics page.
 */
const notASelector = (text: string) => `"${text}" is not a series name with optional {label="value"} matchers, such as http_requests_total{code="500"}.`;

export function parseSeriesSelector(selector: string): SeriesSelector {
  const text = selector.trim();
  if (!text || text.includes("\n") || text.startsWith("#")) throw new PrometheusFormatError('Enter a series name, optionally with {label="value"} matchers, such as http_requests_total{code="500"}.');
  let families: ParsedFamily[];
  try {
    families = parse(`${text} 0`);
  } catch {
    throw new PrometheusFormatError(notASelector(text));
  }
  const only = families.length === 1 && families[0]!.metrics.length === 1 ? families[0]! : null;
  const m = only?.metrics[0];
  if (!only || !m || m.value !== "0" || m.timestamp_ms !== undefined || !METRIC_NAME.test(only.name)) {
    throw new PrometheusFormatError(notASelector(text));
  }
  return { name: only.name, labels: m.labels ?? {} };
}

/** Series that have the selector's name and carry every one of its labels with the same value. */
export function matchSeries(series: readonly Series[], selector: SeriesSelector): Series[] {
  const wanted = Object.entries(selector.labels);
  return series.filter((s) => s.name === selector.name && wanted.every(([k, v]) => s.labels[k] === v));
}
