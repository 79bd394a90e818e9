// The package ships no types; this is the shape its README documents (values stay strings).
declare module "parse-prometheus-text-format" {
  export interface ParsedMetric {
    value?: string;
    labels?: Record<string, string>;
    timestamp_ms?: string;
    /** histograms: upper bound → cumulative count */
    buckets?: Record<string, string>;
    /** summaries: quantile → value */
    quantiles?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  export interface ParsedFamily {
    name: string;
    help: string;
    type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    metrics: ParsedMetric[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
