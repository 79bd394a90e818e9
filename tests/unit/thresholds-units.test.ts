import { describe, expect, it } from "vitest";
import { baseFactor, convert, unitFromSeriesName, unitsCompatible } from "@/lib/thresholds/units";

describe("units", () => {
  it("converts within a dimension: seconds ↔ ms, ratio ↔ percent, MiB ↔ bytes", () => {
    expect(convert(2.5, "s", "ms")).toBe(2500);
    expect(convert(2500, "ms", "s")).toBe(2.5);
    expect(convert(0.85, "ratio", "%")).toBe(85);
    expect(convert(85, "%", "ratio")).toBe(0.85);
    expect(convert(80, "% of max", "%")).toBe(80);
    expect(convert(1, "MiB", "bytes")).toBe(1024 * 1024);
    expect(convert(3, "Seconds", " S ")).toBe(3);
  });

  it("refuses to convert across dimensions", () => {
    expect(convert(5, "ms", "%")).toBeNull();
    expect(convert(5, "ratio", "bytes")).toBeNull();
    expect(unitsCompatible("s", "%")).toBe(false);
  });

  it("treats unknown units as opaque: equal names only", () => {
    expect(convert(12, "req/s", "req/s")).toBe(12);
    expect(convert(12, "Req/s", "req/s")).toBe(12);
    expect(convert(12, "req/s", "connections")).toBeNull();
    expect(convert(12, "req/s", "ms")).toBeNull();
    expect(baseFactor("connections")).toBe(1);
  });

  it("stores values in base units (ms, %, bytes)", () => {
    expect(baseFactor("s")).toBe(1000);
    expect(baseFactor("ratio")).toBe(100);
    expect(baseFactor("%")).toBe(1);
  });

  it("reads the unit of a Prometheus series from its name (base-unit suffixes)", () => {
    expect(unitFromSeriesName("http_request_duration_seconds")).toBe("s");
    expect(unitFromSeriesName("process_cpu_seconds_total")).toBe("s");
    expect(unitFromSeriesName("node_filesystem_usage_ratio")).toBe("ratio");
    expect(unitFromSeriesName("process_cpu_percent")).toBe("%");
    expect(unitFromSeriesName("process_resident_memory_bytes")).toBe("bytes");
    expect(unitFromSeriesName("pg_stat_activity_count")).toBeNull();
  });
});
