/**
 * The public status page as one HTML document of its own: server-rendered text with an inline stylesheet
 * (light and dark, phone and desktop) and no JavaScript at all, rendered once per cached view (cache.ts)
 * and sent as the same string to every reader (docs/decisions/0040). Every value is escaped.
 *
 * The day bars are focusable images (tabindex 0, role img) named by the day's uptime and incidents, with a
 * tooltip of the same words shown on hover and focus by CSS alone (a dot under a day with an incident);
 * the same figures are in a table inside a <details>.
 */
import { formatDate, formatDateTime, isoString, type Instant } from "@/lib/format/time";
import { formatSpan } from "@/lib/maintenance/present";
import { TONE_ICON, type StatusWord } from "@/lib/status/present";
import { AVAILABILITY_TEXT, formatPercent } from "@/lib/uptime/present";
import { xmlEscape as esc } from "./feed";
import type { DayBar, PublicIncident, StatusPageView } from "./present";

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#18181b;--muted:#52525b;--line:#e4e4e7;--link:#0369a1;--good:#10b981;--warn:#f59e0b;--bad:#dc2626;--none:#a1a1aa;--maint:#0284c7;--good-t:#047857;--warn-t:#b45309;--bad-t:#b91c1c;--tip:#18181b;--tip-t:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#09090b;--fg:#f4f4f5;--muted:#a1a1aa;--line:#27272a;--link:#38bdf8;--good:#34d399;--warn:#fbbf24;--bad:#ef4444;--none:#71717a;--maint:#38bdf8;--good-t:#34d399;--warn-t:#fbbf24;--bad-t:#f87171;--tip:#f4f4f5;--tip-t:#18181b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 ui-sans-serif,system-ui,sans-serif;-webkit-font-smoothing:antialiased}
a{color:var(--link)}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}
.skip:focus{width:auto;height:auto;clip:auto;left:.5rem;top:.5rem;background:var(--bg);padding:.5rem}
header{border-bottom:1px solid var(--line)}
header p,main,footer{max-width:48rem;margin:0 auto;padding:.75rem 1rem}
header p{font-weight:600;margin:0 auto}
main{padding-top:1.5rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem;overflow-wrap:anywhere}
h2{font-size:1.125rem;margin:2rem 0 .75rem}
h3{font-size:1rem;margin:0;overflow-wrap:anywhere}
p{margin:.25rem 0}
.muted{color:var(--muted);font-size:.875rem}
.overall{font-size:1.125rem}
.st{display:inline-flex;align-items:center;gap:.25rem;border:1px solid currentColor;border-radius:999px;padding:0 .5rem;font-size:.75rem;font-weight:500;white-space:nowrap}
.good{color:var(--good-t)}.warning{color:var(--warn-t)}.bad{color:var(--bad-t)}.neutral{color:var(--muted)}
.overall .st{border:0;padding:0;font-size:inherit}
.card{border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:0 0 1.5rem}
.head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
ul.plain{list-style:none;margin:0;padding:0}
ol.bars{display:flex;align-items:flex-end;gap:1px;height:2.25rem;list-style:none;margin:.75rem 0 0;padding:0}
ol.bars li{position:relative;display:flex;align-items:flex-end;flex:1;min-width:0;height:100%}
.bar{display:block;width:100%;border-radius:1px}
.bar:focus-visible{outline:2px solid var(--link);outline-offset:2px}
.full{height:100%;background:var(--good)}.partial{height:70%;background:var(--warn)}.major{height:40%;background:var(--bad)}
.none{height:100%;border:1px dashed var(--none)}
.maintenance{height:100%;border:1px solid var(--maint);background:repeating-linear-gradient(45deg,var(--maint) 0 2px,transparent 2px 4px)}
.bar::after{content:attr(aria-label);display:none;position:absolute;bottom:100%;left:0;z-index:1;margin-bottom:.5rem;width:max-content;max-width:14rem;padding:.25rem .5rem;border-radius:.25rem;background:var(--tip);color:var(--tip-t);font-size:.75rem;pointer-events:none}
.tr .bar::after{left:auto;right:0}
.bar:hover::after,.bar:focus::after{display:block}
.inc::before{content:"";position:absolute;bottom:-.5rem;left:50%;width:4px;height:4px;margin-left:-2px;border-radius:50%;background:var(--fg)}
.axis{display:flex;justify-content:space-between;padding-top:.5rem;color:var(--muted);font-size:.75rem}
details{margin-top:.5rem;font-size:.875rem}
summary{cursor:pointer;color:var(--link);text-decoration:underline}
table{width:100%;margin-top:.5rem;border-collapse:collapse;text-align:left}
th,td{padding:.25rem .75rem .25rem 0;border-bottom:1px solid var(--line)}
th{font-weight:500;color:var(--muted)}
ul.list{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:.5rem}
ul.list>li{padding:.75rem;border-top:1px solid var(--line);font-size:.875rem;overflow-wrap:anywhere}
ul.list>li:first-child{border-top:0}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem}
footer{color:var(--muted);font-size:.75rem;padding-bottom:2rem}
`;

const time = (at: Instant, text = formatDateTime(at)) => `<time datetime="${isoString(at)}">${esc(text)}</time>`;

function status(word: StatusWord): string {
  return `<span class="st ${word.tone}"><span aria-hidden="true">${TONE_ICON[word.tone]}</span>${esc(word.text)}</span>`;
}

function bars(name: string, days: DayBar[]): string {
  const count = (level: DayBar["level"]) => days.filter((b) => b.level === level).length;
  const label = `${name}, uptime per day over ${days.length} days: ${count("full")} days all up, ${count("partial")} with some failures, ${count("major")} mostly down, ${count("none")} without data`;
  // One attribute holds the day's words: the accessible name, and the tooltip's text (CSS attr()).
  const items = days
    .map((b, i) => `<li${i < days.length / 2 ? "" : ' class="tr"'}><span class="bar ${b.level}${b.incidents ? " inc" : ""}" tabindex="0" role="img" aria-label="${esc(b.text)}"></span></li>`)
    .join("");
  return `<ol class="bars" aria-label="${esc(label)}" data-testid="day-bars">${items}</ol><div class="axis" aria-hidden="true"><span>${days[0] ? esc(formatDate(days[0].t)) : ""}</span><span>Today</span></div>`;
}

function table(name: string, days: DayBar[]): string {
  const rows = [...days]
    .reverse()
    .map((b) => `<tr><td>${esc(formatDate(b.t))}</td><td>${esc(b.availability === null ? AVAILABILITY_TEXT[b.level] : formatPercent(b.availability))}</td><td>${b.incidents}</td></tr>`)
    .join("");
  return (
    `<details><summary>Daily figures for ${esc(name)} (table)</summary><table><caption class="sr-only">${esc(`${name}: uptime and incidents per day, newest first (UTC days)`)}</caption>` +
    `<thead><tr><th scope="col">Day (UTC)</th><th scope="col">Uptime</th><th scope="col">Incidents</th></tr></thead><tbody>${rows}</tbody></table></details>`
  );
}

function incidents(list: PublicIncident[]): string {
  const items = list.map((i) => {
    const word: StatusWord = i.endedAt ? { tone: "good", text: "Resolved" } : { tone: "bad", text: "Ongoing" };
    const span = i.endedAt ? `${time(i.startedAt)} – ${time(i.endedAt)} (${esc(i.duration)})` : `since ${time(i.startedAt)} (${esc(i.duration)} so far)`;
    return `<li id="incident-${esc(i.id)}"><p class="row"><strong>${esc(i.serviceName)}</strong>${status(word)}</p><p>${span}</p><p class="muted">Cause: ${esc(i.cause)}</p></li>`;
  });
  return `<ul class="list" data-testid="incident-list">${items.join("")}</ul>`;
}

function document(title: string, body: string, feedUrl?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>${esc(title)}</title>
${feedUrl ? `<link rel="alternate" type="application/atom+xml" title="${esc(`${title}: incidents`)}" href="${esc(feedUrl)}">` : ""}
<style>${STYLE}</style></head>
<body><a class="skip sr-only" href="#main">Skip to content</a><header><p>${esc(title)}</p></header>
<main id="main">${body}</main>
<footer>Status page published with Preflight.</footer></body></html>`;
}

const section = (id: string, heading: string, content: string) => `<section aria-labelledby="${id}"><h2 id="${id}">${esc(heading)}</h2>${content}</section>`;
const none = (text: string) => `<p class="muted">${esc(text)}</p>`;

export function statusPageHtml(view: StatusPageView): string {
  const feed = `/status/${encodeURIComponent(view.teamSlug)}/feed.atom`;
  const maintenance = view.maintenance.map(
    (m) =>
      `<li><p class="row"><strong>${esc(m.serviceName)}</strong>${status({ tone: "neutral", text: m.open ? "In progress" : "Planned" })}</p><p>${esc(formatSpan(m.startsAt, m.endsAt))}</p><p class="muted">${esc(m.reason)}</p></li>`,
  );
  const services = view.services.map(
    (s) =>
      `<li class="card" data-testid="status-service"><div class="head"><h3>${esc(s.name)}</h3>${status(s.word)}</div>` +
      `${s.description ? `<p class="muted">${esc(s.description)}</p>` : ""}` +
      `<p>${esc(s.uptime === null ? "No uptime data in the last 90 days." : `${formatPercent(s.uptime)} uptime over the last 90 days`)}</p>` +
      `${bars(s.name, s.bars)}${table(s.name, s.bars)}</li>`,
  );
  const body = [
    `<h1>${esc(view.title)}</h1><p class="overall" data-testid="overall-status">${status(view.overall)}</p>`,
    `<p class="muted">As of ${time(view.generatedAt)}; the figures are at most 30 seconds old. Days are UTC days. <a href="${esc(feed)}">Incident feed (Atom)</a></p>`,
    section("open-heading", "Open incidents", view.openIncidents.length ? incidents(view.openIncidents) : none("No open incidents.")),
    section("maintenance-heading", "Maintenance", maintenance.length ? `<ul class="list">${maintenance.join("")}</ul>` : none("No maintenance in progress or planned for the next 30 days.")),
    section("services-heading", "Services", services.length ? `<ul class="plain">${services.join("")}</ul>` : none("No services are listed on this page yet.")),
    section("history-heading", "Incident history (90 days)", view.pastIncidents.length ? incidents(view.pastIncidents) : none("No incidents in the last 90 days.")),
  ].join("\n");
  return document(view.title, body, feed);
}

/** What an unpublished or unknown page answers (404), in the words of the app's not-found page. */
export function statusPageNotFoundHtml(): string {
  return document("Not found", `<h1>Not found</h1><p class="muted">There is nothing here, or you may not see it.</p>`);
}
