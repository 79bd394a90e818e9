import { describe, expect, it } from "vitest";
import { matchSeries, parsePrometheusText, parseSeriesSelector, PrometheusFormatError } from "@/lib/thresholds/prometheus";

const PAGE = `# HELP process_cpu_percent CPU use of the process.
# TYPE process_cpu_percent gauge
process_cpu_percent 83.5
# TYPE node_filesystem_use gauge
node_filesystem_use{mount="/",device="sda1"} 0.91
node_filesystem_use{mount="/var/lib/postgresql",device="sdb1"} 0.42
# Escaping in label values:
weird{path="C:\\\\DIR",msg="say \\"hi\\""} 1
# TYPE http_request_duration_seconds summary
http_request_duration_seconds{quantile="0.5"} 0.2
http_request_duration_seconds{quantile="0.95"} 2.4
http_request_duration_seconds_sum 120
http_request_duration_seconds_count 100
# TYPE rpc_seconds histogram
rpc_seconds_bucket{le="0.1"} 3
rpc_seconds_bucket{le="+Inf"} 5
rpc_seconds_sum 1.5
rpc_seconds_count 5
up 1 1395066363000
broken_line not_a_number
`;

describe("Prometheus text pages", () => {
  const { series, skipped } = parsePrometheusText(PAGE);

  it("flattens gauges, summaries and histograms back into their series", () => {
    const names = series.map((s) => s.name);
    expect(names).toContain("process_cpu_percent");
    expect(names).toContain("http_request_duration_seconds_sum");
    expect(names).toContain("rpc_seconds_bucket");
    expect(series.find((s) => s.name === "up")?.value).toBe(1);
    expect(skipped).toBe(1);
  });

  it("matches a selector by name and label subset, with escaped label values", () => {
    expect(matchSeries(series, parseSeriesSelector("process_cpu_percent")).map((s) => s.value)).toEqual([83.5]);
    expect(matchSeries(series, parseSeriesSelector('node_filesystem_use{mount="/"}')).map((s) => s.value)).toEqual([0.91]);
    expect(matchSeries(series, parseSeriesSelector("node_filesystem_use"))).toHaveLength(2);
    expect(matchSeries(series, parseSeriesSelector('http_request_duration_seconds{quantile="0.95"}')).map((s) => s.value)).toEqual([2.4]);
    expect(matchSeries(series, parseSeriesSelector('rpc_seconds_bucket{le="+Inf"}')).map((s) => s.value)).toEqual([5]);
    expect(matchSeries(series, parseSeriesSelector('weird{msg="say \\"hi\\""}')).map((s) => s.labels.path)).toEqual(["C:\\DIR"]);
    expect(matchSeries(series, parseSeriesSelector('node_filesystem_use{mount="/nope"}'))).toEqual([]);
  });

  it("refuses pages that are not metrics at all (the parser alone would take HTML lines as samples)", () => {
    expect(() => parsePrometheusText("<html>\n<body>x</body>\n</html>\n")).toThrow(PrometheusFormatError);
    expect(() => parsePrometheusText('{"a": 1}\n')).toThrow(PrometheusFormatError);
    expect(parsePrometheusText("").series).toEqual([]);
  });

  it("refuses selectors that are not a series name with matchers", () => {
    for (const bad of ["", "cpu percent", "cpu{mount=/}", "# TYPE x gauge", "a\nb", "9lives", "cpu 12"]) {
      expect(() => parseSeriesSelector(bad), bad).toThrow(PrometheusFormatError);
    }
  });
});
