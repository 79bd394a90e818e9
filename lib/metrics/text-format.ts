/**
 * The Prometheus text format (0.0.4) for the export's large gauge families, written directly: at 1,000
 * services and 5,000 checks the export has about 50,000 samples, and prom-client's Gauge (a label object
 * hashed per set, then formatted per sample) took about ten times as long as writing the lines
 * (decision 0039). prom-client still writes Preflight's own health and process metrics. Pure.
 */

const NEEDS_ESCAPE = /[\\\n"]/;

/** A label value as the format quotes it (backslash, newline and double quote escaped). */
export function escapeLabelValue(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"') : value;
}

/** `{a="1",b="2"}` for the pairs in order, or "" for none. */
export function labelSet(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length ? `{${pairs.join(",")}}` : "";
}

/** A sample value: numbers as JavaScript prints them, and the format's spellings of the infinities and NaN. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

export class GaugeFamily {
  private readonly samples: string[] = [];

  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  /** `labels` as `labelSet` writes them (callers build the shared part once per service or check). */
  add(labels: string, value: number): void {
    this.samples.push(`${this.name}${labels} ${formatValue(value)}`);
  }

  text(): string {
    const help = this.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
    return [`# HELP ${this.name} ${help}`, `# TYPE ${this.name} gauge`, ...this.samples].join("\n") + "\n";
  }
}
