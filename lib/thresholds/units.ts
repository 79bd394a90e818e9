/**
 * Units of threshold metrics. A unit belongs to a dimension (time, fraction, bytes) with a factor to
 * the dimension's base unit (ms, percent, bytes); values convert freely within a dimension. Units this
 * table does not know ("req/s", "connections") are opaque: they only match themselves.
 *
 * Samples are stored in the base unit of their dimension (see docs/thresholds.md), so changing a
 * threshold from "ms" to "s" needs no rewrite of stored samples.
 */

export type Dimension = "time" | "fraction" | "bytes";

interface KnownUnit {
  dimension: Dimension;
  /** multiply a value in this unit by this to get the base unit (ms, %, bytes) */
  factor: number;
}

const KNOWN: Record<string, KnownUnit> = {
  ms: { dimension: "time", factor: 1 },
  millisecond: { dimension: "time", factor: 1 },
  milliseconds: { dimension: "time", factor: 1 },
  s: { dimension: "time", factor: 1000 },
  sec: { dimension: "time", factor: 1000 },
  second: { dimension: "time", factor: 1000 },
  seconds: { dimension: "time", factor: 1000 },
  min: { dimension: "time", factor: 60_000 },
  "%": { dimension: "fraction", factor: 1 },
  percent: { dimension: "fraction", factor: 1 },
  "% of max": { dimension: "fraction", factor: 1 },
  ratio: { dimension: "fraction", factor: 100 },
  b: { dimension: "bytes", factor: 1 },
  byte: { dimension: "bytes", factor: 1 },
  bytes: { dimension: "bytes", factor: 1 },
  kib: { dimension: "bytes", factor: 1024 },
  mib: { dimension: "bytes", factor: 1024 ** 2 },
  gib: { dimension: "bytes", factor: 1024 ** 3 },
};

/** Unit names offered in forms (any other text is allowed, as an opaque unit). */
export const SUGGESTED_UNITS = ["ms", "s", "%", "% of max", "ratio", "bytes", "MiB", "GiB", "count"] as const;

function key(unit: string): string {
  return unit.trim().toLowerCase().replace(/\s+/g, " ");
}

export function knownUnit(unit: string): KnownUnit | null {
  return KNOWN[key(unit)] ?? null;
}

/**
 * Factor from `unit` to the base unit its values are stored in: 1 for base and opaque units.
 * Stored value = value in `unit` × factor.
 */
export function baseFactor(unit: string): number {
  return knownUnit(unit)?.factor ?? 1;
}

/** True when values in `from` can be expressed in `to`. */
export function unitsCompatible(from: string, to: string): boolean {
  const a = knownUnit(from);
  const b = knownUnit(to);
  if (a && b) return a.dimension === b.dimension;
  if (!a && !b) return key(from) === key(to);
  return false;
}

/** `value` in `from` expressed in `to`, or null when the units measure different things. */
export function convert(value: number, from: string, to: string): number | null {
  if (!unitsCompatible(from, to)) return null;
  return (value * baseFactor(from)) / baseFactor(to);
}

/**
 * The unit a Prometheus series is in, from the naming convention (base units in the name's suffix):
 * `…_seconds` → s, `…_ratio` → ratio, `…_percent` → %, `…_bytes` → bytes. Null when the name says
 * nothing: the value is then taken to be in the threshold's unit.
 */
export function unitFromSeriesName(name: string): string | null {
  if (/_seconds(_total|_sum)?$/.test(name)) return "s";
  if (/_ratio$/.test(name)) return "ratio";
  if (/_percent$/.test(name)) return "%";
  if (/_bytes(_total)?$/.test(name)) return "bytes";
  return null;
}
