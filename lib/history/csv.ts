/** The team history's CSV export: a header, then one line per service and day, read a page at a time. */
import { teamServicePointsPage, type TeamServicePoint } from "./query";

export const HISTORY_CSV_COLUMNS = ["date", "service", "name", "score", "level", "blockers", "waivers", "stale_approval", "source"] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is prefixed with ' (spreadsheet formulas). */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function historyCsvRow(p: TeamServicePoint): string {
  return csvLine([p.date, p.slug, p.name, p.score, p.level, p.blockers, p.waivers, p.staleApproval, p.source]);
}

const PAGE = 2000;

export function historyCsvStream(teamId: string, days: number, now: Date = new Date()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { date: string; slug: string } | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(HISTORY_CSV_COLUMNS)));
        return;
      }
      const rows = await teamServicePointsPage(teamId, days, after, PAGE, now);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(historyCsvRow).join("")));
      if (rows.length < PAGE) controller.close();
      else after = { date: rows.at(-1)!.date, slug: rows.at(-1)!.slug };
    },
  });
}
