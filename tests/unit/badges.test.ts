import { describe, expect, it } from "vitest";
import { BADGE_COLOURS, badgeSvg, escapeXml, segmentWidth, textWidth, type BadgeSpec } from "@/lib/badges/svg";
import { healthBadge, readinessBadge, uptimeBadge, uptimeTone } from "@/lib/badges/messages";
import type { UptimeCoverage } from "@/lib/uptime/coverage";

const spec = (over: Partial<BadgeSpec> = {}): BadgeSpec => ({ label: "readiness", message: "Ready · 92/100", tone: "good", title: "Payments readiness: Ready, score 92 of 100", ...over });

/** The root's attributes, the <title>, the two rects' fills and the texts (the markup is one line of known shape). */
function parse(svg: string): { root: Record<string, string>; title: string; fills: string[]; texts: string[] } {
  const attrs = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
  const root = attrs(/^<svg [^>]*>/.exec(svg)![0]);
  // Every "<" starts one of the badge's own elements: text is escaped.
  const tags = [...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]);
  expect(new Set(tags)).toEqual(new Set(["svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text"]));
  return {
    root,
    title: /<title>([^<]*)<\/title>/.exec(svg)![1]!,
    fills: [...svg.matchAll(/<rect [^>]*fill="(#[0-9a-f]+)"/g)].map((m) => m[1]!),
    texts: [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!),
  };
}

describe("badge width", () => {
  it("grows with the text, wide letters more than narrow ones", () => {
    expect(textWidth("")).toBe(0);
    expect(textWidth("iiii")).toBeLessThan(textWidth("mmmm"));
    expect(textWidth("ab")).toBeCloseTo(textWidth("a") + textWidth("b"));
    expect(textWidth("漢")).toBeGreaterThan(textWidth("a"));
  });

  it("is the sum of both halves, each its text plus padding", () => {
    const short = parse(badgeSvg(spec({ message: "Up" })));
    const long = parse(badgeSvg(spec({ message: "3 of 12 degraded" })));
    expect(Number(long.root.width)).toBeGreaterThan(Number(short.root.width));
    expect(Number(short.root.width)).toBe(segmentWidth("readiness") + segmentWidth("Up"));
    expect(segmentWidth("Up")).toBe(Math.round(textWidth("Up")) + 10);
    expect(short.root.height).toBe("20");
  });
});

describe("badge markup", () => {
  it("has role img, an accessible name and a <title>, and both texts", () => {
    const svg = parse(badgeSvg(spec()));
    expect(svg.root.role).toBe("img");
    expect(svg.root["aria-label"]).toBe("Payments readiness: Ready, score 92 of 100");
    expect(svg.title).toBe("Payments readiness: Ready, score 92 of 100");
    expect(svg.texts).toEqual(["readiness", "Ready · 92/100"]);
  });

  it("escapes text in elements and attributes, and drops what XML cannot hold", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    const nasty = `</title><script>alert("x")</script>\u0000 & 'q'`;
    const raw = badgeSvg(spec({ title: nasty, message: nasty }));
    expect(raw).not.toContain("<script>");
    expect(raw).not.toContain("\u0000");
    const svg = parse(raw);
    expect(svg.root["aria-label"]).toContain("&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)");
    expect(svg.title).toBe("&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\ufffd &amp; &apos;q&apos;");
    expect(svg.texts[1]).toBe(svg.title);
  });

  it("colours the message by its tone", () => {
    for (const tone of ["good", "warning", "bad", "neutral"] as const) {
      const svg = parse(badgeSvg(spec({ tone })));
      // label, message, gloss: the clip path's rect has fill="#fff" and comes first
      expect(svg.fills.slice(1, 3)).toEqual(["#444d56", BADGE_COLOURS[tone]]);
    }
    expect(new Set(Object.values(BADGE_COLOURS)).size).toBe(4);
  });
});

describe("what the badges say", () => {
  it("readiness: level in words and score, coloured per level", () => {
    expect(readinessBadge("Payments", { level: "ready", score: 92 })).toEqual({ label: "readiness", message: "Ready · 92/100", tone: "good", title: "Payments readiness: Ready, score 92 of 100" });
    expect(readinessBadge("P", { level: "at-risk", score: 71 })).toMatchObject({ message: "At risk · 71/100", tone: "warning" });
    expect(readinessBadge("P", { level: "not-ready", score: 20 })).toMatchObject({ message: "Not ready · 20/100", tone: "bad" });
  });

  it("health: the board card's words", () => {
    const h = { checks: 3, down: 1, up: 2, unknown: 0, paused: 0 };
    expect(healthBadge("P", h)).toMatchObject({ message: "1 of 3 down", tone: "bad", title: "P health: 1 of 3 down" });
    expect(healthBadge("P", { ...h, down: 0, up: 3 })).toMatchObject({ message: "Up", tone: "good" });
    expect(healthBadge("P", { checks: 0, down: 0, up: 0, unknown: 0, paused: 0 })).toMatchObject({ message: "No check", tone: "neutral" });
  });

  it("uptime: the figure with its observed time, or the coverage wording under the minimum", () => {
    const enough: UptimeCoverage = { firstProbeAt: new Date(0), observedSeconds: 30 * 86400, rangeSeconds: 30 * 86400, share: 1, probes: 5000, enough: true };
    expect(uptimeBadge("P", "30d", { uptimePercent: 99.953, observed: enough })).toEqual({
      label: "uptime 30d",
      message: "99.95 %",
      tone: "good",
      title: "P uptime over 30 d: 99.95 % (all of 30 d observed)",
    });
    const little = { ...enough, observedSeconds: 600, share: 600 / (30 * 86400), probes: 11, enough: false };
    expect(uptimeBadge("P", "30d", { uptimePercent: 18.18, observed: little })).toEqual({
      label: "uptime 30d",
      message: "Not enough data yet",
      tone: "neutral",
      title: "P uptime over 30 d: Not enough data yet (10 min of 30 d observed)",
    });
    expect(uptimeTone(99.9)).toBe("good");
    expect(uptimeTone(99.5)).toBe("warning");
    expect(uptimeTone(97)).toBe("bad");
  });
});
