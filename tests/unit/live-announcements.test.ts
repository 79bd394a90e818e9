import { describe, expect, it } from "vitest";
import { changedAnnouncements, checkAnnouncements, ongoingIncidentAnnouncement, thresholdAnnouncements } from "@/lib/status/announce";

describe("what a live page announces when it re-renders (decision 0023)", () => {
  const up = checkAnnouncements([
    { id: "c1", name: "api", status: "up", enabled: true },
    { id: "c2", name: "web", status: "up", enabled: true },
  ]);

  it("says each thing's status in the shared words", () => {
    expect(up.map((a) => a.text)).toEqual(["Health check api: Up", "Health check web: Up"]);
    expect(checkAnnouncements([{ id: "c1", name: "api", status: "down", enabled: false }])[0]!.text).toBe("Health check api: Paused");
    expect(thresholdAnnouncements([{ id: "t1", label: "CPU usage", status: "breached" }])[0]!.text).toBe("Threshold CPU usage: Breached");
    expect(ongoingIncidentAnnouncement([])[0]!.text).toBe("No ongoing incident");
    expect(ongoingIncidentAnnouncement([{ checkName: "api", endedAt: null }, { checkName: "web", endedAt: new Date() }])[0]!.text).toBe("Ongoing incident: api");
  });

  it("reads only what changed between two renders, nothing for a refresh that changed nothing", () => {
    expect(changedAnnouncements(up, up)).toBe("");
    const down = checkAnnouncements([
      { id: "c1", name: "api", status: "down", enabled: true },
      { id: "c2", name: "web", status: "up", enabled: true },
    ]);
    expect(changedAnnouncements(up, down)).toBe("Health check api: Down");
    expect(changedAnnouncements(down, up)).toBe("Health check api: Up");
  });

  it("does not read things that appeared or disappeared", () => {
    const added = [...up, ...checkAnnouncements([{ id: "c3", name: "db", status: "down", enabled: true }])];
    expect(changedAnnouncements(up, added)).toBe("");
    expect(changedAnnouncements(added, up)).toBe("");
  });

  it("reads an incident opening on the uptime page", () => {
    expect(changedAnnouncements(ongoingIncidentAnnouncement([]), ongoingIncidentAnnouncement([{ checkName: "api", endedAt: null }]))).toBe("Ongoing incident: api");
  });
});
