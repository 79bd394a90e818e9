import { describe, expect, it } from "vitest";
import { xmlEscape } from "@/lib/status-page/feed";
import { dayBars, overallStatus, publicStatus, statusPageWindow } from "@/lib/status-page/present";

const DAY = 86_400_000;

describe("status page words", () => {
  it("a service in maintenance says so whatever its checks say; no enabled check is no data", () => {
    const until = new Date();
    expect(publicStatus({ status: "down", maintenanceUntil: until })).toBe("maintenance");
    expect(publicStatus({ status: "down", maintenanceUntil: null })).toBe("outage");
    expect(publicStatus({ status: "degraded", maintenanceUntil: null })).toBe("degraded");
    expect(publicStatus({ status: "up", maintenanceUntil: null })).toBe("operational");
    expect(publicStatus({ status: null, maintenanceUntil: null })).toBe("unknown");
  });

  it("the headline is the worst service", () => {
    expect(overallStatus([]).text).toBe("No services listed");
    expect(overallStatus(["operational", "outage"]).text).toBe("Partial outage");
    expect(overallStatus(["outage", "outage"]).text).toBe("Major outage");
    expect(overallStatus(["operational", "degraded", "maintenance"]).text).toBe("Degraded performance");
    expect(overallStatus(["operational", "maintenance"]).text).toBe("Maintenance in progress");
    expect(overallStatus(["operational", "unknown"]).text).toBe("All systems operational");
  });

  it("90 UTC days, gaps as no data, an incident counted on every day it was open", () => {
    const now = new Date("2026-12-07T15:00:00Z");
    const window = statusPageWindow(now);
    expect(window.from.toISOString()).toBe("2026-09-09T00:00:00.000Z");
    const today = Date.parse("2026-12-07T00:00:00Z");
    const bars = dayBars(
      "s",
      [{ serviceId: "s", day: today, up: 999, down: 1, degraded: 0, maintenance: 0 }],
      [{ id: "i", serviceId: "s", startedAt: new Date(today - DAY + 3600_000 * 23), endedAt: new Date(today + 600_000), errorClass: "timeout" }],
      window,
    );
    expect(bars).toHaveLength(90);
    expect(bars.at(-1)).toMatchObject({ t: today, availability: 99.9, level: "partial", incidents: 1, text: "7 Dec 2026: 99.90 % uptime, 1 incident" });
    expect(bars.at(-2)).toMatchObject({ availability: null, level: "none", incidents: 1, text: "6 Dec 2026: no data, 1 incident" });
    expect(bars.at(-3)).toMatchObject({ incidents: 0, text: "5 Dec 2026: no data, no incidents" });
  });

  it("escapes XML and drops characters XML cannot hold", () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
  });
});
