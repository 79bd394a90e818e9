import { describe, expect, it } from "vitest";
import { afterResponse } from "@/lib/server/after-response";

describe("afterResponse outside a request (CLI, tests)", () => {
  it("starts the task at once without waiting for it", async () => {
    let started = false;
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    afterResponse(async () => {
      started = true;
      await done;
    });
    expect(started).toBe(true);
    finish();
  });

  it("a task that fails is logged, not thrown and not left unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      expect(() => afterResponse(() => Promise.reject(new Error("smtp down")))).not.toThrow();
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
