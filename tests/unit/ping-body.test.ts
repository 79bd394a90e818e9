import { describe, expect, it } from "vitest";
import { CUT_MARKER, readCappedBody } from "@/lib/recovery/ping";

/** A body of `chunks` chunks of `size` bytes that records how far it was read and whether it was cancelled. */
function body(chunks: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { stream, seen };
}

describe("readCappedBody", () => {
  it("keeps the first bytes as the excerpt and reads the rest to the end, so the connection stays usable", async () => {
    const { stream, seen } = body(64, 16 * 1024); // 1 MiB
    const excerpt = await readCappedBody(stream, 10 * 1024, 4 * 1024 * 1024);
    expect(excerpt).toBe("a".repeat(10 * 1024) + CUT_MARKER);
    expect(seen).toEqual({ pulled: 64, cancelled: false });
  });

  it("stops reading a body larger than the drain limit", async () => {
    const { stream, seen } = body(1000, 16 * 1024); // 16 MB offered
    const excerpt = await readCappedBody(stream, 10 * 1024, 1024 * 1024);
    expect(excerpt).toBe("a".repeat(10 * 1024) + CUT_MARKER);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(100);
  });

  it("returns a short body whole, and nothing for an empty one", async () => {
    expect(await readCappedBody(body(1, 100).stream)).toBe("a".repeat(100));
    expect(await readCappedBody(body(0, 100).stream)).toBeNull();
    expect(await readCappedBody(null)).toBeNull();
  });
});
