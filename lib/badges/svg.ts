/**
 * Shields-style "flat" badges as SVG text, pure: a grey label on the left, the message on a colour of its
 * tone on the right. Widths come from Verdana's advance widths at 11 px (the font shields.io measures
 * with), and each text carries `textLength`, so the badge looks the same whichever fallback font the
 * viewer has. Accessible: `role="img"` with the title as its name and a `<title>`; the message says in
 * words what the colour says.
 */
import type { StatusTone } from "@/lib/status/present";

export interface BadgeSpec {
  label: string;
  message: string;
  tone: StatusTone;
  /** the accessible name: what the badge says in a sentence */
  title: string;
}

/** Message backgrounds; each has at least 4.5:1 contrast with the white text. */
export const BADGE_COLOURS: Record<StatusTone, string> = {
  good: "#1a7f37",
  warning: "#9a6700",
  bad: "#cf222e",
  neutral: "#57606a",
};
export const LABEL_COLOUR = "#444d56";
export const BADGE_HEIGHT = 20;
/** Space left and right of each text. */
const PADDING = 5;

/** Verdana 11 px advance widths of printable ASCII, from space (0x20) to tilde (0x7e). */
const ASCII_WIDTHS = [
  3.87, 4.33, 5.05, 9.01, 6.99, 12.31, 7.99, 2.69, 4.99, 4.99, 6.99, 9.01, 4.0, 4.99, 4.0, 4.99,
  6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 6.99, 4.99, 4.99, 9.01, 9.01, 9.01, 5.99,
  11.0, 7.52, 7.54, 7.68, 8.48, 6.96, 6.32, 8.53, 8.27, 4.61, 5.0, 7.62, 6.12, 9.27, 8.23, 8.66,
  6.63, 8.66, 7.65, 7.52, 6.78, 8.05, 7.52, 10.88, 7.54, 6.77, 7.54, 4.99, 4.99, 4.99, 9.01, 6.99,
  6.99, 6.61, 6.85, 5.73, 6.85, 6.55, 3.87, 6.85, 6.96, 3.02, 3.79, 6.51, 3.02, 10.66, 6.96, 6.68,
  6.85, 6.85, 4.69, 5.73, 4.33, 6.96, 6.51, 9.01, 6.51, 6.51, 5.78, 6.98, 4.99, 6.98, 9.01,
];
/** Characters outside ASCII: wide ones (CJK, emoji) as a full em, the rest as an average letter. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\ud800-\udbff][\udc00-\udfff]/;

/** The rendered width of `text` in Verdana 11 px, in pixels (not rounded). */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e) width += ASCII_WIDTHS[code - 0x20]!;
    else if (ch === "\u00b7") width += 4.0;
    else width += WIDE.test(ch) ? 11 : 7;
  }
  return width;
}

/** Characters XML 1.0 does not allow at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe inside an element and inside a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** The width of one half of the badge: its text and the padding on both sides, in whole pixels. */
export function segmentWidth(text: string): number {
  return Math.round(textWidth(text)) + 2 * PADDING;
}

export function badgeSvg(spec: BadgeSpec): string {
  const labelWidth = segmentWidth(spec.label);
  const messageWidth = segmentWidth(spec.message);
  const width = labelWidth + messageWidth;
  const title = escapeXml(spec.title);
  const colour = BADGE_COLOURS[spec.tone];
  const text = (x: number, value: string) =>
    `<text x="${x + PADDING}" y="14" textLength="${Math.round(textWidth(value))}" lengthAdjust="spacingAndGlyphs">${escapeXml(value)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${BADGE_HEIGHT}" viewBox="0 0 ${width} ${BADGE_HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="${BADGE_HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)">`,
    `<rect width="${labelWidth}" height="${BADGE_HEIGHT}" fill="${LABEL_COLOUR}"/>`,
    `<rect x="${labelWidth}" width="${messageWidth}" height="${BADGE_HEIGHT}" fill="${colour}"/>`,
    `<rect width="${width}" height="${BADGE_HEIGHT}" fill="url(#s)"/>`,
    `</g>`,
    `<g fill="#fff" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" aria-hidden="true">`,
    text(0, spec.label),
    text(labelWidth, spec.message),
    `</g>`,
    `</svg>`,
  ].join("");
}
