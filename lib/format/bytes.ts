/**
 * Sizes for people, in binary units (what `ls -lh`, `du -h` and most backup tools print): "512 B",
 * "12.3 KiB", "190 MiB", "1.2 GiB". Three significant digits (four just under the next unit): a backup's size is read to
 * compare one night with the next, not to the byte (the exact count stays in the API).
 */
const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;

export const MIB = 1024 * 1024;

/** "190 MiB"; null is "—". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return "—";
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}
