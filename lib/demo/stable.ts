import { createHash } from "node:crypto";

/** A stable number in [0, 1) from a string, so "random" demo choices are the same everywhere. */
export function stableFraction(s: string): number {
  return createHash("sha256").update(s).digest().readUInt32BE(0) / 2 ** 32;
}
